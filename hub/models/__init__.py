"""The hub's models, with the newsletter's from `hub/newsletters/` (app label "hub")."""

from hub.models.images import ListingImageMixin
from hub.models.mixins import ListingSourceMixin, PagePresentationMixin
from hub.models.open_data import OpenDataFile, OpenDataPage
from hub.models.pages import HomePage, StandardPage
from hub.models.related import RelatedPage
from hub.models.snippets import Contact, County, Municipality, Organisation, Theme
from hub.models.versions import ContentVersion
from hub.newsletters.alerts import Alert
from hub.newsletters.pages import NewsletterIndexPage, NewsletterIssuePage, NewsletterTag
from hub.newsletters.subscribers import Delivery, Subscriber

__all__ = [
    "Alert",
    "Contact",
    "ContentVersion",
    "County",
    "Delivery",
    "HomePage",
    "ListingImageMixin",
    "ListingSourceMixin",
    "Municipality",
    "NewsletterIndexPage",
    "NewsletterIssuePage",
    "NewsletterTag",
    "OpenDataFile",
    "OpenDataPage",
    "Organisation",
    "PagePresentationMixin",
    "RelatedPage",
    "StandardPage",
    "Subscriber",
    "Theme",
]
