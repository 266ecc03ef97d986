from hub.models.mixins import ListingSourceMixin, PagePresentationMixin
from hub.models.pages import HomePage, StandardPage
from hub.models.snippets import Contact, County, Municipality, Organisation, Theme

__all__ = [
    "Contact",
    "County",
    "HomePage",
    "ListingSourceMixin",
    "Municipality",
    "Organisation",
    "PagePresentationMixin",
    "StandardPage",
    "Theme",
]
