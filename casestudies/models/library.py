"""The case study library: the page that browses every case study below it."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import (
    FieldPanel,
)
from wagtail.contrib.routable_page.models import path
from wagtail.models import Page

from casestudies.facets import CaseStudyBrowser
from casestudies.feeds import LibraryAtomFeed, LibraryRssFeed
from casestudies.importing.jobs import ImportJob  # noqa: F401  (a model of this app)
from casestudies.models.pages import CaseStudyPage
from hub import indexing
from hub.browsing.follow import FollowedListingMixin
from hub.models import ListingSourceMixin, PagePresentationMixin
from hub.models.mixins import per_page_field
from hub.models.related import in_private_section


class CaseStudyIndexPage(FollowedListingMixin, ListingSourceMixin, PagePresentationMixin, Page):
    """The case study library: faceted browsing over every case study below it."""

    introduction = models.TextField(_("introduction"), blank=True)
    per_page = per_page_field(_("case studies per page"), low=3, high=48)

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("per_page")]
    search_fields = [*Page.search_fields, indexing.summary("introduction")]

    parent_page_types = ["hub.HomePage"]
    subpage_types = ["casestudies.CaseStudyPage"]
    max_count_per_parent = 1
    template = "pages/case_study_index_page.html"
    browser_class = CaseStudyBrowser
    # The feeds of every view of the library (hub/browsing/follow.py): route, type, label.
    feeds = [("rss", "application/rss+xml", "RSS"), ("atom", "application/atom+xml", "Atom")]

    class Meta:
        verbose_name = _("case study library")
        verbose_name_plural = _("case study libraries")

    def get_case_studies(self):
        return CaseStudyPage.objects.live().exclude(in_private_section()).descendant_of(self)

    def get_listing_items(self, limit):
        return self.get_case_studies().for_cards().order_by("-first_published_at", "-pk")[:limit]

    @path("rss/", name="rss")
    def rss_feed(self, request):
        return LibraryRssFeed(self)(request)

    @path("atom/", name="atom")
    def atom_feed(self, request):
        return LibraryAtomFeed(self)(request)
