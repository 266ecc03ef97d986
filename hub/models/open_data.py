"""The open-data page and the files the task worker built (hub/open_data/)."""

from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from hub import indexing
from hub.blocks import BodyStreamBlock
from hub.models.mixins import PagePresentationMixin


class OpenDataFile(models.Model):
    """The latest built file of one dataset in one language and format."""

    dataset = models.CharField(_("dataset"), max_length=50)
    language = models.CharField(_("language"), max_length=10)
    format = models.CharField(_("format"), max_length=10)
    path = models.CharField(_("file in storage"), max_length=255)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    rows = models.PositiveIntegerField(_("rows"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    built_at = models.DateTimeField(_("built at"))

    class Meta:
        verbose_name = _("open data file")
        verbose_name_plural = _("open data files")
        constraints = [
            models.UniqueConstraint(
                fields=["dataset", "language", "format"], name="opendatafile_unique"
            )
        ]
        # Editors who may download the data from the admin have "view"; nothing else is done
        # to these rows by hand.
        default_permissions = ("view",)

    def __str__(self):
        return f"{self.dataset}.{self.format} ({self.language})"


class OpenDataPage(PagePresentationMixin, Page):
    """The open data: the licence, the files with their sizes and dates, and their columns.

    A page type, so that editors write and translate the text around the files; the list of
    files, their columns and the licence's terms come from the hub, the same on every site.
    """

    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("A short lead: what the data is and who may use it."),
    )
    body = StreamField(
        BodyStreamBlock(),
        blank=True,
        verbose_name=_("body"),
        help_text=_("Shown above the list of files, for example on how to cite the data."),
    )
    text_limits = {"introduction": 400}

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        indexing.summary("introduction"),
        index.SearchField("body"),
    ]

    parent_page_types = ["hub.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "pages/open_data_page.html"

    class Meta:
        verbose_name = _("open data page")
        verbose_name_plural = _("open data pages")

    def get_context(self, request, *args, **kwargs):
        from hub.open_data.registry import FORMATS, datasets, licence_url

        context = super().get_context(request, *args, **kwargs)
        language = get_language()
        built = {
            (row.dataset, row.format): row for row in OpenDataFile.objects.filter(language=language)
        }
        context["datasets"] = [
            {
                "dataset": dataset,
                "files": [
                    {
                        "format": name,
                        "url": reverse(f"open_data_{dataset.key}", kwargs={"format": name}),
                        "built": built.get((dataset.key, name)),
                    }
                    for name in FORMATS
                ],
                "schema": dataset.schema()["fields"],
            }
            for dataset in datasets()
        ]
        context["licence_url"] = licence_url(language)
        context["datapackage_url"] = reverse("open_data_package")
        return context
