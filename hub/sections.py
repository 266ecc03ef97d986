"""The content-type registry: content apps tell the hub what they have, without being imported.

Each content app registers a `ContentSection` in its AppConfig.ready(): its page type and the
page that lists them, what a page of it is called, the date it is about, and where it keeps its
places, themes and tags. Municipality pages, tag pages, feeds and the site search read the
registry, so a new content type is one registration away from all of them.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count

from hub.browsing.lookups import link_table


@dataclass(frozen=True)
class ContentSection:
    key: str
    order: int
    heading: Any  # a lazily translated string
    model: Any  # the page type
    index_model: Any  # the page that lists them: library, calendar, archive
    pages: Any  # callable(locale) -> live, public pages of this type in that language
    tags: str = "tagged_items__tag"  # the lookup from the page to its tags
    themes: str = ""  # ... to its themes, if it has any
    places: str = ""  # ... to its municipalities, if it has any
    date_field: str = ""  # the date or moment a page is about, for "newest first"
    year_field: str = ""  # the year it is about, where that is not the date's year
    # callable(page) -> what a page is where the type's name says too little ("Webbfika").
    type_label: Any = None
    # callable(locale) -> words of its own for "did you mean", such as the event types.
    vocabulary: Any = None
    municipality_heading: Any = None  # defaults to `heading`
    # Narrows what a municipality page shows, such as coming events only.
    municipality_filter: Any = None
    # The query parameter of the listing's county filter: the county map (hub/county_map.py)
    # shades counties by this type and links each to its listing filtered by it.
    county_filter: str = ""
    # callable(pages) -> [{metric, label, unit, total, cases}]: the comparable figures of
    # `pages` added up per metric, for municipality and county pages.
    figure_totals: Any = None

    @property
    def by_municipality(self):
        return bool(self.places)

    @property
    def tag_through(self):
        """The model linking a page of this type to its tags."""
        return link_table(self.model, self.tags)[0]

    def links(self, name):
        """(link model, its field to the page, its field to the value) for "tags", "themes"
        or "places", or None when this type has none."""
        lookup = getattr(self, name)
        return link_table(self.model, lookup) if lookup else None

    def label_for(self, page):
        """What one page of this type is, as a search result calls it."""
        label = self.type_label(page) if self.type_label else None
        return label or self.model._meta.verbose_name

    def for_municipality(self, municipality, locale):
        pages = self.pages(locale).filter(**{self.places: municipality})
        return self.municipality_filter(pages) if self.municipality_filter else pages

    def for_county(self, county, locale):
        """The pages from any municipality of `county`, each once."""
        link_model, page_field, place_field = self.links("places")
        in_county = link_model.objects.filter(**{f"{place_field}__county": county})
        pages = self.pages(locale).filter(pk__in=in_county.values(page_field))
        return self.municipality_filter(pages) if self.municipality_filter else pages

    def municipality_counts(self, locale):
        """{municipality id: number of pages} for this type in that language."""
        pages = self.pages(locale).order_by()
        if self.municipality_filter:
            pages = self.municipality_filter(pages).order_by()
        rows = pages.values_list(self.places).annotate(total=Count("pk", distinct=True))
        return {municipality_id: total for municipality_id, total in rows if municipality_id}

    def county_counts(self, locale):
        """{county code: number of pages} for this type in that language; a page from two
        municipalities of one county counts once."""
        rows = (
            self.pages(locale)
            .order_by()
            .values_list(f"{self.places}__county__code")
            .annotate(total=Count("pk", distinct=True))
        )
        return {code: total for code, total in rows if code}

    def for_tag(self, tag, locale):
        return self.pages(locale).filter(**{self.tags: tag})


_sections = {}


def register_content_section(section):
    _sections[section.key] = section


def content_sections():
    return sorted(_sections.values(), key=lambda section: section.order)


def mapped_section():
    """The content type the county map counts, or None."""
    return next((section for section in _sections.values() if section.county_filter), None)


def section_for(model):
    """The section of a page type, or None for pages that are no content type of their own."""
    return next((section for section in _sections.values() if section.model is model), None)
