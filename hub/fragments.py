"""Parts of a page that published content alone decides, made once per content version.

A case study's and an event's related case studies and a newsletter issue's featured pages
are the same for every visitor until editors change something, which starts a new content
version (hub/versions.py). Each worker keeps their HTML under that version, so a warm page
reads neither the cards' pages nor their themes and places. A preview, which shows unsaved
edits, makes them anew.
"""

from django.template.loader import render_to_string
from django.utils.translation import get_language

from hub.versions import remember_for


def remembered_html(request, key, template, context):
    """`template` rendered with `context()` and the request, once per content version and
    language; `key` says which page's part it is."""

    def render():
        return render_to_string(template, {**context(), "request": request})

    return remember_for(request, (template, get_language(), *key), render)
