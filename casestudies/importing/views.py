"""The import in Wagtail's admin: upload, progress and report, the column guide and templates.

Only editors who may publish case studies in a library import into it: an import can change
pages written by anyone, which writers may not. The work runs in the task worker; the progress
page reloads itself through a `<meta http-equiv="refresh">`, which the strict CSP allows.
"""

from datetime import timedelta

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies.pages import PagePermissionPolicy

from casestudies.importing.columns import COLUMNS, csv_template, xlsx_template
from casestudies.importing.jobs import ImportJob
from casestudies.importing.reading import MAX_BYTES, MAX_ROWS
from casestudies.importing.tasks import start_import
from casestudies.models import CaseStudyIndexPage

# How often the progress page reloads itself, in seconds.
REFRESH_SECONDS = 2
# A dry run's file is kept this long for importing it without a new upload.
KEEP_DRY_RUN = timedelta(days=1)
TEMPLATES = {
    "csv": ("text/csv; charset=utf-8", csv_template),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx_template),
}


def libraries_for(user):
    """The case study libraries in which `user` may publish."""
    libraries = CaseStudyIndexPage.objects.select_related("locale").order_by("path")
    return [
        library for library in libraries if library.permissions_for_user(user).can_publish_subpage()
    ]


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "CSV (UTF-8) or Excel (.xlsx), at most %(size)s MB and %(rows)s rows."
        )
        % {"size": MAX_BYTES // (1024 * 1024), "rows": MAX_ROWS},
    )
    library = forms.ModelChoiceField(
        label=gettext_lazy("Case study library"), queryset=CaseStudyIndexPage.objects.none()
    )
    mode = forms.ChoiceField(
        label=gettext_lazy("What to do"),
        choices=ImportJob.Mode.choices,
        initial=ImportJob.Mode.DRY_RUN,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, libraries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "CSV (UTF-8) or Excel (.xlsx), at most %(size)s MB and %(rows)s rows."
        ) % {
            "size": MAX_BYTES // (1024 * 1024),
            "rows": formats.number_format(MAX_ROWS, force_grouping=True),
        }
        self.fields["library"].queryset = CaseStudyIndexPage.objects.filter(
            pk__in=[library.pk for library in libraries]
        )
        self.fields["library"].label_from_instance = lambda library: (
            f"{library.title} ({library.locale.get_display_name()})"
        )
        if libraries:
            self.fields["library"].initial = libraries[0].pk

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)s MB; split it into smaller files.")
                % {"size": MAX_BYTES // (1024 * 1024)}
            )
        if not file.name.casefold().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Choose a CSV (.csv) or Excel (.xlsx) file."))
        return file


def new_job(request, **fields):
    # Files of dry runs nobody went on with are let go.
    ImportJob.objects.filter(created_at__lt=timezone.now() - KEEP_DRY_RUN).exclude(
        content=None
    ).update(content=None)
    job = ImportJob.objects.create(
        user=request.user, language=translation.get_language() or "sv", **fields
    )
    start_import(job)
    return redirect("casestudies_import_status", job.pk)


def import_view(request):
    form = ImportForm(
        request.POST or None, request.FILES or None, libraries=request.import_libraries
    )
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        return new_job(
            request,
            library=form.cleaned_data["library"],
            file_name=file.name[:255],
            content=file.read(),
            mode=form.cleaned_data["mode"],
        )
    recent = ImportJob.objects.filter(user=request.user).order_by("-created_at")[:5]
    return TemplateResponse(
        request,
        "wagtailadmin/case_study_import.html",
        {
            "form": form,
            "columns": COLUMNS,
            "recent": recent,
            "page_title": _("Import case studies"),
        },
    )


def status_view(request, job_id):
    job = get_object_or_404(
        ImportJob.objects.select_related("library"), pk=job_id, user=request.user
    )
    if request.method == "POST":
        # Importing a dry run's file: the same file, now written.
        mode = request.POST.get("mode")
        allowed = job.library in request.import_libraries if job.library else False
        if job.content is None or not allowed or mode not in ImportJob.Mode.values:
            return redirect("casestudies_import")
        return new_job(
            request, library=job.library, file_name=job.file_name, content=job.content, mode=mode
        )
    return TemplateResponse(
        request,
        "wagtailadmin/case_study_import_status.html",
        {
            "job": job,
            "report": job.report,
            "refresh": None if job.finished else REFRESH_SECONDS,
            "can_import_now": job.mode == ImportJob.Mode.DRY_RUN and job.content is not None,
            "modes": [ImportJob.Mode.DRAFT, ImportJob.Mode.PUBLISH],
            "page_title": _("Import case studies"),
        },
    )


def template_view(request, kind):
    if kind not in TEMPLATES:
        raise Http404
    content_type, make = TEMPLATES[kind]
    response = HttpResponse(make(), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="case-studies.{kind}"'
    return response


def may_import(view):
    """`view` for users who may publish in some library; it finds those libraries in
    `request.import_libraries`, worked out once per request."""

    def checked(request, *args, **kwargs):
        request.import_libraries = libraries_for(request.user)
        if not request.import_libraries:
            return permission_denied(request)
        return view(request, *args, **kwargs)

    return checked


admin_urls = [
    path("case-study-import/", may_import(import_view), name="casestudies_import"),
    path(
        "case-study-import/<uuid:job_id>/",
        may_import(status_view),
        name="casestudies_import_status",
    ),
    path(
        "case-study-import/template.<str:kind>",
        may_import(template_view),
        name="casestudies_import_template",
    ),
]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        # On every admin page, so from the permissions Wagtail keeps per user: whoever may
        # publish pages. The views check the libraries themselves.
        return PagePermissionPolicy().user_has_permission(request.user, "publish")


def menu_item():
    return ImportMenuItem(
        gettext_lazy("Import case studies"),
        reverse("casestudies_import"),
        icon_name="upload",
        order=850,
    )
