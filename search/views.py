from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from wagtail.models import Page

from hub.browsing.query_strings import redirect_without_empty_params
from hub.languages import active_locale
from hub.limits import client_address
from hub.models.related import in_private_section
from hub.sections import content_sections
from hub.tags import tags_in_use
from search import caching
from search.engine import SiteSearch, find, searchable_entries
from search.terms import MIN_PREFIX_LENGTH, clean_query, query_terms, search_string

POPULAR_TAGS = 12
SUGGESTIONS = 6
# Suggestions are titles: the titles that rank best hold them, so rank only these in full.
SUGGESTION_CANDIDATES = 100


def libraries(locale):
    """The page listing each content type (library, calendar, archive) in this language."""
    pages = Page.objects.live().exclude(in_private_section()).filter(locale=locale)
    pages = pages.type(*[section.index_model for section in content_sections()])
    return list(pages.order_by("path"))


@require_GET
def search(request):
    """The search page: results with facets, or help on what to search for."""
    # The form submits every facet, "All" as an empty value; share only the choices.
    redirect = redirect_without_empty_params(request)
    if redirect:
        return redirect
    site_search = SiteSearch(request.GET, visitor=client_address(request)).run()
    context = {"search": site_search}
    if site_search.results is None or not site_search.total:
        locale = site_search.locale
        context["popular_tags"] = tags_in_use(locale)[:POPULAR_TAGS]
        context["libraries"] = libraries(locale)
    response = TemplateResponse(request, "pages/search.html", context)
    # Each visitor's search is counted once a day for the editors' statistics, and picks
    # change, so each one reaches the site: a proxy may keep the page only to check with the
    # site first.
    patch_cache_control(response, no_cache=True)
    return response


@require_GET
def suggestions(request):
    """Search as you type: the titles of the best matches, as JSON."""
    query = clean_query(request.GET.get("q", ""))
    terms = query_terms(query)
    items = []
    if terms and len("".join(terms)) >= MIN_PREFIX_LENGTH:
        entries = searchable_entries(active_locale())
        rows = caching.reuse(
            caching.current(),
            "suggestions",
            [str(entries.query), search_string(query)],
            lambda: find(entries, query, SUGGESTIONS, pool=SUGGESTION_CANDIDATES),
        )
        pages = Page.objects.in_bulk([page_id for page_id, _type, _keys in rows])
        for page in (pages[page_id] for page_id, _type, _keys in rows if page_id in pages):
            items.append(
                {
                    "title": page.title,
                    "url": page.get_url(request),
                    "type": str(page.specific_class._meta.verbose_name),
                }
            )
    response = JsonResponse(
        {"query": query, "results": items, "label": _("Suggestions")},
        json_dumps_params={"ensure_ascii": False},
    )
    response["Cache-Control"] = "public, max-age=60"
    return response
