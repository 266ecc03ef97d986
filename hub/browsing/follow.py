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

from wagtail.contrib.routable_page.models import RoutablePageMixin

from hub.browsing.browser import KeptPages
from hub.browsing.query_strings import redirect_without_empty_params
from hub.feeds import HubFeedMixin
from hub.models.related import cards_in_order

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
        ids = KeptPages(browser, browser.matching(), count).ids(0, count)
        return cards_in_order(browser.base, ids)
    return list(browser.ordered(browser.filtered().for_cards())[:count])


def follow_links(request, page, browser, feeds):
    """What a listing page shows and announces of its view's feeds: for each of `feeds`, given
    as (route name, media type, label), the route's address with the view's query string; a
    calendar's also as the webcal:// address that calendar apps subscribe to."""
    query = followed_query(browser)
    title = followed_title(browser, page.title)
    address = page.get_url(request)
    links = []
    for route, media_type, label in feeds:
        href = address + page.reverse_subpage(route) + query
        name = FORMAT_NAMES.get(media_type, label)
        link = {"href": href, "type": media_type, "label": label, "title": f"{title} ({name})"}
        if media_type == "text/calendar":
            link["subscribe"] = webcal_address(request, href)
        links.append(link)
    return links


def webcal_address(request, path):
    """`path` as the webcal:// address that calendar apps subscribe to."""
    return "webcal://" + request.build_absolute_uri(path).split("://", 1)[1]


class FollowedListingMixin(RoutablePageMixin):
    """A listing page browsed with `browser_class` from its query string, every view of which
    has the `feeds` routes the subclass declares: (route name, media type, label)."""

    browser_class = None
    feeds = []
    unfollowed = ()  # parameters that only narrow by time: not followed

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["browser"] = browser = self.browser_class(self, request.GET)
        context["follow_links"] = follow_links(request, self, browser, self.feeds)
        return context

    def followed_browser(self, request):
        """The view a feed follows, read from the feed's query string."""
        return self.browser_class(self, followed_params(request.GET, self.unfollowed))

    def serve(self, request, view=None, args=None, kwargs=None):
        # The filter form submits every field; a shared address should carry only the choices.
        if getattr(view, "__name__", "index_route") == "index_route":
            redirect = redirect_without_empty_params(request)
            if redirect:
                return redirect
        return super().serve(request, view, args, kwargs)


class FollowedFeedMixin(HubFeedMixin):
    """An RSS or Atom feed of one view of a `FollowedListingMixin` page, named after the view;
    subclasses say what it lists in `items()` and describe it in `about` and `about_view`."""

    about = ""  # what the feed lists with nothing chosen
    about_view = ""  # the same for chosen filters, "%(view)s" naming them

    def __init__(self, listing):
        super().__init__()
        self.listing = listing

    def __call__(self, request, *args, **kwargs):
        self.browser = self.listing.followed_browser(request)
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return followed_title(self.browser, self.listing.title)

    def link(self):
        return self.listing.get_url(self.request) + followed_query(self.browser)

    def description(self):
        labels = chosen_labels(self.browser)
        if not labels:
            return str(self.about)
        return self.about_view % {"view": ", ".join(labels)}

    def item_pubdate(self, item):
        return item.first_published_at
