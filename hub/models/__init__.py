from hub.models.mixins import ListingSourceMixin, PagePresentationMixin
from hub.models.newsletters import NewsletterIndexPage, NewsletterIssuePage, NewsletterTag
from hub.models.pages import HomePage, StandardPage
from hub.models.related import RelatedPage
from hub.models.snippets import Contact, County, Municipality, Organisation, Theme
from hub.models.subscribers import Delivery, Subscriber

__all__ = [
    "Contact",
    "County",
    "Delivery",
    "HomePage",
    "ListingSourceMixin",
    "Municipality",
    "NewsletterIndexPage",
    "NewsletterIssuePage",
    "NewsletterTag",
    "Organisation",
    "PagePresentationMixin",
    "RelatedPage",
    "StandardPage",
    "Subscriber",
    "Theme",
]
