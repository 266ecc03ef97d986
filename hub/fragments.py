"""Parts of a page that published content alone decides, made once per content version.

A case study's and an event's related case studies, a newsletter issue's featured pages,
the cards of a listing (`{% card %}`) and of the search results are the same for every visitor
until editors change something, which starts a new content version (hub/versions.py). Each
worker keeps their HTML under that version, so a warm page renders them no more (and the
related case studies and search results read neither their pages nor their themes and
places). A preview, which shows unsaved edits, makes them anew.
"""

from django.template.loader import render_to_string
from django.utils.translation import get_language

from hub.versions import remember_for


def remembered_html(request, key, template, context):
    """`template` rendered with `context()` and the request, once per content version and
    language; `key` says which page's part it is. A `context()` of None (a listed page gone
    since its list was read) makes it empty."""

    def render():
        values = context()
        return "" if values is None else render_to_string(template, {**values, "request": request})

    return remember_for(request, (template, get_language(), *key), render)
