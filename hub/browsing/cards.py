"""The themes and places a card names, read for a whole list of pages in one statement.

The renditions of the cards' images come the same way, from hub/images.py.

Themes (a dozen per language) and municipalities (290) are short vocabularies that only
editors change, so each worker remembers them by id per content version (hub/versions.py).
A list of cards then needs only its links: one statement for every page in the list, where
two prefetches built a link object and a term object for every row (2 ms of the 3 ms that
three related case studies cost to read).

A page model with `CardTermsMixin` names the relation to its theme links, if it has one,
and its `for_cards()` sets `CardIterable`; each page read then has `card_themes` (in the
editor's order) and `card_places` (by name). A page read otherwise reads its own relations.
"""

from django.db.models import IntegerField, Value
from django.db.models.query import ModelIterable
from django.utils.functional import cached_property
from django.utils.translation import get_language

from hub.collation import sort_key
from hub.images import attach_card_renditions
from hub.models import County, Municipality, Theme
from hub.models.related import cards_by_id
from hub.models.terms import linked_themes
from hub.versions import remember

THEME, PLACE = 1, 2


def themes_by_id():
    """{id: theme} of every language, remembered per content version."""
    return remember(("vocabulary", "theme"), Theme.objects.in_bulk)


def find_term(terms_by_id, **wanted):
    """The first remembered term whose attributes have the `wanted` values, or None."""
    items = wanted.items()
    terms = terms_by_id.values()
    return next((t for t in terms if all(getattr(t, k) == v for k, v in items)), None)


def terms_of_language(vocabulary, terms_by_id, locale_id):
    """(slug, name) of the remembered terms of one `vocabulary` (themes, event types) in one
    language, in the editors' order and then by name, as the terms' own `Meta.ordering` lists
    them; sorted once per content version and reading language."""
    language = get_language()

    def ordered():
        terms = [term for term in terms_by_id.values() if term.locale_id == locale_id]
        terms.sort(key=lambda term: (term.sort_order, sort_key(term.name, language)))
        return [(term.slug, term.name) for term in terms]

    return remember(("terms of language", vocabulary, locale_id, language), ordered)


def counties_by_id():
    """{id: county}, remembered per content version."""
    return remember(("vocabulary", "county"), County.objects.in_bulk)


def municipalities_by_id():
    """{id: municipality with its county}, remembered per content version."""
    return remember(
        ("vocabulary", "municipality"), Municipality.objects.select_related("county").in_bulk
    )


class CardTermsMixin:
    """`card_themes` and `card_places` of a page, read through its own relations."""

    # The reverse relation to the page's theme links, or None.
    card_theme_relation = None

    @cached_property
    def card_themes(self):
        if not self.card_theme_relation:
            return []
        return linked_themes(getattr(self, self.card_theme_relation))

    @cached_property
    def card_places(self):
        places = self.municipalities.select_related("county")
        return sorted(places, key=lambda place: place.name)


class CardIterable(ModelIterable):
    """Pages with their `card_themes` and `card_places`, read after the pages themselves."""

    def __iter__(self):
        pages = list(super().__iter__())
        if pages:
            attach_terms(pages, self.queryset.model)
            if hasattr(self.queryset.model, "listing_image"):
                attach_card_renditions(pages)
        yield from pages


def shown_terms(page, request, theme_relation):
    """(themes, places) that `page`'s own page names, through its relation `theme_relation`.

    One query, named from the remembered vocabularies; a preview reads the edit form's
    unsaved rows through the page's relations instead.
    """
    if getattr(request, "is_preview", False):
        return linked_themes(getattr(page, theme_relation)), page.card_places
    attach_terms([page], type(page), theme_relation)
    return page.card_themes, page.card_places


def attach_terms(pages, model, theme_relation=None):
    """Set `card_themes` (if `model` links themes) and `card_places` on `pages`, in one query.

    `theme_relation` names the theme links where the model's cards show none.
    """
    ids = [page.pk for page in pages]
    kind = IntegerField()
    through = model.municipalities.through
    page_column = through._meta.get_field(model._meta.model_name).attname
    places = (
        through.objects.filter(**{f"{page_column}__in": ids})
        .order_by()
        .values_list(Value(PLACE, kind), page_column, "municipality_id", Value(0, kind))
    )
    theme_relation = theme_relation or model.card_theme_relation
    relation = theme_relation and model._meta.get_field(theme_relation)
    if not relation:
        rows = places
    else:
        themes = relation.related_model.objects.filter(**{f"{relation.field.attname}__in": ids})
        themes = themes.order_by().values_list(
            Value(THEME, kind), relation.field.attname, "theme_id", "sort_order"
        )
        rows = themes.union(places, all=True)
    found = {THEME: {}, PLACE: {}}
    for row_kind, page_id, term_id, order in rows:
        found[row_kind].setdefault(page_id, []).append((order or 0, term_id))
    known_places = municipalities_by_id()
    known_themes = themes_by_id() if relation else {}
    for page in pages:
        places = (known_places.get(pk) for _order, pk in found[PLACE].get(page.pk, ()))
        page.card_places = sorted(filter(None, places), key=lambda place: place.name)
        if relation:
            links = sorted(found[THEME].get(page.pk, ()))
            page.card_themes = [known_themes[pk] for _order, pk in links if pk in known_themes]


class ListedPages:
    """The pages of one list of cards, read together by `load()` ({id: page}) when the first
    card not yet remembered asks for its page: a fixed number of queries, or none when
    `{% card %}` remembers every card of the list."""

    def __init__(self, load):
        self.load, self.found = load, None

    def get(self, pk):
        if self.found is None:
            self.found = self.load()
        return self.found.get(pk)


class ListedCard:
    """One page of a list as `{% card %}` (hub/templatetags/hub_tags.py) needs it: its id,
    its type's card template and what its card says that changes with the clock; the page
    itself only if its card is made."""

    def __init__(self, pk, model, pages, moment=()):
        self.pk, self.model, self.pages, self.moment = pk, model, pages, moment

    @property
    def card_template(self):
        return self.model.card_template

    def card_moment(self):
        return self.moment

    def card_context(self):
        """The card's page, or None if it has gone since the list's ids were read."""
        page = self.pages.get(self.pk)
        return None if page is None else {"item": page}


def listed_cards(queryset, rows):
    """`ListedCard`s of `rows` of (id, *the model's `card_moment_fields`) in their order, of
    pages that `queryset` reads."""
    model = queryset.model
    pages = ListedPages(lambda: cards_by_id(queryset, [row[0] for row in rows]))
    moment_of = getattr(model, "card_moment_of", None)
    return [
        ListedCard(pk, model, pages, moment_of(*values) if moment_of else ())
        for pk, *values in rows
    ]


def moment_rows(queryset):
    """(id, *`card_moment_fields`) of the pages `queryset` lists, in its order."""
    return list(queryset.values_list("pk", *getattr(queryset.model, "card_moment_fields", ())))


class ListedCards:
    """The pages `queryset` lists, as a paginator or a preview slices them: a slice reads
    the ids of its pages (and what their cards' moments need), in one narrow query."""

    def __init__(self, queryset):
        self.queryset = queryset

    def count(self):
        return self.queryset.count()

    def __getitem__(self, items):
        return listed_cards(self.queryset, moment_rows(self.queryset[items]))
