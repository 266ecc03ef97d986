"""RSS 2.0 and Atom feeds of everything new across the hub, per language.

The newsletter archive's own feeds, built on `HubFeedMixin`, are in `hub/newsletters/feeds.py`.
"""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from hub.languages import active_locale, current_home
from hub.sections import content_sections

FEED_LENGTH = 30


class HubFeedMixin:
    """Absolute links and a language for every feed; `items()` lists pages.

    A feed keeps the request it answers on itself, so build one per request (`per_request`).
    """

    feed_type = Rss201rev2Feed

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.get_summary()

    def item_link(self, item):
        return item.get_url(self.request)

    def item_guid(self, item):
        return f"{item.translation_key}-{item.locale_id}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.get_listing_date() or item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at or self.item_pubdate(item)


class EverythingRssFeed(HubFeedMixin, Feed):
    """The newest case studies, events and newsletter issues, newest published first."""

    def title(self):
        return _("New on Klimathubben")

    def link(self):
        return current_home(self.request).get_url(self.request)

    def description(self):
        return _("New case studies, events and newsletter issues from Klimathubben.")

    def items(self):
        locale = active_locale()
        pages = []
        for section in content_sections():
            newest = section.pages(locale).order_by("-first_published_at", "-pk")
            pages.extend(newest[:FEED_LENGTH])
        pages.sort(key=lambda page: page.first_published_at, reverse=True)
        return pages[:FEED_LENGTH]

    def item_pubdate(self, item):
        return item.first_published_at


class EverythingAtomFeed(EverythingRssFeed):
    feed_type = Atom1Feed
    subtitle = EverythingRssFeed.description


def per_request(feed_class):
    """A view that builds a new `feed_class` for each request."""

    def view(request, *args, **kwargs):
        return feed_class()(request, *args, **kwargs)

    return view
