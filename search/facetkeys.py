"""Each page's search entry and facet keys, derived when the page is indexed rather than on
every search.

A key is "<facet>:<value id>": "type:12" (content type), "year:2024", "theme:3", "tag:45",
"municipality:120", "county:7". The search page filters on them with the (key, page) index of
`FacetKey` and counts them over its candidates from `SearchEntry.keys`, which each candidate
row carries, whatever the page types and their link tables are. Entries and keys are kept in
step with the pages: when a page is indexed (`update_index`, modelsearch's post_save),
published, unpublished or moved (`search.signals`); deleting a page deletes its rows. On
PostgreSQL the entry also copies the page's title and body vectors from the search index, and
a `SearchEntryTitle` copies the entry without its body.
"""

from collections import Counter, defaultdict

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Func, TextField, Value

from wagtail.models import Page

from hub.models import Municipality
from search import caching
from search.facets import date, links, year
from search.models import FacetKey, SearchEntry, SearchEntryTitle

FACETS = ("type", "year", "theme", "tag", "municipality", "county")
BATCH = 1000


def key(facet, value):
    return f"{facet}:{value}"


def parse(text):
    """("county", 7) from "county:7"; None for a key of no facet the page shows."""
    facet, _sep, value = text.partition(":")
    if facet not in FACETS or not value.lstrip("-").isdigit():
        return None
    return facet, int(value)


def values_of(text, facet):
    """The value ids of `facet` among one page's keys, such as its municipalities."""
    found = (parse(part) for part in text.split())
    return [parsed[1] for parsed in found if parsed and parsed[0] == facet]


def _linked(page_ids, name):
    """{page id: {value id}} through every content type's link table for `name`."""
    found = defaultdict(set)
    for model, page_field, value_field in links(name):
        rows = model.objects.filter(**{f"{page_field}__in": page_ids})
        for page_id, value_id in rows.values_list(page_field, value_field):
            if value_id is not None:
                found[page_id].add(value_id)
    return found


def derive(page_ids):
    """({page id: SearchEntry}, {page id: {keys}}) for these pages, in a handful of queries."""
    pages = Page.objects.filter(pk__in=page_ids).annotate(search_year=year(), search_date=date())
    entries, keys = {}, defaultdict(set)
    rows = pages.values_list(
        "pk", "content_type_id", "locale_id", "live", "search_year", "search_date"
    )
    for page_id, content_type_id, locale_id, live, page_year, moment in rows:
        entries[page_id] = SearchEntry(
            page_id=page_id,
            content_type_id=content_type_id,
            locale_id=locale_id,
            live=live,
            date=moment,
        )
        keys[page_id].add(key("type", content_type_id))
        if page_year is not None:
            keys[page_id].add(key("year", page_year))
    for name, facet in (("themes", "theme"), ("tags", "tag")):
        for page_id, values in _linked(page_ids, name).items():
            keys[page_id].update(key(facet, value) for value in values)
    places = _linked(page_ids, "places")
    municipality_ids = {value for values in places.values() for value in values}
    counties = dict(
        Municipality.objects.filter(pk__in=municipality_ids).values_list("pk", "county_id")
    )
    for page_id, values in places.items():
        keys[page_id].update(key("municipality", value) for value in values)
        keys[page_id].update(
            key("county", counties[value]) for value in values if value in counties
        )
    for page_id, entry in entries.items():
        entry.keys = " ".join(sorted(keys[page_id]))
    return entries, keys


# Entries with the page's vectors copied from the search index, written once: an UPDATE after
# the INSERT would leave a dead version of every row behind (PostgreSQL only).
INSERT_WITH_VECTORS = """
    INSERT INTO search_searchentry
        (page_id, locale_id, content_type_id, live, date, keys, title, title_norm, body)
    SELECT entry.page_id, entry.locale_id, entry.content_type_id, entry.live, entry.date,
           entry.keys, indexed.title, COALESCE(indexed.title_norm, 1.0), indexed.body
    FROM unnest(%s::integer[], %s::integer[], %s::integer[], %s::boolean[],
                %s::timestamptz[], %s::text[])
         AS entry (page_id, locale_id, content_type_id, live, date, keys)
    LEFT JOIN wagtailsearch_indexentry AS indexed
        ON indexed.content_type_id = entry.content_type_id
       AND indexed.object_id = entry.page_id::text
"""
# The same entries without their bodies, for the first step of a search (PostgreSQL only).
COPY_TITLES = """
    INSERT INTO search_searchentrytitle
        (page_id, locale_id, content_type_id, live, date, keys, title, title_norm)
    SELECT page_id, locale_id, content_type_id, live, date, keys, title, title_norm
    FROM search_searchentry WHERE page_id = ANY(%s)
"""
# After a rebuild modelsearch recomputes every title_norm; the entries and their copies follow.
COPY_TITLE_NORMS = """
    UPDATE search_searchentry AS entry SET title_norm = indexed.title_norm
    FROM wagtailsearch_indexentry AS indexed
    WHERE indexed.content_type_id = entry.content_type_id
      AND indexed.object_id = entry.page_id::text
      AND entry.title_norm IS DISTINCT FROM indexed.title_norm;
    UPDATE search_searchentrytitle AS copy SET title_norm = entry.title_norm
    FROM search_searchentry AS entry
    WHERE entry.page_id = copy.page_id AND copy.title_norm IS DISTINCT FROM entry.title_norm
"""


