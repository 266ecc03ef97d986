"""How a page presents itself when shared or crawled: canonical address, Open Graph, Twitter.

Everything here is the same for every visitor of an address, as the page cache keeps whole
pages (hub/page_cache.py). docs/sharing.md describes what is emitted and why.
"""

from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.templatetags.static import static
from django.utils.translation import get_language, gettext

from hub.structured_data import absolute
from hub.versions import remember_for

# The share image: the size Facebook, LinkedIn and others show large, made once per image.
SHARE_IMAGE = "fill-1200x630|format-jpeg|jpegquality-85"
DEFAULT_IMAGE = {"path": "hub/img/share-default.png", "width": 1200, "height": 630}
# A smaller picture shows as a thumbnail, or not at all; the default image looks better.
MIN_SHARE_WIDTH = 600
OG_LOCALES = {"sv": "sv_SE", "en": "en_GB"}
# Parameters that make a listing's address another page of its own: the page number and the
# content type of a tag or municipality page. Any other (a filter, a search, a sort) makes a
# variant of the listing, whose canonical address is the listing itself.
CANONICAL_PARAMS = ("section", "page")


def canonical_url(request):
    """The full address search engines should index for what `request` shows.

    A filtered, searched or sorted listing points to the unfiltered listing, which links to
    every item; a further page of an unfiltered listing is its own canonical page, as its items
    are on no other (page 1 is the listing without `?page`).
    """
    pairs = [
        (name, value.strip())
        for name, value in parse_qsl(request.META.get("QUERY_STRING", ""))
        if value.strip()
    ]
    kept = []
    if all(name in CANONICAL_PARAMS for name, _value in pairs):
        for name, value in pairs:
            if name == "page" and not (value.isdigit() and int(value) > 1):
                continue
            if name not in dict(kept):
                kept.append((name, value))
    kept.sort(key=lambda pair: CANONICAL_PARAMS.index(pair[0]))
    query = urlencode(kept)
    return absolute(f"{request.path}?{query}" if query else request.path)


def share_image(page, request):
    """{url, width, height, alt} of the image shown when `page` is shared.

    The page's own image (`share_image_field` of PagePresentationMixin) as a 1200×630
    rendition, made on first use and kept by Wagtail, its address remembered per content
    version, so a warm request reads nothing; else (or if it is too small to be shown large)
    the site's default image.
    """
    field = getattr(page, "share_image_field", None)
    image_id = getattr(page, f"{field}_id", None) if field else None
    if not image_id:
        return default_image()
    alt = getattr(page, page.share_image_alt_field, "") or page.title

    def rendition():
        made = getattr(page, field).get_rendition(SHARE_IMAGE)
        if made.width < MIN_SHARE_WIDTH:
            return default_image()
        return {"url": absolute(made.url), "width": made.width, "height": made.height, "alt": alt}

    return remember_for(request, ("share image", page.pk, image_id, alt), rendition)


def default_image():
    return {
        "url": absolute(static(DEFAULT_IMAGE["path"])),
        "width": DEFAULT_IMAGE["width"],
        "height": DEFAULT_IMAGE["height"],
        "alt": gettext("Klimathubben: municipalities sharing their climate work"),
    }


def og_locale(code):
    return OG_LOCALES.get(code, code)


def current_og_locale():
    return og_locale(get_language() or settings.LANGUAGE_CODE)
