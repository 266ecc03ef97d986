"""The long lists of a listing page, written in Python: a filter's options, a tag list, the
municipalities of the overview and the squares of the county map.

The library shows about 120 filter options and 40 years, the calendar 300 options and 370
tags. In template language each option resolved a dozen variables and localised its count:
7 ms of the library's 45 and 14 ms of the calendar's 50. The overview's 290 municipalities
and the map's 21 squares cost the overview 9 ms of its 18 the same way (with 290 calls of
`reverse`). These tags give the same HTML.
"""

import re
from functools import lru_cache
from html import escape

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.formats import localize
from django.utils.functional import Promise
from django.utils.safestring import SafeData, mark_safe

register = template.Library()

PLAIN_SLUG = re.compile(r"[-a-zA-Z0-9_]+")


@lru_cache(maxsize=16384)
def _escaped(text):
    """A plain string escaped: the same few thousand names are shown on every request."""
    return escape(text)


def html(value):
    """`value` as `{{ value }}` writes it: escaped unless marked safe (conditional_escape, at a
    fraction of the cost in a loop of hundreds)."""
    if type(value) is str:
        return _escaped(value)
    if isinstance(value, Promise):
        value = str(value)
    return value.__html__() if hasattr(value, "__html__") else escape(str(value))


def number(value):
    """`value` as `{{ value }}` shows it (a count under a thousand has no separator to add)."""
    if type(value) is int and -1000 < value < 1000:
        return str(value)
    return localize(value) if settings.USE_THOUSAND_SEPARATOR else str(value)


def label(value):
    """`value` as `{{ value|capfirst }}` shows it."""
    if type(value) is str:
        return _escaped(value[:1].upper() + value[1:])
    shown = str(value)
    shown = shown[:1].upper() + shown[1:]
    return shown if isinstance(value, SafeData) else escape(shown)


@register.simple_tag
def facet_options(facet, results_word):
    """The checkboxes or radio buttons of a `Facet`, each with its label and count."""
    widget, name, word = html(facet.widget), html(facet.name), html(results_word)
    options = []
    for position, option in enumerate(facet.options, start=1):
        checked = " checked" if option.selected else ""
        count = ""
        if option.count is not None:
            count = (
                f' <span class="facet__count">({number(option.count)}'
                f'<span class="visually-hidden"> {word}</span>)</span>'
            )
        options.append(
            f'\n    <div class="facet__option">\n      <input type="{widget}" '
            f'id="facet-{name}-{position}" name="{name}" value="{html(option.value)}"{checked}>'
            f'\n      <label for="facet-{name}-{position}">{label(option.label)}{count}</label>'
            "\n    </div>\n    "
        )
    return mark_safe("".join(options))  # noqa: S308 - every value is escaped above


@register.simple_tag
def select_options(options, chosen=None):
    """The `<option>`s of a drop-down list; with `chosen`, the option of that value is
    selected, otherwise those marked selected."""
    chosen = None if chosen is None else str(chosen)
    items = []
    for option in options:
        selected = option.selected if chosen is None else option.value == chosen
        count = "" if option.count is None else f" ({number(option.count)})"
        items.append(
            f'<option value="{html(option.value)}"{" selected" if selected else ""}>'
            f"{label(option.label)}{count}</option>"
        )
    return mark_safe("".join(items))  # noqa: S308 - every value is escaped above


def _fields(item, *names):
    """`item.name` for each name, as the template language reads them, from a dict or an
    object."""
    if isinstance(item, dict):
        return [item.get(name, "") for name in names]
    return [getattr(item, name, "") for name in names]


def slug_urls(view_name):
    """`url(slug)`: the address of `view_name` for one slug, escaped. The address is reversed
    once; a slug of plain characters is put in its place."""
    prefix, _slug, suffix = reverse(view_name, kwargs={"slug": "slug"}).rpartition("slug")
    prefix, suffix = html(prefix), html(suffix)

    def url(slug):
        slug = str(slug)
        if PLAIN_SLUG.fullmatch(slug):
            return f"{prefix}{slug}{suffix}"
        return html(reverse(view_name, kwargs={"slug": slug}))

    return url


@register.simple_tag
def tag_links(tags):
    """Links to the pages of `tags` (dicts or objects with name, slug and maybe count)."""
    tag_url = slug_urls("tag_detail")
    links = []
    for tag in tags:
        slug, name, count = _fields(tag, "slug", "name", "count")
        count = f' <span class="tag-count">({number(count)})</span>' if count else ""
        links.append(f'<li><a href="{tag_url(slug)}">{html(name)}{count}</a></li>')
    return mark_safe(f'<ul class="tags">{"".join(links)}</ul>')  # noqa: S308 - escaped above


@register.simple_tag
def municipality_links(entries):
    """The `<li>`s of a county's municipalities on the overview: `entries` are
    (municipality, count) pairs; those with content are marked and show their count."""
    municipality_url = slug_urls("municipality_detail")
    items = []
    for municipality, count in entries:
        marked, shown = (' class="has-content"', f" ({number(count)})") if count else ("", "")
        link = f'<a href="{municipality_url(municipality.slug)}">{html(municipality.name)}</a>'
        items.append(f"<li{marked}>{link}{shown}</li>")
    return mark_safe("\n".join(items))  # noqa: S308 - every value is escaped above


@register.simple_tag
def county_map_regions(county_map):
    """The squares of the county map (hub/county_map.py), each a link named by its county and
    count."""
    tile = county_map["tile"]
    regions = []
    for region in county_map["regions"]:
        label = html(region["label"])
        regions.append(
            f'<a href="{html(region["href"])}" class="county-map__region '
            f'county-map__region--{region["level"]}" aria-label="{label}" '
            f'data-county="{html(region["code"])}">'
            f"<title>{label}</title>"
            f'<rect x="{region["x"]}" y="{region["y"]}" width="{tile}" height="{tile}" rx="4">'
            "</rect>"
            f'<text x="{region["text_x"]}" y="{region["short_y"]}" class="county-map__short" '
            f'aria-hidden="true">{html(region["short"])}</text>'
            f'<text x="{region["text_x"]}" y="{region["count_y"]}" class="county-map__count" '
            f'aria-hidden="true">{number(region["count"])}</text></a>'
        )
    return mark_safe("\n".join(regions))  # noqa: S308 - every value is escaped above
