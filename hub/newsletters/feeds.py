"""RSS 2.0 and Atom feeds of one newsletter archive's issues."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from hub.feeds import FEED_LENGTH, HubFeedMixin
from hub.tags import tag_names


class NewsletterRssFeed(HubFeedMixin, Feed):
    def __init__(self, archive):
        super().__init__()
        self.archive = archive

    def title(self):
        return f"{self.archive.title} – Klimathubben"

    def link(self):
        return self.archive.get_url(self.request)

    def description(self):
        return self.archive.introduction or _("The newsletter of Klimathubben.")

    def items(self):
        cards = self.archive.get_issue_cards()[:FEED_LENGTH]
        issues = list(cards)
        self.tags = tag_names(cards.model, [issue.pk for issue in issues])
        return issues

    def item_categories(self, item):
        return self.tags.get(item.pk, [])


class NewsletterAtomFeed(NewsletterRssFeed):
    feed_type = Atom1Feed
    subtitle = NewsletterRssFeed.description
