import re

from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from wagtail.models import Page

from hub.browsing.follow import webcal_address
from hub.browsing.query_strings import carried_query
from hub.fragments import remembered_html
from hub.languages import current_home, language_links_for
from hub.models import StandardPage
from hub.page_urls import page_url
from hub.structured_data import absolute
from hub.versions import remember
from hub.views import contact_email_url as build_contact_email_url

register = template.Library()

HEADING = re.compile(r"<h([1-6])\b([^>]*)>(.*?)</h\1>", re.DOTALL | re.IGNORECASE)


@register.simple_tag
def errors_reported():
    """Whether a server error reaches someone: mailed to ADMINS or sent to the error tracker."""
    return not settings.DEBUG and bool(settings.ADMINS or settings.SENTRY_DSN)


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
        menu = remember(("menu", home.pk), lambda: list(home.get_children().live().in_menu()))
        for child in menu:
            active = current is not None and current.path.startswith(child.path)
            items.append({"page": child, "active": active, "current": current == child})
    match = getattr(request, "resolver_match", None)
    municipalities_active = bool(match and (match.url_name or "").startswith("municipality"))
    return {"items": items, "request": request, "municipalities_active": municipalities_active}


@register.inclusion_tag("navigation/footer_links.html", takes_context=True)
def footer_links(context):
    home = current_home(context["request"])
    pages = []
    if home is not None:
        pages = remember(
            ("footer", home.pk),
            lambda: list(StandardPage.objects.child_of(home).live().filter(show_in_footer=True)),
        )
    return {"pages": pages, "request": context["request"]}


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
    """hreflang links on the same base as the canonical link (SITE_BASE_URL)."""
    links = [link for link in language_links_for(context) if link["is_translation"]]
    for link in links:
        link["absolute_url"] = absolute(link["url"])
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
def ancestors(page):
    """The page's ancestors, root first, remembered per content version (hub/versions.py)."""
    if not page.path:
        return page.get_ancestors()
    return remember(("ancestors", page.path), lambda: list(page.get_ancestors()))


@register.filter
def is_site_home(page):
    return isinstance(page, Page) and page.depth == 2


@register.simple_tag
def contact_email_url(contact):
    return build_contact_email_url(contact)


@register.simple_tag(takes_context=True)
def card_url(context, page):
    """`{% pageurl page %}` for the many pages of a list (hub/page_urls.py)."""
    return page_url(page, context.get("request"))


@register.simple_tag(takes_context=True)
def card(context, item):
    """The card of `item` (its model's `card_template`) in a listing, made once per content
    version, site and language for each page (hub/fragments.py): a listing shown again
    renders none of its cards. What a card says that changes with the clock rather than
    with editing, such as whether an event is under way, is part of the key
    (`card_moment()`). A `ListedCard` (hub/browsing/cards.py) stands for a page whose card
    may be remembered: its page is read only if the card is made."""
    request = context.get("request")
    host = request.get_host() if request is not None else ""
    moment = item.card_moment() if hasattr(item, "card_moment") else ()
    card_context = getattr(item, "card_context", lambda: {"item": item})
    return remembered_html(
        request, ("card", host, item.pk, *moment), item.card_template, card_context
    )


@register.simple_tag
def subpage_url(page, route_name, *args):
    """The URL of a routable page's sub-route, in the page's own language.

    Wagtail's `routablepageurl` is not locale-aware (wagtail-localize #442).
    """
    return page.url + page.reverse_subpage(route_name, args=args)


@register.simple_tag(takes_context=True)
def webcal_url(context, page, route_name, *args):
    """The same sub-route as a webcal:// address, for calendar subscriptions."""
    return webcal_address(context["request"], subpage_url(page, route_name, *args))


@register.filter(is_safe=True)
def headings_below(html, level):
    """`html` (a rendered StreamField) with its headings renumbered to follow a heading of
    `level` without skipping one, keeping the editor's nesting: rich text offers h3 only, so
    a text that starts right after the page's h1 would jump from h1 to h3."""
    written_and_shown = []  # the headings still open, outermost first

    def renumber(match):
        written = int(match.group(1))
        while written_and_shown and written_and_shown[-1][0] >= written:
            written_and_shown.pop()
        above = written_and_shown[-1][1] if written_and_shown else int(level)
        shown = min(above + 1, 6)
        written_and_shown.append((written, shown))
        return f"<h{shown}{match.group(2)}>{match.group(3)}</h{shown}>"

    html = conditional_escape(html)  # text that is not HTML yet stays text
    return mark_safe(HEADING.sub(renumber, html))  # noqa: S308 (escaped or already safe)


@register.filter
def html_datetime(value):
    """`value` for a `<time datetime>` attribute, to the second in Swedish time: the "c"
    format adds microseconds, and HTML allows at most three digits of a second's fraction."""
    if not value:
        return ""
    if hasattr(value, "hour"):
        value = timezone.localtime(value).replace(microsecond=0)
    return value.isoformat()
