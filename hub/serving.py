"""Wagtail's page view, with each address's page remembered for the current content version.

Wagtail finds the page for an address by reading the site, the home page in the language, then
each page along the path, and the view restrictions of every ancestor: about ten statements
before the page's own work begins. Which page is at an address, and whether a restriction is
above it, change only when editors change pages, sites or restrictions, which starts a new
content version (hub/versions.py). So each worker remembers them per version and reads just the
page itself; restrictions are still checked by Wagtail for the pages that have them.
"""

from django.http import Http404, HttpResponse
from django.http.request import split_domain_port
from django.utils.translation import get_language

from wagtail import hooks
from wagtail.models import Page, Site

from hub.models.related import restricted_paths
from hub.page_cache import not_page_cached
from hub.versions import remember


def serve(request, path):
    """What `wagtail.views.serve` does, in two statements once an address has been visited."""
    # Imported here: hub.models imports this module (through the languages and feeds) while
    # the models are loading, and Wagtail's views need them loaded.
    from wagtail.views import serve_chain
    from wagtail.wagtail_hooks import check_view_restrictions

    route = route_for_request(request, path)
    if route is None:
        raise Http404
    page, args, kwargs = route
    if restricted(page):
        not_page_cached(request)
    chain = serve_chain
    for wrapper in reversed(hooks.get_hooks("on_serve_page")):
        if wrapper is check_view_restrictions and not checks_restrictions(page):
            continue
        chain = wrapper(chain)
    for before in hooks.get_hooks("before_serve_page"):
        result = before(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result
    return chain(page, request, args, kwargs)


def find_site(request):
    """`Site.find_for_request`, remembered per host and port."""
    if not hasattr(request, "_wagtail_site"):
        hostname = split_domain_port(request._get_raw_host())[0]
        key = ("site", hostname, request.get_port())
        request._wagtail_site = remember(key, lambda: Site._find_for_request(request))
    return request._wagtail_site


def route_for_request(request, path):
    """(page, args, kwargs) for `path` in the active language, or None.

    The first visit to an address routes the way Wagtail does and remembers which page it
    found; later visits read that page alone and let it route what is left of the path (a
    routable page's sub-view), as Wagtail would.
    """
    site = find_site(request)
    if site is None:
        return None
    key = ("route", site.pk, get_language(), path)
    try:
        model, pk, own_components = remember(key, lambda: route_once(request, site, path))
    except NoPage:  # not remembered: addresses that lead nowhere are endless
        return None
    components = [component for component in path.split("/") if component]
    try:
        page = model._default_manager.select_related("locale").get(pk=pk)
        route = page.route(request, components[own_components:])
    except (model.DoesNotExist, Http404):
        route = None
    request._wagtail_route_for_request = route
    return route


class NoPage(Exception):
    """No page is at the address."""


def route_once(request, site, path):
    """(page type, page id, path components that lead to the page); NoPage for none."""
    route = Page.route_for_request(request, path)
    if route is None:
        raise NoPage(path)
    page = route[0]
    return type(page), page.pk, page.depth - site.root_page.depth


def restricted(page):
    """Whether a view restriction is set on `page` or above it."""
    return any(page.path.startswith(above) for above in restricted_paths())


def checks_restrictions(page):
    """Whether Wagtail must check view restrictions for `page`: one is set on it or above
    it, or the site has aliases, whose restrictions are their originals'."""
    if restricted(page):
        return True
    return remember(("aliases",), lambda: Page.objects.filter(alias_of__isnull=False).exists())
