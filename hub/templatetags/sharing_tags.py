from django import template
from django.conf import settings
from django.utils.safestring import mark_safe

from wagtail.models import Page

from hub import structured_data
from hub.languages import language_links_for
from hub.sharing import canonical_url, current_og_locale, og_locale, share_image
from hub.templatetags.hub_tags import meta_description

register = template.Library()


@register.inclusion_tag("components/sharing_meta.html", takes_context=True)
def sharing_meta(context, canonical=True):
    """The canonical link, Open Graph and Twitter card of the page or view being shown.

    Title and description are the document's own (captured in base.html), the title without
    the site's name, which `og:site_name` gives. A noindex view passes `canonical=False`.
    """
    request = context["request"]
    page = context.get("page")
    if not isinstance(page, Page):
        page = None
    title = str(context.get("document_title", ""))
    suffix = f" – {settings.WAGTAIL_SITE_NAME}"
    if title.endswith(suffix):
        title = title.removesuffix(suffix)
    description = context.get("document_description") or meta_description(context)
    alternates = [
        og_locale(link["code"])
        for link in language_links_for(context)
        if link["is_translation"] and not link["is_current"]
    ]
    og_type = getattr(page, "og_type", "website")
    return {
        "title": mark_safe(title or settings.WAGTAIL_SITE_NAME),  # noqa: S308 (escaped by its block)
        "description": description,
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
def breadcrumb_json_ld(context, *names_and_urls):
    """A BreadcrumbList from name, path, name, path, ..., the current page last."""
    items = list(zip(names_and_urls[::2], names_and_urls[1::2], strict=True))
    return json_ld(context, structured_data.breadcrumb_list(items))


@register.simple_tag(takes_context=True)
def page_breadcrumb_json_ld(context, page, ancestors):
    """The BreadcrumbList of a Wagtail page, as its breadcrumb navigation shows it."""
    request = context["request"]
    trail = [ancestor for ancestor in ancestors if ancestor.depth > 1] + [page]
    items = [(item.title, item.get_url(request)) for item in trail]
    return json_ld(context, structured_data.breadcrumb_list(items))


class CaptureNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist, name):
        self.nodelist = nodelist
        self.name = name

    def render(self, context):
        context[self.name] = self.nodelist.render(context)
        return ""


@register.tag
def capture(parser, token):
    """`{% capture "name" %}...{% endcapture %}`: render the inside into a context variable.

    The base template captures its title and description blocks, which pages override, so
    that the sharing tags show the same text without each page saying it twice.
    """
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("capture takes one argument: the variable's name")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[1].strip("\"'"))
