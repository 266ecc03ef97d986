from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from hub import indexing
from hub.blocks import BodyStreamBlock, HomeSectionsBlock
from hub.models.mixins import ListingSourceMixin, PagePresentationMixin


class HomePage(PagePresentationMixin, Page):
    """The start page of one language: an introduction and editable sections."""

    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("A few sentences that tell a first-time visitor what the hub offers."),
    )
    sections = StreamField(
        HomeSectionsBlock(),
        blank=True,
        verbose_name=_("sections"),
        help_text=_("The blocks under the introduction, in the order they are shown."),
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("sections")]
    search_fields = [*Page.search_fields, indexing.summary("introduction")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "hub.StandardPage",
        "casestudies.CaseStudyIndexPage",
        "events.EventIndexPage",
        "hub.NewsletterIndexPage",
        "hub.OpenDataPage",
    ]
    template = "pages/home_page.html"

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")


class StandardPage(ListingSourceMixin, PagePresentationMixin, Page):
    """An ordinary content page: about the network, accessibility statement, privacy."""

    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("A short lead shown under the title, in listings and search results."),
    )
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))
    text_limits = {"introduction": 400}
    show_in_footer = models.BooleanField(
        _("show in footer"),
        default=False,
        help_text=_("Link to this page from the footer of every page."),
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    promote_panels = [
        *Page.promote_panels,
        MultiFieldPanel([FieldPanel("show_in_footer")], heading=_("Footer")),
    ]
    search_fields = [
        *Page.search_fields,
        indexing.summary("introduction"),
        index.SearchField("body"),
    ]

    parent_page_types = ["hub.HomePage", "hub.StandardPage"]
    subpage_types = ["hub.StandardPage"]
    template = "pages/standard_page.html"

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")
