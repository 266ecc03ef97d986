"""RSS 2.0 and Atom feeds of any view of the calendar: its newest published matching events,
the view's filters read from the query string the calendar reads (hub/browsing/follow.py).
Its calendar file of coming events is `EventIndexPage.calendar_feed`."""

from django.contrib.syndication.views import Feed
from django.utils import formats, timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hub.browsing.browser import ALL
from hub.browsing.follow import FollowedFeedMixin
from hub.feeds import FEED_LENGTH


class CalendarRssFeed(FollowedFeedMixin, Feed):
    """The events of one view of the calendar, coming or past, newest published first."""

    about = gettext_lazy("New events on Klimathubben.")
    about_view = gettext_lazy("New events on Klimathubben: %(view)s.")

    def items(self):
        # Every matching event, whenever it takes place: a feed reader hears of it once.
        events = self.browser.filtered(skip=ALL).for_cards()
        return events.order_by("-first_published_at", "-pk")[:FEED_LENGTH]

    def item_description(self, item):
        start = formats.date_format(timezone.localtime(item.start), "DATETIME_FORMAT")
        return _("%(start)s. %(summary)s") % {"start": start, "summary": item.get_summary()}

    def item_categories(self, item):
        return [item.event_type.name]


class CalendarAtomFeed(CalendarRssFeed):
    feed_type = Atom1Feed
    subtitle = CalendarRssFeed.description
