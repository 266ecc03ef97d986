from django import template
from django.utils.translation import get_language

register = template.Library()


@register.filter
def other_language(page):
    """The language code of `page` when it differs from the one being read, else "".

    Templates mark such links with `hreflang` and `lang` and a visible note, so that nobody
    lands on a Swedish page from an English one unawares.
    """
    code = page.locale.language_code
    return "" if code == get_language() else code
