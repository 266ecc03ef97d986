from django import template
from django.conf import settings
from django.utils.translation import get_language

from wagtail.models import Locale, Page

from hub.languages import locale_codes
from hub.models.related import in_private_section

register = template.Library()


@register.filter
def other_language(page):
    """The language code of `page` when it differs from the one being read, else "".

    Templates mark such links with `hreflang` and `lang` and a visible note, so that nobody
    lands on a Swedish page from an English one unawares.
    """
    code = locale_codes().get(page.locale_id) or page.locale.language_code
    return "" if code == get_language() else code


@register.simple_tag
def only_in_source_language(index_page):
    """The original-language version of a translated listing, and how many of its live
    children have no live translation in this listing's language; None for an original.

    One query counts them, as an anti-join on the translation key.
    """
    if index_page.locale.language_code == settings.LANGUAGE_CODE:
        return None
    source = index_page.get_translation_or_none(Locale.get_default())
    if source is None or not source.live:
        return None
    translated = Page.objects.child_of(index_page).live().values("translation_key")
    count = (
        Page.objects.child_of(source)
        .live()
        .exclude(in_private_section())
        .exclude(translation_key__in=translated)
        .count()
    )
    return {"page": source, "count": count, "language": settings.LANGUAGE_CODE} if count else None
