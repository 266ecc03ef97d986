"""sitemap.xml with every live page in every language and its translations as alternates.

Wagtail's own sitemap lists one site's pages without the other languages (wagtail#6583).
"""

from collections import defaultdict

from django.http import HttpResponse
from django.template.loader import render_to_string

from wagtail.models import Page


def sitemap(request):
    pages = (
        Page.objects.live()
        .public()
        .filter(depth__gt=1)
        .select_related("locale")
        .order_by("path")
        .only("url_path", "path", "depth", "translation_key", "last_published_at", "locale")
    )
    entries = []
    translations = defaultdict(list)
    for page in pages:
        url = page.get_url(request)
        if url is None:
            continue
        entry = {
            "loc": request.build_absolute_uri(url),
            "lastmod": page.last_published_at,
            "language": page.locale.language_code,
            "key": page.translation_key,
        }
        entries.append(entry)
        translations[page.translation_key].append(entry)
    for entry in entries:
        others = translations[entry["key"]]
        entry["alternates"] = others if len(others) > 1 else []
    xml = render_to_string("sitemap.xml", {"entries": entries})
    return HttpResponse(xml, content_type="application/xml; charset=utf-8")