def _write(entries):
    """Insert these entries; on PostgreSQL with the page's vectors from the search index, and
    their copies without the body."""
    if connection.vendor != "postgresql" or not _indexed_here():
        SearchEntry.objects.bulk_create(entries)
        return
    columns = ("page_id", "locale_id", "content_type_id", "live", "date", "keys")
    values = [[getattr(entry, column) for entry in entries] for column in columns]
    with connection.cursor() as cursor:
        cursor.execute(INSERT_WITH_VECTORS, values)
        cursor.execute(COPY_TITLES, [values[0]])


def copy_title_norms():
    if connection.vendor != "postgresql" or not _indexed_here():
        return
    with connection.cursor() as cursor:
        cursor.execute(COPY_TITLE_NORMS)


def _indexed_here():
    """Whether the pages are indexed in this database (not in a search cluster)."""
    return settings.SEARCH_BACKEND == "database"


def refresh(page_ids):
    """Derive the search entries and facet keys of these pages again, replacing what was kept."""
    page_ids = sorted(set(page_ids))
    for start in range(0, len(page_ids), BATCH):
        batch = page_ids[start : start + BATCH]
        entries, keys = derive(batch)
        with transaction.atomic():
            SearchEntry.objects.filter(page_id__in=batch).delete()
            SearchEntryTitle.objects.filter(page_id__in=batch).delete()
            FacetKey.objects.filter(page_id__in=batch).delete()
            _write(list(entries.values()))
            FacetKey.objects.bulk_create(
                FacetKey(page_id=page_id, key=text)
                for page_id, texts in keys.items()
                for text in texts
            )
    # Kept searches and counts no longer hold: one new content version for every batch.
    caching.renew()


def refresh_all():
    """Every page's search entry and facet keys, as `update_index` leaves them."""
    refresh(Page.objects.exclude(depth=1).values_list("pk", flat=True))


def refresh_objects(objects):
    """The entries and facet keys of the pages among `objects` (what a backend indexes)."""
    page_ids = [obj.pk for obj in objects if isinstance(obj, Page)]
    if page_ids:
        refresh(page_ids)


def counts(keys_of_pages):
    """{facet: {value id: number of pages}} from each page's `SearchEntry.keys`."""
    found = {facet: {} for facet in FACETS}
    # One split of all the keys and a count in C: a thousand candidates carry some 8,000.
    for text, count in Counter(" ".join(keys_of_pages).split()).items():
        parsed = parse(text)
        if parsed:
            found[parsed[0]][parsed[1]] = count
    return found


def pages_with(facet, values):
    """The ids of pages that have any of `values` for `facet`, as a subquery."""
    keys = [key(facet, getattr(value, "pk", value)) for value in values]
    return FacetKey.objects.filter(key__in=keys).values("page_id")


def narrow(entries, facet, value):
    """The search entries among `entries` that have `value` for `facet`.

    On PostgreSQL through the GIN index on each entry's own keys (migration search.0006),
    which the planner can combine with the entries' other indexes and estimates well; the
    (key, page) index of `FacetKey` elsewhere.
    """
    if connection.vendor != "postgresql":
        return entries.filter(page__in=pages_with(facet, [value]))
    from django.contrib.postgres.fields import ArrayField  # loads PostgreSQL's driver

    keys = Func(
        F("keys"), Value(" "), function="string_to_array", output_field=ArrayField(TextField())
    )
    text = key(facet, getattr(value, "pk", value))
    return entries.alias(key_list=keys).filter(key_list__contains=[text])
