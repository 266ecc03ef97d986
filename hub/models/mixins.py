"""Shared page behaviour, as plain mixins so they add no database columns."""

from modelcluster.contrib.taggit import ClusterTaggableManager

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F
from django.utils.text import Truncator, format_lazy
from django.utils.translation import gettext_lazy as _

from hub.browsing.pagination import MAX_PER_PAGE, MIN_PER_PAGE
from hub.content_checks import ContentChecksPageForm
from hub.models.related import in_private_section

# What Wagtail keeps on every page for editors (locks, revisions, scheduling, menus), which no
# card, feed item or search result reads: lists of them defer these. (Feeds read
# `last_published_at`, and a summary falls back on `search_description`, so those stay.)
EDITING_FIELDS = (
    "draft_title",
    "expire_at",
    "expired",
    "go_live_at",
    "has_unpublished_changes",
    "latest_revision",
    "latest_revision_created_at",
    "live_revision",
    "locked",
    "locked_at",
    "locked_by",
    "owner",
    "seo_title",
    "show_in_menus",
)


def shared_tags_field(through):
    """A page's tags from the one vocabulary that case studies, events and issues share."""
    return ClusterTaggableManager(
        through=through,
        blank=True,
        verbose_name=_("tags"),
        help_text=_(
            "Keywords shared by case studies, events and newsletters; existing tags are "
            "suggested as you type. End each tag with Enter or a comma."
        ),
    )


def per_page_field(verbose_name, low=MIN_PER_PAGE, high=MAX_PER_PAGE):
    """How many items a listing page shows, within bounds the admin form enforces."""
    return models.PositiveSmallIntegerField(
        verbose_name,
        default=12,
        validators=[MinValueValidator(low), MaxValueValidator(high)],
        help_text=format_lazy(_("From {low} to {high}."), low=low, high=high),
    )


class PagePresentationMixin:
    """How a page presents itself in cards, listings and the meta description."""

    summary_field = "introduction"
    card_template = "components/page_card.html"
    # The admin form refuses a summary longer than listings show: {field name: characters}.
    text_limits = {}
    base_form_class = ContentChecksPageForm
    # The image shown when the page is shared (hub/sharing.py), with its alternative text.
    share_image_field = None
    og_type = "website"
    share_image_alt_field = None

    def get_summary(self):
        return getattr(self, self.summary_field, "") or self.search_description or ""

    def get_meta_description(self):
        text = self.search_description or self.get_summary()
        return Truncator(" ".join(text.split())).chars(160)

    def get_listing_date(self):
        return self.first_published_at


class ListingSourceMixin:
    """A page whose newest items can be shown elsewhere, for instance in a home page section.

    Index pages override `get_listing_items` with their own order (coming events soonest first).
    """

    def get_listing_items(self, limit):
        newest_first = F("first_published_at").desc(nulls_last=True)
        children = self.get_children().live().exclude(in_private_section()).specific()
        return children.order_by(newest_first, "-pk")[:limit]
