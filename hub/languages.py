"""The hub's languages: each language's home page, and where a page or view is in the others.

Read by the navigation template tags, the feeds and, through `context`, every template.
"""

from django.conf import settings
from django.urls import translate_url
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from wagtail.models import Locale, Page

from hub.serving import find_site
from hub.versions import remember

# Views of our own whose address is the same in every language but for its translated words.
# Not the newsletter's confirm and unsubscribe links: their tokens act when followed.
TRANSLATED_VIEWS = {
    "municipality_index",
    "municipality_detail",
    "county_detail",
    "tag_index",
    "tag_detail",
    "search",
    "contact_email",
}


def home_pages(request):
    """The live home page of every language, keyed by language code.

    Remembered per content version (hub/versions.py): the pages are shared between requests,
    so read them, never change them.
    """
    if not hasattr(request, "_hub_home_pages"):
        site = find_site(request)
        pages = {}
        if site is not None:
            pages = remember(("home pages", site.pk), lambda: translated_homes(site))
        request._hub_home_pages = pages
    return request._hub_home_pages


def translated_homes(site):
    translations = (
        Page.objects.filter(translation_key=site.root_page.translation_key)
        .live()
        .select_related("locale")
    )
    return {page.locale.language_code: page for page in translations}


def active_locale():
    """Wagtail's `Locale.get_active()`, remembered per content version: one object shared
    between requests, to read only."""
    return remember(("active locale", get_language()), Locale.get_active)


def locale_codes():
    """{locale id: language code}, remembered per content version."""
    return remember(("locales",), lambda: dict(Locale.objects.values_list("pk", "language_code")))


def current_home(request):
    homes = home_pages(request)
    return homes.get(get_language()) or homes.get(settings.LANGUAGE_CODE)


def translation_urls(request):
    """This view's address in every language, for the language switcher and hreflang."""
    return {code: translate_url(request.path, code) for code, _name in settings.LANGUAGES}


def context(request):
    """Context processor: `translation_urls` for the views in TRANSLATED_VIEWS.

    Pages know their translations; these views are at the same address in every language, as
    their URL patterns are translated. Others lead to the other language's home page.
    """
    match = getattr(request, "resolver_match", None)
    if match is None or match.url_name not in TRANSLATED_VIEWS:
        return {}
    return {"translation_urls": SimpleLazyObject(lambda: translation_urls(request))}


def language_links_for(context):
    """One entry per language: the translation of what is shown, or that language's home.

    Wagtail pages find their translations themselves; for other views the `languages` context
    processor puts their address in each language in the context as `translation_urls`.
    """
    request = context["request"]
    page = context.get("page")
    cache_key = ("page", page.pk) if isinstance(page, Page) and page.pk else ("path", request.path)
    cached = getattr(request, "_hub_language_links", {})
    if cache_key in cached:
        return [dict(link) for link in cached[cache_key]]
    urls = dict(context.get("translation_urls") or {})
    if isinstance(page, Page) and page.pk:
        for code, translation in live_translations(page):
            urls[code] = translation.get_url(request)
    homes = home_pages(request) if len(urls) < len(settings.LANGUAGES) else {}
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


def live_translations(page):
    """[(language code, page)] for `page` and its live translations, remembered per content
    version."""

    def translations():
        pages = page.get_translations(inclusive=True).live().select_related("locale")
        return [(translation.locale.language_code, translation) for translation in pages]

    return remember(("translations", page.pk), translations)
