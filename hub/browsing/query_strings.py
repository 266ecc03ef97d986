"""Query strings of the pages driven by a plain GET form: the library, the calendar, search.

A GET form submits every field, so a shared address fills up with empty parameters
(`?year_from=&year_to=&theme=x`). These helpers keep the parameters that mean something, in
their order, repeated ones included.
"""

from urllib.parse import parse_qsl, urlencode

from django.http import HttpResponseRedirect


def _pairs(request):
    return parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)


def _filled(pairs, drop=()):
    return [(name, value) for name, value in pairs if value.strip() and name not in drop]


def redirect_without_empty_params(request):
    """A redirect to the same address without its empty parameters, or None if it has none."""
    if getattr(request, "is_preview", False):
        return None
    pairs = _pairs(request)
    filled = _filled(pairs)
    if len(filled) == len(pairs):
        return None
    query = urlencode(filled)
    return HttpResponseRedirect(f"{request.path}?{query}" if query else request.path)


def carried_query(request):
    """The parameters worth keeping in the other language: every filled one but the page.

    Filter values are language-neutral slugs; page numbers are not, since the other
    language has other counts.
    """
    return urlencode(_filled(_pairs(request), drop={"page"}))
