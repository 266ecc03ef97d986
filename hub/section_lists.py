"""Pages that list several content types, such as a tag or a municipality: a short preview of
each type with its count and a link to all of them, or one type in full, a page at a time.

`?section=<key>` picks the type and `page` its page, so every view is a plain link.
"""

from django.utils.translation import gettext as _

from hub.aggregates import cached_aggregate
from hub.browsing.cards import ListedCards
from hub.browsing.pagination import paginate

PREVIEW_SIZE = 6
PER_PAGE = 24


def section_lists(params, lists, notices, counted_as):
    """`lists` is [(section, heading, queryset)] in display order.

    Returns a context: `sections` ({section, heading, items, total} for each type with
    something to show), `current` (the one section shown in full, or None) and `page_obj`.
    An unknown section gives a notice and the preview of all of them. How many items each
    type has is kept per content version under the name `counted_as` (hub/aggregates.py).
    """
    totals = cached_aggregate(
        counted_as, lambda: {section.key: queryset.count() for section, _h, queryset in lists}
    )
    key = params.get("section")
    if key:
        chosen = [entry for entry in lists if entry[0].key == key]
        if chosen:
            return section_in_full(params, *chosen[0], notices, totals[key])
        notices.append(
            _("This page has no part called “%(value)s”; showing all of it.") % {"value": key[:40]}
        )
    return {"sections": previews(lists, totals), "current": None, "page_obj": None}


def previews(lists, totals):
    """The first few items of each type with how many there are: a query a type at most, of
    the items' ids (`ListedCards`), and one more for their pages if a card is not remembered."""
    sections = []
    for section, heading, queryset in lists:
        total = totals[section.key]
        if total:
            items = ListedCards(queryset)[:PREVIEW_SIZE]
            entry = {"section": section, "heading": heading, "items": items, "total": total}
            sections.append(entry)
    return sections


def section_in_full(params, section, heading, queryset, notices, total):
    page_obj = paginate(params, ListedCards(queryset), PER_PAGE, notices, count=total)
    entry = {
        "section": section,
        "heading": heading,
        "items": list(page_obj.object_list),
        "total": page_obj.paginator.count,
    }
    return {"sections": [entry] if entry["total"] else [], "current": entry, "page_obj": page_obj}
