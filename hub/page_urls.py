"""Page addresses for long lists, without Wagtail's address building for each page.

`Page.get_url()` finds the page's site among the site root paths and reverses Wagtail's serve
view in the page's language, about 25 µs a page: a calendar file of 118 events spent a tenth
of its time there. Pages listed together are mostly siblings, and a sibling's address is its
parent's address followed by its own slug. So the address of one page under each parent is
built by Wagtail and remembered per content version (hub/versions.py); a page whose slug is
not plain letters, digits, hyphens and underscores is left to Wagtail, which may escape it.
"""

import re

from django.utils.translation import get_language

from hub.versions import remember

PLAIN_SLUG = re.compile(r"[-a-zA-Z0-9_]+")


def page_url(page, request=None):
    """`page.get_url(request)`: the page's address, relative within the request's site."""
    slug, url_path = page.slug, page.url_path
    if not PLAIN_SLUG.fullmatch(slug) or not url_path.endswith(f"/{slug}/"):
        return page.get_url(request)
    host = request.get_host() if request is not None else ""
    key = ("address under", url_path[: -len(slug) - 1], host, get_language())
    prefix = remember(key, lambda: parent_address(page, request))
    if not prefix:
        return page.get_url(request)
    return f"{prefix}{slug}/"


def parent_address(page, request):
    """The address `page`'s siblings share before their slugs, or "" if there is none."""
    url = page.get_url(request)
    suffix = f"/{page.slug}/"
    return url[: -len(suffix) + 1] if url and url.endswith(suffix) else ""
