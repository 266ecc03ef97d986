from django import template
from django.conf import settings
from django.utils.translation import get_language, gettext

from wagtail.models import Page, Site

from hub.query_strings import carried_query

register = template.Library()


def _home_pages(request):
    """The live home page of every language, keyed by language code; one query per request."""
    if not hasattr(request, "_hub_home_pages"):
        site = Site.find_for_request(request)
        pages = {}
        if site is not None:
            translations = (
                Page.objects.filter(translation_key=site.root_page.translation_key)
                .live()
                .select_related("locale")
            )
            pages = {page.locale.language_code: page for page in translations}
        request._hub_home_pages = pages
    return request._hub_home_pages


def current_home(request):
    homes = _home_pages(request)
    return homes.get(get_language()) or homes.get(settings.LANGUAGE_CODE)


@register.simple_tag(takes_context=True)
def home_page(context):
    request = context.get("request")
    return current_home(request) if request else None


@register.inclusion_tag("navigation/main_menu.html", takes_context=True)
def main_menu(context):
    request = context["request"]
    home = current_home(request)
    current = context.get("page")
    items = []
    if home is not None:
        for child in home.get_children().live().in_menu():
            active = current is not None and current.path.startswith(child.path)
            items.append({"page": child, "active": active, "current": current == child})
    match = getattr(request, "resolver_match", None)
    municipalities_active = bool(match and (match.url_name or "").startswith("municipality"))
    return {"items": items, "request": request, "municipalities_active": municipalities_active}


@register.inclusion_tag("navigation/footer_links.html", takes_context=True)
def footer_links(context):
    from hub.models import StandardPage

    home = current_home(context["request"])
    pages = []
    if home is not None:
        pages = StandardPage.objects.child_of(home).live().filter(show_in_footer=True)
    return {"pages": pages, "request": context["request"]}


def language_links_for(context):
    """One entry per language: the translation of what is shown, or that language's home.

    Wagtail pages find their translations themselves; other views put a
    `translation_urls` mapping (language code to URL) in their context.
    """
    request = context["request"]
    page = context.get("page")
    cache_key = ("page", page.pk) if isinstance(page, Page) and page.pk else ("path", request.path)
    cached = getattr(request, "_hub_language_links", {})
    if cache_key in cached:
        return [dict(link) for link in cached[cache_key]]
    urls = dict(context.get("translation_urls") or {})
    if isinstance(page, Page) and page.pk:
        for translation in page.get_translations(inclusive=True).live().select_related("locale"):
            urls[translation.locale.language_code] = translation.get_url(request)
    homes = _home_pages(request) if len(urls) < len(settings.LANGUAGES) else {}
    current = get_language()
    links = []
    for code, name in settings.LANGUAGES:
        if code in urls:
            url, is_translation = urls[code], True
        else:
            home = homes.get(code)
            url, is_translation = (home.get_url(request) if home else f"/{code}/"), False
        links.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "is_current": code == current,
                "is_translation": is_translation,
            }
        )
    # The switcher and the head's alternates both ask; look the translations up once.
    request._hub_language_links = {**cached, cache_key: links}
    return [dict(link) for link in links]


@register.inclusion_tag("navigation/language_switcher.html", takes_context=True)
def language_switcher(context):
    """The language links; a translation keeps the filters and search of a listing page.

    The cached links stay without the query: the head's alternates name the pages themselves.
    """
    links = language_links_for(context)
    query = carried_query(context["request"])
    if query:
        for link in links:
            if link["is_translation"]:
                link["url"] = f"{link['url']}?{query}"
    return {"links": links}


@register.inclusion_tag("navigation/language_alternates.html", takes_context=True)
def language_alternates(context):
    request = context["request"]
    links = [link for link in language_links_for(context) if link["is_translation"]]
    for link in links:
        link["absolute_url"] = request.build_absolute_uri(link["url"])
    return {"links": links}


@register.simple_tag(takes_context=True)
def meta_description(context, page=None):
    page = page or context.get("page")
    if page is not None and hasattr(page, "get_meta_description"):
        description = page.get_meta_description()
        if description:
            return description
    return gettext(
        "Klimathubben: how Swedish municipalities and regions cut emissions together with "
        "local business, organisations and citizens."
    )


@register.filter
def is_site_home(page):
    return isinstance(page, Page) and page.depth == 2


@register.simple_tag
def contact_email_url(contact):
    from hub.views import contact_email_url as build_url

    return build_url(contact)


@register.simple_tag
def subpage_url(page, route_name, *args):
    """The URL of a routable page's sub-route, in the page's own language.

    Wagtail's `routablepageurl` is not locale-aware (wagtail-localize #442).
    """
    return page.url + page.reverse_subpage(route_name, args=args)


@register.simple_tag(takes_context=True)
def webcal_url(context, page, route_name, *args):
    """The same sub-route as a webcal:// address, for calendar subscriptions."""
    request = context["request"]
    url = request.build_absolute_uri(subpage_url(page, route_name, *args))
    return "webcal://" + url.split("://", 1)[1]
