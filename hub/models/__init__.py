from hub.models.mixins import ListingSourceMixin, PagePresentationMixin
from hub.models.pages import HomePage, StandardPage

__all__ = [
    "HomePage",
    "ListingSourceMixin",
    "PagePresentationMixin",
    "StandardPage",
]
