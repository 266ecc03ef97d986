"""The newsletter archive and its issues."""

from datetime import datetime, time
from itertools import groupby

from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager, PageQuerySet
from wagtail.search import index

from hub import indexing
from hub.aggregates import cached_aggregate
from hub.api.fields import TagsField
from hub.browsing.pagination import paginate
from hub.models.mixins import (
    EDITING_FIELDS,
    ListingSourceMixin,
    PagePresentationMixin,
    per_page_field,
    shared_tags_field,
)
from hub.models.related import in_private_section
from hub.newsletters.blocks import NewsletterSectionsBlock
from hub.newsletters.email import email_edition_response
from hub.newsletters.feeds import NewsletterAtomFeed, NewsletterRssFeed
from hub.newsletters.forms import SubscribeForm
from hub.sharing import share_image
from hub.structured_data import article
from hub.tags import tag_counts
from hub.timezones import STOCKHOLM
from hub.versions import remember_for


class NewsletterTag(TaggedItemBase):
    content_object = ParentalKey(
        "hub.NewsletterIssuePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NewsletterIndexPage(RoutablePageMixin, ListingSourceMixin, PagePresentationMixin, Page):
    """The newsletter archive, its feeds, and signing up for it."""

    introduction = models.TextField(_("introduction"), blank=True)
    per_page = per_page_field(_("issues per page"))

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("per_page")]
    search_fields = [*Page.search_fields, indexing.summary("introduction")]

    parent_page_types = ["hub.HomePage"]
    subpage_types = ["hub.NewsletterIssuePage"]
    max_count_per_parent = 1
    template = "pages/newsletter_index_page.html"

    class Meta:
        verbose_name = _("newsletter archive")
        verbose_name_plural = _("newsletter archives")

    def get_issues(self):
        issues = NewsletterIssuePage.objects.live().exclude(in_private_section()).child_of(self)
        return issues.order_by("-issue_date", "-number")

    def get_issue_cards(self):
        """The issues as a list, a feed or a card shows them (`for_cards()`)."""
        return self.get_issues().for_cards()

    def get_listing_items(self, limit):
        return self.get_issue_cards()[:limit]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        notices = []
        kept = cached_aggregate(f"newsletter-archive:{self.pk}", self.kept_counts)
        cards = self.get_issue_cards()
        issues = paginate(request.GET, cards, self.per_page, notices, count=kept["issues"])
        context["issues"] = issues
        context["years"] = [
            (year, list(group))
            for year, group in groupby(issues.object_list, key=lambda issue: issue.issue_date.year)
        ]
        context["notices"] = notices
        context["tags"] = kept["tags"]
        context["subscribe_form"] = SubscribeForm()
        return context

    def kept_counts(self):
        """How many issues there are and how many carry each tag, kept per content version."""
        issues = self.get_issues()
        return {"issues": issues.count(), "tags": tag_counts(NewsletterTag, issues)}

    @path("rss/", name="rss")
    def rss_feed(self, request):
        return NewsletterRssFeed(self)(request)

    @path("atom/", name="atom")
    def atom_feed(self, request):
        return NewsletterAtomFeed(self)(request)


class NewsletterIssuePageQuerySet(PageQuerySet):
    def for_cards(self):
        """The issues without their sections, sign-off and editing fields, which no card,
        list or feed shows."""
        return self.defer("sections", "sign_off", *EDITING_FIELDS)


class NewsletterIssuePage(RoutablePageMixin, PagePresentationMixin, Page):
    """One issue of the newsletter: on the web, as e-mail, and in the feeds."""

    issue_date = models.DateField(_("issue date"))
    number = models.PositiveIntegerField(
        _("number"), validators=[MinValueValidator(1), MaxValueValidator(9999)]
    )
    intro = models.TextField(
        _("introduction"),
        max_length=600,
        help_text=_("A few sentences that open the issue; also its summary in feeds and lists."),
    )
    sections = StreamField(
        NewsletterSectionsBlock(),
        blank=True,
        verbose_name=_("sections"),
        help_text=_("Featured case studies and events show their current title, date and summary."),
    )
    sign_off = models.TextField(_("sign-off"), blank=True)
    tags = shared_tags_field(NewsletterTag)

    summary_field = "intro"
    text_limits = {"intro": 600}
    card_template = "components/newsletter_card.html"
    og_type = "article"

    objects = PageManager.from_queryset(NewsletterIssuePageQuerySet)()

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("issue_date"), FieldPanel("number")]),
        FieldPanel("intro"),
        FieldPanel("sections"),
        FieldPanel("sign_off"),
        FieldPanel("tags"),
    ]
    search_fields = [
        *Page.search_fields,
        indexing.summary("intro"),
        index.SearchField("sections"),
        indexing.tags(),
        index.FilterField("issue_date"),
    ]
    # The JSON API (docs/api.md).
    api_fields = [
        APIField("issue_date"),
        APIField("number"),
        APIField("intro"),
        APIField("sign_off"),
        APIField("tags", serializer=TagsField()),
    ]

    @classmethod
    def get_indexed_objects(cls):
        return indexing.with_search_relations(super().get_indexed_objects())

    parent_page_types = ["hub.NewsletterIndexPage"]
    subpage_types = []
    template = "pages/newsletter_issue_page.html"

    class Meta:
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")
        # Sending mails every subscriber: a role of its own (hub/roles.py), apart from publishing.
        permissions = [("send_newsletterissuepage", _("Can send newsletter issues"))]

    def get_listing_date(self):
        return datetime.combine(self.issue_date, time(8, 0), tzinfo=STOCKHOLM)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Which issues come before and after changes only when editors publish.
        key = ("issue neighbours", self.pk)
        context.update(remember_for(request, key, self.neighbours))
        context["structured_data"] = article(self, request, image=share_image(self, request))
        return context

    def neighbours(self):
        """The previous and next live issue in the archive, and the archive itself."""
        siblings = NewsletterIssuePage.objects.live().exclude(in_private_section())
        siblings = siblings.sibling_of(self, inclusive=False)
        return {
            "previous_issue": (
                siblings.filter(issue_date__lte=self.issue_date, number__lt=self.number)
                .order_by("-issue_date", "-number")
                .first()
            ),
            "next_issue": (
                siblings.filter(issue_date__gte=self.issue_date, number__gt=self.number)
                .order_by("issue_date", "number")
                .first()
            ),
            "archive": self.get_parent().specific,
        }

    @path("email/", name="email")
    def email_edition(self, request):
        return email_edition_response(self)

    @property
    def preview_modes(self):
        return [("", _("Web page")), ("email", _("E-mail edition"))]

    def serve_preview(self, request, mode_name):
        """The e-mail edition previews as it will be sent, drafts and unsaved edits included."""
        if mode_name == "email":
            return email_edition_response(self)
        return super().serve_preview(request, mode_name)
