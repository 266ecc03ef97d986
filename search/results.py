"""The results a search shows: each one's page, read only when its card is made, and what
the card says of it (`{% card %}`, hub/templatetags/hub_tags.py)."""

from dataclasses import dataclass
from functools import lru_cache

from django.contrib.contenttypes.models import ContentType
from django.utils.functional import cached_property

from wagtail.fields import RichTextField, StreamField

from hub.browsing.cards import ListedPages, municipalities_by_id
from hub.models.mixins import EDITING_FIELDS
from hub.sections import section_for
from search import facetkeys


def type_label(page):
    """What a page is, such as "Webbfika" for an event, else its page type's name."""
    section = section_for(page.specific_class)
    if section is not None:
        return section.label_for(page)
    return page.specific_class._meta.verbose_name


def pages_by_id(rows):
    """{id: page as its own type} of these (id, content type id, keys) rows; one query per
    page type."""
    by_type = {}
    for pk, content_type_id, _keys in rows:
        by_type.setdefault(content_type_id, []).append(pk)
    found = {}
    for content_type_id, pks in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is not None:
            found.update(model.objects.defer(*unshown_fields(model)).in_bulk(pks))
    return found


@dataclass
class Result:
    """One result: from its search entry, the page's id, content type and facet keys; its
    excerpt; and its page, read from `pages` (with those of the other results, one query per
    page type, `pages_by_id()`) only if its card is made."""

    # Made once per content version by `{% card %}` (hub/templatetags/hub_tags.py).
    card_template = "components/search_result_card.html"

    pk: int
    content_type_id: int
    keys: str = ""
    excerpt: str = ""
    pages: ListedPages = None

    @cached_property
    def page(self):
        return self.pages.get(self.pk)

    def card_context(self):
        """The result for its card, or None if its page has gone since the search ran."""
        return None if self.page is None else {"item": self}

    # Each is read several times by the card's template: worked out once per result.

    @cached_property
    def section(self):
        return section_for(self.page.specific_class)

    @cached_property
    def municipalities(self):
        """The places of the page, by name, if its type has places: named from its facet
        keys and the remembered municipalities, without a query."""
        section = self.section
        if section is None or not section.places:
            return []
        known = municipalities_by_id()
        places = (known.get(pk) for pk in facetkeys.values_of(self.keys, "municipality"))
        return sorted(filter(None, places), key=lambda place: place.name)

    @cached_property
    def type_label(self):
        return type_label(self.page)

    @cached_property
    def years(self):
        """A case study's years ("2019–2022"), else ""."""
        return getattr(self.page, "years", "")

    @cached_property
    def date(self):
        """The date the page is about; otherwise the page's own listing date."""
        section = self.section
        if section is not None and section.date_field:
            value = getattr(self.page, section.date_field, None)
            if value:
                return value
        getter = getattr(self.page, "get_listing_date", None)
        return getter() if getter else self.page.first_published_at


@lru_cache
def unshown_fields(model):
    """The StreamField and rich text columns of `model` (a result's excerpt comes from the
    index), the page's editing fields and its dates and description for search engines:
    what a result never reads."""
    long_text = [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, (StreamField, RichTextField))
    ]
    return (*long_text, *EDITING_FIELDS, "last_published_at", "search_description")
