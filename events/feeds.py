"""RSS 2.0 and Atom feeds of any view of the calendar: its newest published matching events,
the view's filters read from the query string the calendar reads (hub/browsing/follow.py).
Its calendar file of coming events is `EventIndexPage.calendar_feed`."""

from django.contrib.syndication.views import Feed
from django.utils import formats, timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from hub.browsing.browser import ALL
from hub.browsing.follow import chosen_labels, followed_query, followed_title
from hub.feeds import FEED_LENGTH, HubFeedMixin


class CalendarRssFeed(HubFeedMixin, Feed):
    """The events of one view of the calendar, coming or past, newest published first."""

    def __init__(self, calendar):
        super().__init__()
        self.calendar = calendar

    def __call__(self, request, *args, **kwargs):
        self.browser = self.calendar.followed_browser(request)
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return followed_title(self.browser, self.calendar.title)

    def link(self):
        return self.calendar.get_url(self.request) + followed_query(self.browser)

    def description(self):
        labels = chosen_labels(self.browser)
        if not labels:
            return _("New events on Klimathubben.")
        return _("New events on Klimathubben: %(view)s.") % {"view": ", ".join(labels)}

    def items(self):
        # Every matching event, whenever it takes place: a feed reader hears of it once.
        events = self.browser.filtered(skip=ALL).for_cards()
        return events.order_by("-first_published_at", "-pk")[:FEED_LENGTH]

    def item_description(self, item):
        start = formats.date_format(timezone.localtime(item.start), "DATETIME_FORMAT")
        return _("%(start)s. %(summary)s") % {"start": start, "summary": item.get_summary()}

    def item_pubdate(self, item):
        return item.first_published_at

    def item_categories(self, item):
        return [item.event_type.name]


class CalendarAtomFeed(CalendarRssFeed):
    feed_type = Atom1Feed
    subtitle = CalendarRssFeed.description
