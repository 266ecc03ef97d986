from django import template
from django.conf import settings

from wagtail.models import Page

from hub import structured_data
from hub.languages import language_links_for
from hub.sharing import canonical_url, current_og_locale, og_locale, share_image
from hub.templatetags.hub_tags import meta_description

register = template.Library()


@register.inclusion_tag("components/sharing_meta.html", takes_context=True)
def sharing_meta(context, title="", description="", canonical=True):
    """The canonical link, Open Graph and Twitter card of the page or view being shown.

    A view that is no Wagtail page names its `title` (and `description`); a noindex view
    passes `canonical=False`.
    """
    request = context["request"]
    page = context.get("page")
    if not isinstance(page, Page):
        page = None
    if not title and page is not None:
        title = page.seo_title or (page.title if page.depth > 2 else settings.WAGTAIL_SITE_NAME)
    alternates = [
        og_locale(link["code"])
        for link in language_links_for(context)
        if link["is_translation"] and not link["is_current"]
    ]
    og_type = getattr(page, "og_type", "website")
    return {
        "title": title or settings.WAGTAIL_SITE_NAME,
        "description": description or meta_description(context),
        "url": canonical_url(request),
        "canonical": canonical,
        "type": og_type,
        "page": page if og_type == "article" else None,
        "image": share_image(page, request),
        "locale": current_og_locale(),
        "alternates": alternates,
        "site_name": settings.WAGTAIL_SITE_NAME,
    }


@register.simple_tag(takes_context=True)
def json_ld(context, data):
    """`data` (a dict) as a JSON-LD script element; see hub/structured_data.py."""
    return structured_data.json_ld_script(context["request"], data)


@register.simple_tag(takes_context=True)
def organisation_json_ld(context):
    """The hub as an Organization, on its home pages."""
    return json_ld(context, structured_data.network())


@register.simple_tag(takes_context=True)
def breadcrumb_json_ld(context, items):
    """A BreadcrumbList from [(name, path or URL)], the current page last."""
    return json_ld(context, structured_data.breadcrumb_list(items))


@register.simple_tag(takes_context=True)
def page_breadcrumb_json_ld(context, page, ancestors):
    """The BreadcrumbList of a Wagtail page, as its breadcrumb navigation shows it."""
    request = context["request"]
    trail = [ancestor for ancestor in ancestors if ancestor.depth > 1] + [page]
    return breadcrumb_json_ld(context, [(item.title, item.get_url(request)) for item in trail])
