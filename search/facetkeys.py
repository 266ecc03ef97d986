"""Each page's facet keys, derived once when the page is indexed rather than on every search.

A key is "<facet>:<value id>": "type:12" (content type), "year:2024", "theme:3", "tag:45",
"municipality:120", "county:7". The search page filters on them with the (key, page) index and
counts them over its candidates with one GROUP BY, whatever the page types and their link
tables are. They are kept in step with the pages: when a page is indexed (`update_index`,
modelsearch's post_save), published, unpublished or moved (`search.signals`); deleting a page
deletes its rows.
"""

from collections import defaultdict

from django.db import transaction
from django.db.models import Count

from wagtail.models import Page

from hub.models import Municipality
from search.facets import date, links, year
from search.models import FacetKey, PageFacets

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
    """({page id: moment}, {page id: {keys}}) for these pages, in a handful of queries."""
    pages = Page.objects.filter(pk__in=page_ids).annotate(search_year=year(), search_date=date())
    dates, keys = {}, defaultdict(set)
    for page_id, content_type_id, page_year, moment in pages.values_list(
        "pk", "content_type_id", "search_year", "search_date"
    ):
        dates[page_id] = moment
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
    return dates, keys


def refresh(page_ids):
    """Derive the facet keys of these pages again, replacing what was kept."""
    page_ids = sorted(set(page_ids))
    for start in range(0, len(page_ids), BATCH):
        batch = page_ids[start : start + BATCH]
        dates, keys = derive(batch)
        with transaction.atomic():
            PageFacets.objects.filter(page_id__in=batch).delete()
            FacetKey.objects.filter(page_id__in=batch).delete()
            PageFacets.objects.bulk_create(
                PageFacets(page_id=page_id, date=moment) for page_id, moment in dates.items()
            )
            FacetKey.objects.bulk_create(
                FacetKey(page_id=page_id, key=text)
                for page_id, texts in keys.items()
                for text in texts
            )


def refresh_all():
    """Every page's facet keys, as `update_index` leaves them."""
    refresh(Page.objects.exclude(depth=1).values_list("pk", flat=True))


def refresh_objects(objects):
    """The facet keys of the pages among `objects` (what a search backend indexes)."""
    page_ids = [obj.pk for obj in objects if isinstance(obj, Page)]
    if page_ids:
        refresh(page_ids)


def counts(page_ids):
    """{facet: {value id: number of these pages}}; one query."""
    found = {facet: {} for facet in FACETS}
    if not page_ids:
        return found
    rows = FacetKey.objects.filter(page_id__in=page_ids).values_list("key").order_by()
    for text, count in rows.annotate(count=Count("pk")):
        parsed = parse(text)
        if parsed:
            found[parsed[0]][parsed[1]] = count
    return found


def pages_with(facet, values):
    """The ids of pages that have any of `values` for `facet`, as a subquery."""
    keys = [key(facet, getattr(value, "pk", value)) for value in values]
    return FacetKey.objects.filter(key__in=keys).values("page_id")
