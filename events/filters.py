"""Browsing the event calendar: coming or past, filtered by type, theme, month, mode and place.

Each filter takes one value, chosen from a drop-down list; see `hub.browsing.browser`. The
page models are read from the pages browsed, so that `events.models` can import this module.
"""

from datetime import datetime, timedelta

from django.db.models import Max, Min
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import pgettext

from events.models.taxonomy import event_types_by_id
from hub.browsing.browser import ALL, Browser, FacetField
from hub.browsing.cards import terms_of_language, themes_by_id
from hub.browsing.options import Facet, Option
from hub.collation import collated
from hub.models import Municipality
from hub.tags import tag_counts
from hub.timezones import STOCKHOLM


def event_types(browser):
    return terms_of_language("event type", event_types_by_id(), browser.locale)


def themes(browser):
    return terms_of_language("theme", themes_by_id(), browser.locale)


def municipalities(browser):
    """The places that have events in this calendar."""
    return [tuple(row) for row in browser.summary()["municipalities"]]


def one(name, label, lookup, choices, any_label):
    return FacetField(
        name, label, lookup, choices=choices, any_label=any_label,
        multiple=False, counted=False, widget="select",
    )  # fmt: skip


class EventBrowser(Browser):
    # fmt: off
    fields = (
        one("type", _lazy("Type"), "event_type__slug", event_types, _lazy("All types")),
        one("theme", _lazy("Theme"), "event_themes__theme__slug", themes, _lazy("All themes")),
        one("mode", _lazy("Take part"), "attendance_mode",
            lambda browser: browser.base.model.AttendanceMode.choices, _lazy("Online or on site")),
        one("municipality", _lazy("Municipality"), "municipalities__slug", municipalities,
            _lazy("All municipalities")),
    )
    # fmt: on
    unknown_value_notice = _lazy("No events match the filter value “%(value)s”; it was ignored.")

    def __init__(self, index_page, params):
        self.index_page = index_page
        self.summary_listing = index_page
        self.per_page = index_page.per_page
        self.now = timezone.now()
        self.locale = index_page.locale_id  # the calendar's language: types and themes
        super().__init__(params, index_page.get_events())
        self.when = self.reader.choice(
            "when",
            ("upcoming", "past"),
            "upcoming",
            _("Unknown choice of coming or past events; showing coming events."),
        )
        self.month = self.reader.month("month")

    def narrow(self, pages, skip=None):
        if skip == ALL:
            return pages
        pages = pages.upcoming(self.now) if self.when == "upcoming" else pages.past(self.now)
        if skip != "month" and self.month:
            next_month = (self.month.replace(day=28) + timedelta(days=4)).replace(day=1)
            pages = pages.filter(start__gte=self.month, start__lt=next_month)
        return pages

    @property
    def types(self):
        """The event types, each with a calendar to subscribe to."""
        return [{"slug": slug, "name": name} for slug, name in self.choices["type"]]

    def kept_total(self):
        return None  # the summary counts every event, coming and past

    @property
    def narrowed(self):
        return self.month is not None

    def summarise(self):
        """What the calendar lists whatever is chosen: its places, its tags, and each month
        with the first and last end of its events, so that coming and past months can be
        told apart at any moment."""
        places = Municipality.objects.filter(events__in=self.base.values("pk")).distinct()
        places = places.order_by(collated("name", "sv")).values_list("slug", "name")
        return {
            **super().summarise(),
            "municipalities": [list(place) for place in places],
            "tags": tag_counts(
                self.base.model._meta.get_field("tagged_items").related_model, self.base
            ),
            "months": [
                [month.strftime("%Y-%m"), first.isoformat(), last.isoformat()]
                for month, first, last in self.month_rows(self.base)
            ],
        }

    @staticmethod
    def month_rows(events):
        """(month, first end, last end) for each month that events start in."""
        return (
            events.annotate(month=TruncMonth("start", tzinfo=STOCKHOLM))
            .order_by()
            .values_list("month")
            .annotate(first=Min("end"), last=Max("end"))
        )

    def months(self):
        """The first day of each month with events in the chosen direction."""
        if any(self.selected.values()):
            rows = self.month_rows(self.filtered(skip="month"))
            return {month for month, _first, _last in rows}
        months = set()
        for value, first, last in self.summary()["months"]:
            coming = datetime.fromisoformat(last) >= self.now
            if coming if self.when == "upcoming" else datetime.fromisoformat(first) < self.now:
                months.add(datetime.strptime(value, "%Y-%m").replace(tzinfo=STOCKHOLM))
        return months

    def month_facet(self):
        """The months that have events in the chosen direction; a chosen month stays chosen."""
        months = self.months()
        chosen = self.month.strftime("%Y-%m") if self.month else ""
        if self.month:
            months.add(self.month)
        options = [
            Option(
                month.strftime("%Y-%m"),
                format_date(month, pgettext("month filter", "F Y")),
                selected=month.strftime("%Y-%m") == chosen,
            )
            for month in sorted(months, reverse=self.when == "past")
        ]
        return Facet("month", _("Month"), options, widget="select", any_label=_("All months"))

    @property
    def facets(self):
        if not hasattr(self, "_facets"):
            facets = super().facets
            facets.insert(2, self.month_facet())  # after type and theme
        return self._facets

    @property
    def tags(self):
        return self.summary()["tags"]

    @property
    def active_count(self):
        return super().active_count + (1 if self.month else 0)
