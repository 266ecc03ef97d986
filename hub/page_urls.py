"""Page addresses for sitemaps and long lists, without Wagtail's address building for each.

`Page.get_url()` finds the page's site among the site root paths and reverses Wagtail's serve
view in the page's language, about 25 µs a page: a sitemap of 5,000 pages spent two seconds
there and a calendar file of 118 events a tenth of its time. `PageUrls` reverses each site
root once; `page_url()` keeps one per host and content version (hub/versions.py) for cards.
"""

from urllib.parse import quote

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from wagtail.models import Site

from hub.serving import find_site
from hub.versions import remember

# What django.urls.reverse leaves unquoted in a path, so that addresses match Page.get_url's.
PATH_SAFE = "!$&'()*+,;=/~:@"


class PageUrls:
    """Page addresses from their `url_path`, as Page.get_url(request) makes them: absolute,
    or with `relative`, relative on the request's own site.

    Page.get_url reverses Wagtail's serve URL in the page's language for every page, a
    fifth of a millisecond each; a sitemap of 5,000 pages and their translations spent two
    seconds on it. Here each site root is reversed once and each page only adds its path.
    """

    def __init__(self, request, relative=False):
        current = find_site(request)
        origin = "" if relative else request.build_absolute_uri("/").rstrip("/")
        self.roots = []
        for site_id, root_path, root_url, language in Site.get_site_root_paths():
            with translation.override(language):
                base = reverse("wagtail_serve", args=("",))
            on_this_site = current is not None and site_id == current.pk
            self.roots.append((root_path, origin if on_this_site else root_url, base))
        self.append_slash = getattr(settings, "WAGTAIL_APPEND_SLASH", True)

    def __call__(self, url_path):
        for root_path, origin, base in self.roots:
            if url_path.startswith(root_path):
                path = base + quote(url_path[len(root_path) :], safe=PATH_SAFE)
                if not self.append_slash and path != "/":
                    path = path.rstrip("/")
                return origin + path
        return None


def page_url(page, request=None):
    """`page.get_url(request)`: the page's address, relative within the request's site."""
    if request is None:
        return page.get_url()
    urls = remember(("page addresses", request.get_host()), lambda: PageUrls(request, True))
    return urls(page.url_path) or page.get_url(request)
