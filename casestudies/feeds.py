"""RSS 2.0 and Atom feeds of any view of the case study library: its newest matching case
studies, the view's filters read from the query string the library reads
(hub/browsing/follow.py)."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from hub.browsing.follow import FollowedFeedMixin, newest
from hub.feeds import FEED_LENGTH


class LibraryRssFeed(FollowedFeedMixin, Feed):
    """The newest case studies of one view of the library, newest published first."""

    about = _("The newest case studies on Klimathubben.")
    about_view = _("The newest case studies on Klimathubben: %(view)s.")

    def items(self):
        return newest(self.browser, FEED_LENGTH)

    def item_categories(self, item):
        return [theme.name for theme in item.card_themes]


class LibraryAtomFeed(LibraryRssFeed):
    feed_type = Atom1Feed
    subtitle = LibraryRssFeed.description
