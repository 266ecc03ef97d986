from django import template

from hub.fragments import remembered_html

register = template.Library()


@register.simple_tag(takes_context=True)
def result_card(context, result):
    """A search result's type, title, date and places, made once per content version for
    each page, site and language (hub/fragments.py): a search whose results were shown
    before reads neither their pages nor their templates again. "" for a page since
    deleted."""
    request = context["request"]
    return remembered_html(
        request,
        ("search result", request.get_host(), result.pk),
        "components/search_result_card.html",
        lambda: {"result": result},
    )
