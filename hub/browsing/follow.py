"""Following a view of a listing: the feeds of its filters, and the words that name them.

Every view of the library and the calendar has feeds at the listing's own feed addresses
(`rss/`, `atom/`, `ical/`) with the view's filters in the query string. A feed reads that query
string with the listing's own `Browser`, so it drops an unknown value as the page does. What
is followed is the filters: not the page number or the sort (a feed lists the newest first),
nor what only narrows by time (`unfollowed`).
"""

from urllib.parse import urlencode

from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from hub.browsing.browser import KeptPages

# Never part of what a feed follows.
UNFOLLOWED = ("page", "sort")
# The format a feed announced in a page's head names in its title.
FORMAT_NAMES = {
    "application/rss+xml": "RSS",
    "application/atom+xml": "Atom",
    "text/calendar": "iCal",
}


def followed_params(params, unfollowed=()):
    """`params` without the page, the sort and the parameters named in `unfollowed`."""
    params = params.copy()
    for name in (*UNFOLLOWED, *unfollowed):
        params.pop(name, None)
    return params


def followed_query(browser):
    """The query string of the view `browser` shows, as its feeds read it: each value in
    effect (unknown ones already dropped), then the browser's `followed_params()`; with its
    "?", or "" when nothing is chosen."""
    pairs = [
        (field.name, value) for field in browser.fields for value in browser.selected[field.name]
    ]
    pairs += browser.followed_params()
    return f"?{urlencode(pairs)}" if pairs else ""


def chosen_labels(browser):
    """A label for each filter in effect, its chosen values as alternatives ("A or B"), then
    the browser's `followed_labels()`; read from what the browser has already read."""
    labels = []
    for field in browser.fields:
        values = browser.selected[field.name]
        if not values:
            continue
        if field.name in browser.choices:
            known = dict(browser.choices[field.name])
        else:
            known = browser.known_labels(field, values)
        labels.append(get_text_list([str(known.get(value, value)) for value in values], _("or")))
    return labels + [str(label) for label in browser.followed_labels()]


def followed_title(browser, listing_title):
    """ "Klimathubben: Energi- och klimatcoachning, Värmlands län", or the listing's title
    when nothing is chosen."""
    view = ", ".join(chosen_labels(browser)) or listing_title
    return _("Klimathubben: %(view)s") % {"view": view}


def newest(browser, count):
    """The first `count` pages of the view in the browser's sort, whatever page was asked for:
    from the kept listing where there is one (docs/browsing.md), else one query."""
    if browser.kept:
        return KeptPages(browser, browser.matching(), count)[0:count]
    return list(browser.ordered(browser.filtered().for_cards())[:count])


def follow_links(request, page, browser, feeds):
    """What a listing page shows and announces of its view's feeds: for each of `feeds`, given
    as (route name, media type, label), the route's address with the view's query string; a
    calendar's also as the webcal:// address that calendar apps subscribe to."""
    query = followed_query(browser)
    title = followed_title(browser, page.title)
    links = []
    for route, media_type, label in feeds:
        href = page.url + page.reverse_subpage(route) + query
        name = FORMAT_NAMES.get(media_type, label)
        link = {"href": href, "type": media_type, "label": label, "title": f"{title} ({name})"}
        if media_type == "text/calendar":
            absolute = request.build_absolute_uri(href)
            link["subscribe"] = "webcal://" + absolute.split("://", 1)[1]
        links.append(link)
    return links
