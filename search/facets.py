"""What the search page filters and counts on, read from each content type's registration.

The counts for every facet come from one SQL statement: the matched pages become a common table
expression, which PostgreSQL evaluates once however many facets read it, so the full-text match
runs once per search rather than once per facet.
"""

from django.db import connection
from django.db.models import DateField, DateTimeField, F, IntegerField, Q
from django.db.models.functions import Cast, Coalesce, ExtractYear

from hub.models import Municipality
from hub.sections import content_sections


def links(name):
    """[(link model, its field to the page, its field to the value)] of every content type
    that has `name`: "themes", "tags" or "places"."""
    found = (section.links(name) for section in content_sections())
    return [link for link in found if link]


def _through_child(section, field_name):
    """The lookup from Page to a field of the section's page type."""
    return f"{section.model._meta.model_name}__{field_name}"


def year():
    """The year a page is about: an event's, an issue's, the start of a case study, else the
    year it was first published."""
    years = []
    for section in content_sections():
        if section.year_field:
            years.append(F(_through_child(section, section.year_field)))
        elif section.date_field:
            years.append(ExtractYear(_through_child(section, section.date_field)))
    return Coalesce(*years, ExtractYear("first_published_at"), output_field=IntegerField())


def date():
    """The moment "newest first" sorts on, in the same spirit."""
    dates = []
    for section in content_sections():
        if section.date_field:
            lookup = _through_child(section, section.date_field)
            field = section.model._meta.get_field(section.date_field)
            is_day = isinstance(field, DateField) and not isinstance(field, DateTimeField)
            dates.append(Cast(lookup, DateTimeField()) if is_day else F(lookup))
    return Coalesce(*dates, "first_published_at", output_field=DateTimeField())


def _links(tables):
    """SELECT page_id, value_id FROM the first link table UNION ALL the next..."""
    quote = connection.ops.quote_name
    parts = []
    for model, page_field, value_field in tables:
        meta = model._meta
        page_column = meta.get_field(page_field).column
        value_column = meta.get_field(value_field).column
        columns = f"{quote(page_column)} AS page_id, {quote(value_column)} AS value_id"
        parts.append(f"SELECT {columns} FROM {quote(meta.db_table)}")  # noqa: S608 (model names)
    return " UNION ALL ".join(parts)


def facet_counts(matched):
    """{facet name: {value id: number of matched pages}} for type, year, theme, place and tag.

    `matched` is a Page queryset; it runs once, inside the statement.
    """
    quote = connection.ops.quote_name
    pages = matched.model.objects.filter(pk__in=matched.order_by().values("pk"))
    pages = pages.annotate(year=year()).values("pk", "content_type_id", "year").order_by()
    matched_sql, params = pages.query.sql_with_params()
    municipality_table = quote(Municipality._meta.db_table)
    county_column = quote(Municipality._meta.get_field("county").column)
    statement = f"""
        WITH matched (id, content_type_id, year) AS ({matched_sql})
        SELECT 'type', content_type_id, COUNT(*) FROM matched GROUP BY content_type_id
        UNION ALL
        SELECT 'year', year, COUNT(*) FROM matched WHERE year IS NOT NULL GROUP BY year
        UNION ALL
        SELECT 'theme', links.value_id, COUNT(DISTINCT links.page_id)
        FROM ({_links(links("themes"))}) links
        JOIN matched ON matched.id = links.page_id GROUP BY links.value_id
        UNION ALL
        SELECT 'tag', links.value_id, COUNT(DISTINCT links.page_id)
        FROM ({_links(links("tags"))}) links
        JOIN matched ON matched.id = links.page_id GROUP BY links.value_id
        UNION ALL
        SELECT 'municipality', links.value_id, COUNT(DISTINCT links.page_id)
        FROM ({_links(links("places"))}) links
        JOIN matched ON matched.id = links.page_id GROUP BY links.value_id
        UNION ALL
        SELECT 'county', municipality.{county_column}, COUNT(DISTINCT links.page_id)
        FROM ({_links(links("places"))}) links
        JOIN matched ON matched.id = links.page_id
        JOIN {municipality_table} municipality ON municipality.id = links.value_id
        GROUP BY municipality.{county_column}
    """  # noqa: S608 (table and column names come from the models; values are parameters)
    counts = {name: {} for name in ("type", "year", "theme", "tag", "municipality", "county")}
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        for name, value, count in cursor.fetchall():
            counts[name][value] = count
    return counts


def linked_to(tables, values):
    """A filter for the pages linked to any of `values` through any of the link tables."""
    condition = Q()
    for model, page_field, value_field in tables:
        page_ids = model.objects.filter(**{f"{value_field}__in": values}).values(page_field)
        condition |= Q(pk__in=page_ids)
    return condition
