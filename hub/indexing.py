"""Search fields that several page types share.

Weights follow what a reader scans first: the title (Wagtail's boost 2), then the summary, then
the names of themes, places, organisations and tags, then the body text.
"""

from django.core.exceptions import FieldDoesNotExist

from wagtail.search import index

SUMMARY_BOOST = 1.5
TAXONOMY_BOOST = 1.2


def summary(field_name):
    return index.SearchField(field_name, boost=SUMMARY_BOOST)


def names(relation):
    """The `name` of each related object, such as partners or organisers."""
    return index.RelatedFields(relation, [index.SearchField("name", boost=TAXONOMY_BOOST)])


def themes(relation):
    return index.RelatedFields(relation, [names("theme")])


def places():
    """Municipality names and their counties' names."""
    return index.RelatedFields(
        "municipalities",
        [index.SearchField("name", boost=TAXONOMY_BOOST), names("county")],
    )


def tags():
    return names("tags")


def related_lookups(model, fields, prefix=""):
    """The lookups of every relation that `fields` read, nested RelatedFields included.

    Yields (lookup, many): `many` when the lookup passes a many-valued relation, which
    prefetch_related follows; single-valued chains can be joined by select_related.
    """
    for field in fields:
        if not isinstance(field, index.RelatedFields):
            continue
        try:
            relation = model._meta.get_field(field.field_name)
        except FieldDoesNotExist:
            continue  # a property or method; nothing to prefetch
        if not relation.is_relation:
            continue
        lookup = f"{prefix}{field.field_name}"
        many = relation.many_to_many or relation.one_to_many
        yield lookup, many
        for sub_lookup, sub_many in related_lookups(
            relation.related_model, field.fields, f"{lookup}__"
        ):
            yield sub_lookup, many or sub_many


def with_search_relations(queryset):
    """`queryset` loading, in a few queries per chunk, every relation its search fields read.

    modelsearch prefetches only the first level and skips modelcluster's
    ParentalManyToManyField, so each page's municipalities, counties, partners and the
    theme behind each theme link cost a query of their own, five times over.
    """
    model = queryset.model
    lookups = list(related_lookups(model, model.get_search_fields()))
    joined = [lookup for lookup, many in lookups if not many]
    prefetched = [lookup for lookup, many in lookups if many]
    if joined:
        queryset = queryset.select_related(*joined)
    if prefetched:
        queryset = queryset.prefetch_related(*prefetched)
    return queryset
