"""Content apps tell the hub what they have, without the hub importing them.

A content app registers a section in its AppConfig.ready(); municipality pages and tag pages
then list each section's items, and overviews show each section's totals.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count


@dataclass(frozen=True)
class ContentSection:
    key: str
    order: int
    heading: Any  # a lazily translated string
    pages: Any  # callable(locale) -> live, public pages of this type in that language
    tag_through: Any  # the TaggedItemBase model of the page type
    municipality_heading: Any = None  # defaults to `heading`
    by_municipality: bool = True
    # Narrows what a municipality page shows, such as coming events only.
    municipality_filter: Any = None

    def for_municipality(self, municipality, locale):
        pages = self.pages(locale).filter(municipalities=municipality)
        return self.municipality_filter(pages) if self.municipality_filter else pages

    def municipality_counts(self, locale):
        """{municipality id: number of pages} for this type in that language."""
        pages = self.pages(locale).order_by()
        if self.municipality_filter:
            pages = self.municipality_filter(pages).order_by()
        rows = pages.values_list("municipalities").annotate(total=Count("pk", distinct=True))
        return {municipality_id: total for municipality_id, total in rows if municipality_id}

    def for_tag(self, tag, locale):
        return self.pages(locale).filter(tagged_items__tag=tag)


_sections = {}


def register_content_section(section):
    _sections[section.key] = section


def content_sections():
    return sorted(_sections.values(), key=lambda section: section.order)
