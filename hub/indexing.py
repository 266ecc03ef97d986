"""Search fields that several page types share.

Weights follow what a reader scans first: the title (Wagtail's boost 2), then the summary, then
the names of themes, places, organisations and tags, then the body text.
"""

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
