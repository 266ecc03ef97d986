"""RSS 2.0 and Atom feeds of any view of the case study library: its newest matching case
studies, the view's filters read from the query string the library reads
(hub/browsing/follow.py)."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from casestudies.facets import CaseStudyBrowser
from hub.browsing.follow import (
    chosen_labels,
    followed_params,
    followed_query,
    followed_title,
    newest,
)
from hub.feeds import FEED_LENGTH, HubFeedMixin


class LibraryRssFeed(HubFeedMixin, Feed):
    """The newest case studies of one view of the library, newest published first."""

    def __init__(self, library):
        super().__init__()
        self.library = library

    def __call__(self, request, *args, **kwargs):
        self.browser = CaseStudyBrowser(self.library, followed_params(request.GET))
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return followed_title(self.browser, self.library.title)

    def link(self):
        return self.library.get_url(self.request) + followed_query(self.browser)

    def description(self):
        labels = chosen_labels(self.browser)
        if not labels:
            return _("The newest case studies on Klimathubben.")
        return _("The newest case studies on Klimathubben: %(view)s.") % {"view": ", ".join(labels)}

    def items(self):
        return newest(self.browser, FEED_LENGTH)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_categories(self, item):
        return [theme.name for theme in item.card_themes]


class LibraryAtomFeed(LibraryRssFeed):
    feed_type = Atom1Feed
    subtitle = LibraryRssFeed.description
