"""One tag vocabulary across case studies, events and newsletter issues.

Tags are Swedish keywords shared by every language: wagtail-localize copies a page's tags to
its translations, so a tag page in English lists the English pages that carry it.
"""

from collections import defaultdict

from taggit.models import Tag

from django.db.models import Count
from django.http import Http404
from django.shortcuts import render

from hub.aggregates import cached_count
from hub.browsing.cards import find_term
from hub.languages import active_locale
from hub.section_lists import section_lists
from hub.sections import content_sections
from hub.versions import remember


def tags_by_id():
    """{id: tag}, remembered per content version: a tag changes only as pages are published
    or the tag is edited, and either replaces the version (hub/aggregates.py)."""
    return remember(("vocabulary", "tag"), Tag.objects.in_bulk)


def tag_counts(through_model, pages):
    """The tags on `pages` with how many of them carry each, most used first."""
    rows = (
        through_model.objects.filter(content_object__in=pages.order_by().values("pk"))
        .values("tag__name", "tag__slug")
        .annotate(total=Count("content_object", distinct=True))
        .order_by("-total", "tag__name")
    )
    return [
        {"name": row["tag__name"], "slug": row["tag__slug"], "count": row["total"]} for row in rows
    ]


def tag_names(model, page_ids):
    """{page id: the names of its tags, sorted} for pages of `model`, in one query of plain
    values: a prefetch of the tags builds a queryset for each page (modelcluster's tag
    manager) and a tag object for each link."""
    links = model._meta.get_field("tagged_items").related_model.objects
    rows = links.filter(content_object_id__in=page_ids)
    rows = rows.values_list("content_object_id", "tag__name")
    found = defaultdict(list)
    for page_id, name in rows:
        found[page_id].append(name)
    return {pk: sorted(names) for pk, names in found.items()}


def tags_in_use(locale):
    """Every tag on pages in this language, with how many carry it, most used first."""
    return cached_count("tags-in-use", locale, lambda: count_tags(locale))


def count_tags(locale):
    totals = {}
    for section in content_sections():
        for row in tag_counts(section.tag_through, section.pages(locale)):
            entry = totals.setdefault(row["slug"], {**row, "count": 0})
            entry["count"] += row["count"]
    return sorted(totals.values(), key=lambda row: (-row["count"], row["name"]))


def tag_index(request):
    """Every tag in use in this language, with how many pages carry it."""
    tags = tags_in_use(active_locale())
    return render(
        request,
        "pages/tag_index.html",
        {"tags": tags},
    )


def tag_detail(request, slug):
    """Everything with one tag, grouped by content type: a few of each, or one type in full."""
    tag = find_term(tags_by_id(), slug=slug)
    if tag is None:
        raise Http404("Unknown tag")
    locale = active_locale()
    lists = [
        (section, section.heading, section.for_tag(tag, locale)) for section in content_sections()
    ]
    notices = []
    context = section_lists(request.GET, lists, notices, f"tag:{tag.pk}:{locale.pk}")
    return render(
        request,
        "pages/tag_detail.html",
        {
            **context,
            "tag": tag,
            "notices": notices,
            "total": sum(entry["total"] for entry in context["sections"]),
        },
    )
