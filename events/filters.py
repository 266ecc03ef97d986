"""Browsing the event calendar: coming or past, filtered by type, theme, month, mode, place."""

from datetime import datetime, timedelta

from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from wagtail.models import Locale

from events.models import EventPage, EventTag, EventType
from hub.collation import collated
from hub.models import Municipality, Theme
from hub.pagination import paginate
from hub.tags import tag_counts
from hub.timezones import STOCKHOLM


class EventBrowser:
    def __init__(self, index_page, params):
        self.index_page = index_page
        self.params = params
        self.notices = []
        self.now = timezone.now()
        locale = Locale.get_active()
        self.base = index_page.get_events()
        self.when = self._choice(
            "when",
            ("upcoming", "past"),
            "upcoming",
            _("Unknown choice of coming or past events; showing coming events."),
        )
        self.types = list(EventType.objects.filter(locale=locale))
        self.themes = list(Theme.objects.filter(locale=locale))
        self.event_type = self._known("type", {item.slug for item in self.types})
        self.theme = self._known("theme", {item.slug for item in self.themes})
        self.mode = self._known("mode", set(EventPage.AttendanceMode.values))
        self.municipalities = list(
            Municipality.objects.filter(events__in=self.base.values("pk"))
            .distinct()
            .order_by(collated("name", "sv"))
        )
        self.municipality = self._known("municipality", {item.slug for item in self.municipalities})
        self.month = self._month()

    def _choice(self, name, allowed, default, notice):
        value = self.params.get(name, default)
        if value not in allowed:
            self.notices.append(notice)
            return default
        return value

    def _known(self, name, known):
        value = self.params.get(name, "").strip()
        if value and value not in known:
            self.notices.append(
                _("No events match the filter value “%(value)s”; it was ignored.")
                % {"value": value[:40]}
            )
            return ""
        return value

    def _month(self):
        raw = self.params.get("month", "").strip()
        if not raw:
            return None
        try:
            month = datetime.strptime(raw, "%Y-%m")
        except ValueError:
            month = None
        if month is None or not 2000 <= month.year <= 2100:
            self.notices.append(
                _("“%(value)s” is not a month we can filter on; it was ignored.")
                % {"value": raw[:20]}
            )
            return None
        return month.replace(tzinfo=STOCKHOLM)

    def _filtered(self, with_month=True):
        events = (
            self.base.upcoming(self.now) if self.when == "upcoming" else self.base.past(self.now)
        )
        if self.event_type:
            events = events.filter(event_type__slug=self.event_type)
        if self.theme:
            events = events.filter(
                pk__in=EventPage.objects.filter(event_themes__theme__slug=self.theme).values("pk")
            )
        if self.mode:
            events = events.filter(attendance_mode=self.mode)
        if self.municipality:
            events = events.filter(
                pk__in=EventPage.objects.filter(municipalities__slug=self.municipality).values("pk")
            )
        if with_month and self.month:
            next_month = (self.month.replace(day=28) + timedelta(days=4)).replace(day=1)
            events = events.filter(start__gte=self.month, start__lt=next_month)
        return events

    @property
    def results(self):
        if not hasattr(self, "_results"):
            self._results = paginate(
                self.params, self._filtered().for_cards(), self.index_page.per_page, self.notices
            )
        return self._results

    @property
    def month_options(self):
        """The months that have events in the chosen direction, as (value, label) pairs."""
        months = (
            self._filtered(with_month=False)
            .annotate(month=TruncMonth("start", tzinfo=STOCKHOLM))
            .order_by()
            .values_list("month", flat=True)
            .distinct()
        )
        months = set(months)
        if self.month:  # the chosen month stays chosen, even without events
            months.add(self.month)
        months = sorted(months, reverse=self.when == "past")
        return [
            (month.strftime("%Y-%m"), format_date(month, pgettext("month filter", "F Y")))
            for month in months
        ]

    @property
    def tags(self):
        return tag_counts(EventTag, self.base)

    @property
    def mode_choices(self):
        return EventPage.AttendanceMode.choices

    @property
    def selected_month(self):
        return self.month.strftime("%Y-%m") if self.month else ""

    @property
    def active_count(self):
        """How many filters are in effect, for the collapsed filter panel's label."""
        return sum(
            1
            for value in (self.event_type, self.theme, self.mode, self.municipality, self.month)
            if value
        )

    @property
    def has_filters(self):
        return bool(self.active_count)
