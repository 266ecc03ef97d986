"""The admin's downloads of the open data: the same files, filtered, made on request.

A download reads its rows a chunk at a time: CSV and JSON are sent as they are written, an
XLSX file is written to a temporary file first (a workbook is complete only when saved).
"""

import io
import tempfile

from django import forms
from django.conf import settings
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.auth import permission_denied
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.models import Locale

from hub.open_data.registry import FORMATS, dataset_for, datasets
from hub.open_data.writers import write
from hub.roles import OPEN_DATA_DOWNLOAD

FORMAT_LABELS = {"csv": "CSV", "xlsx": "Excel (XLSX)", "json": "JSON"}


class DownloadForm(forms.Form):
    """One dataset's download: the language, the format and its filters."""

    language = forms.ChoiceField(label=_("Language"))
    format = forms.ChoiceField(
        label=_("Format"), choices=[(name, FORMAT_LABELS[name]) for name in FORMATS]
    )

    def __init__(self, dataset, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.dataset = dataset
        self.fields["language"].choices = settings.LANGUAGES
        locale = Locale.get_active()
        for choice in dataset.filters:
            self.fields[choice.name] = forms.ChoiceField(
                label=choice.label,
                required=False,
                choices=[("", _("All")), *choice.choices(locale)],
            )

    def pages(self):
        data = self.cleaned_data
        locale = Locale.objects.filter(language_code=data["language"]).first()
        if locale is None:
            return None
        pages = self.dataset.rows(locale)
        for choice in self.dataset.filters:
            if data.get(choice.name):
                pages = pages.filter(**{choice.lookup: data[choice.name]})
        return pages.distinct()


def streamed(dataset, pages, format, language, built_at):
    """The file's bytes as they are written."""
    buffer = io.BytesIO()
    with translation.override(language):
        for _count in write(dataset, pages, {format: buffer}, built_at):
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()


class OpenDataDownloadView(WagtailAdminTemplateMixin, TemplateView):
    """Each dataset with its choices; a choice made downloads the file."""

    template_name = "wagtailadmin/open_data.html"
    page_title = _("Open data")
    header_icon = "download"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(OPEN_DATA_DOWNLOAD):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.page_title

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get(self, request, *args, **kwargs):
        forms_ = {dataset.key: DownloadForm(dataset, prefix=dataset.key) for dataset in datasets()}
        dataset = dataset_for(request.GET.get("dataset", ""))
        if dataset is not None:
            key = dataset.key
            form = forms_[key] = DownloadForm(dataset, request.GET, prefix=key)
            if form.is_valid():
                pages = form.pages()
                if pages is not None:
                    return self.download(dataset, form.cleaned_data, pages)
        return self.render_to_response(self.get_context_data(forms=forms_.values()))

    def download(self, dataset, data, pages):
        format, language = data["format"], data["language"]
        built_at = timezone.now().replace(microsecond=0)
        with translation.override(language):
            filename = f"{dataset.file_name}.{format}"
        if format == "xlsx":
            binary = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it)
            with translation.override(language):
                for _count in write(dataset, pages, {format: binary}, built_at):
                    pass
            binary.seek(0)
            return FileResponse(
                binary, as_attachment=True, filename=filename, content_type=FORMATS[format]
            )
        response = StreamingHttpResponse(
            streamed(dataset, pages, format, language, built_at), content_type=FORMATS[format]
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
