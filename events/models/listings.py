"""The calendar and its series: the pages that list events."""

from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import (
    FieldPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from events.calendar import calendar_response
from events.feeds import CalendarAtomFeed, CalendarRssFeed
from events.filters import EventBrowser
from events.models.pages import EventPage
from events.models.taxonomy import EventType, event_types_by_id
from hub import indexing
from hub.blocks import BodyStreamBlock
from hub.browsing.cards import find_term
from hub.browsing.follow import FollowedListingMixin, followed_title
from hub.browsing.pagination import paginate
from hub.models import ListingSourceMixin, PagePresentationMixin
from hub.models.mixins import per_page_field
from hub.models.related import in_private_section
from hub.versions import remember, remember_for


class EventIndexPage(FollowedListingMixin, ListingSourceMixin, PagePresentationMixin, Page):
    """The calendar: coming events first, past events with their material one click away."""

    introduction = models.TextField(_("introduction"), blank=True)
    per_page = per_page_field(_("events per page"))

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("per_page")]
    search_fields = [*Page.search_fields, indexing.summary("introduction")]

    parent_page_types = ["hub.HomePage"]
    subpage_types = ["events.EventPage", "events.EventSeriesPage"]
    max_count_per_parent = 1
    template = "pages/event_index_page.html"
    browser_class = EventBrowser
    # The feeds of every view of the calendar (hub/browsing/follow.py): route, type, label.
    feeds = [
        ("rss", "application/rss+xml", "RSS"),
        ("atom", "application/atom+xml", "Atom"),
        ("calendar", "text/calendar", _("Calendar (iCal)")),
    ]
    # The tab of coming or past events and the month only narrow by time: a calendar file
    # lists the view's coming events, its RSS and Atom the newest published.
    unfollowed = ("when", "month")

    class Meta:
        verbose_name = _("event calendar")
        verbose_name_plural = _("event calendars")

    def get_events(self):
        return EventPage.objects.live().exclude(in_private_section()).descendant_of(self)

    def get_listing_items(self, limit):
        return self.get_events().upcoming().for_cards()[:limit]

    @path("ical/", name="calendar")
    def calendar_feed(self, request):
        """The coming events of any view of the calendar (`followed_browser`)."""
        browser = self.followed_browser(request)
        events = browser.filtered().for_calendar()
        return calendar_response(request, events, name=followed_title(browser, self.title))

    @path("rss/", name="rss")
    def rss_feed(self, request):
        return CalendarRssFeed(self)(request)

    @path("atom/", name="atom")
    def atom_feed(self, request):
        return CalendarAtomFeed(self)(request)

    def get_cached_paths(self):
        # Each event type's calendar file lists events too (purged by hub/frontend_cache.py).
        types = EventType.objects.filter(locale_id=self.locale_id).values_list("slug", flat=True)
        return [
            "/",
            *(f"/{self.reverse_subpage('type_calendar', args=[slug])}" for slug in types),
        ]

    @path("ical/<slug:type_slug>/", name="type_calendar")
    def type_calendar_feed(self, request, type_slug):

        event_type = find_term(event_types_by_id(), slug=type_slug, locale_id=self.locale_id)
        if event_type is None:
            raise Http404("Unknown event type")
        events = self.get_events().upcoming().for_calendar().filter(event_type=event_type)
        return calendar_response(request, events, name=f"{self.title}: {event_type.name}")


class EventSeriesPage(RoutablePageMixin, PagePresentationMixin, Page):
    """A recurring format, such as the monthly webbfika, with its past and coming occurrences."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        indexing.summary("introduction"),
        index.SearchField("body"),
    ]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []
    template = "pages/event_series_page.html"
    # Past events a page shows; earlier ones are on the next pages (?page=2).
    PAST_PER_PAGE = 12

    class Meta:
        verbose_name = _("event series")
        verbose_name_plural = _("event series")

    def get_occurrences(self):
        # Translated events keep the Swedish series: match any page of the series' family,
        # whose ids are remembered per content version (one join fewer to plan, twice a page).
        family = remember(
            ("series family", self.translation_key),
            lambda: list(
                EventSeriesPage.objects.filter(translation_key=self.translation_key).values_list(
                    "pk", flat=True
                )
            ),
        )
        return (
            EventPage.objects.live()
            .exclude(in_private_section())
            .filter(series_id__in=family, locale_id=self.locale_id)
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Which events the series holds and when they are is remembered per content version
        # (a publish changes it); which have ended is worked out now, and the cards of the
        # coming events and of one page of past ones are read fresh, in one query.
        dates = remember_for(
            request,
            ("series dates", self.pk),
            lambda: list(self.get_occurrences().values_list("pk", "start", "end")),
        )
        now = timezone.now()
        upcoming = [pk for start, pk in sorted((s, pk) for pk, s, end in dates if end >= now)]
        past = sorted(((s, pk) for pk, s, end in dates if end < now), reverse=True)
        notices = []
        page = paginate(request.GET, [pk for _start, pk in past], self.PAST_PER_PAGE, notices)
        cards = EventPage.objects.filter(pk__in=[*upcoming, *page.object_list])
        cards = cards.for_cards().in_bulk()
        context["upcoming"] = [cards[pk] for pk in upcoming if pk in cards]
        page.object_list = [cards[pk] for pk in page.object_list if pk in cards]
        context["past"] = page
        context["notices"] = notices
        return context

    @path("ical/", name="calendar")
    def calendar_feed(self, request):
        events = self.get_occurrences().upcoming().for_calendar()
        return calendar_response(request, events, name=self.title)
