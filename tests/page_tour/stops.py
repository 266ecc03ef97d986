"""The tour's stops: the addresses of every page type in each language, and how one is fetched."""

from dataclasses import dataclass, field

from django.core import signing
from django.urls import reverse
from django.utils import translation

from hub.newsletters.links import CONFIRM_SALT, UNSUBSCRIBE_SALT
from hub.views import contact_email_url

WORKSHOP_ID = "11111111-2222-3333-4444-555555555555"
# The site's addresses and one that fails, for the 500 page: the tour's tests use this URLconf.
URLCONF = "tests.urls_with_error"


@dataclass(frozen=True)
class Stop:
    """One page of the tour: a name for failure messages, its path, the status it answers
    with, and form data when the page is the answer to a POST."""

    name: str
    path: str
    status: int = 200
    post: dict = field(default=None, hash=False)
    # False for the newsletter's e-mail edition: mail programs' HTML (layout tables,
    # presentational attributes) that the Nu checker reports as obsolete on the web.
    web_html: bool = True


def tour(pages, contact, subscriber, unsubscribed):
    stops = []
    for language in ("sv", "en"):
        url = {name: pair[0 if language == "sv" else 1].url for name, pair in pages.items()}
        stops += [Stop(f"{name} ({language})", path) for name, path in url.items()]
        with translation.override(language):
            stops += [
                Stop(f"{name} ({language})", path, *rest)
                for name, path, *rest in more_addresses(
                    url, language, contact, subscriber, unsubscribed
                )
            ]
    return stops


def more_addresses(url, language, contact, subscriber, unsubscribed):
    """(name, path, [status, [form data, [web HTML]]]) of the pages that are not pages of the
    tree, and of the tree's pages with filters, routes and bad input."""
    theme = "klimatkontrakt" if language == "sv" else "climate-contracts"
    tag = reverse("tag_detail", kwargs={"slug": "naringsliv"})
    karlstad = reverse("municipality_detail", kwargs={"slug": "karlstad"})
    search = reverse("search")
    confirm = signing.dumps(subscriber.pk, salt=CONFIRM_SALT)
    unsubscribe = signing.dumps(subscriber.pk, salt=UNSUBSCRIBE_SALT)
    unsubscribed = signing.dumps(unsubscribed.pk, salt=UNSUBSCRIBE_SALT)
    return [
        ("library filtered", f"{url['library']}?theme={theme}&county=varmlands-lan&sort=title"),
        ("library, bad filters", f"{url['library']}?theme=finns-inte&county=x&page=x"),
        ("calendar filtered", f"{url['calendar']}?type=klimatfrukost"),
        ("calendar, past", f"{url['calendar']}?when=past&month=2099-13"),
        ("workshop print", f"{url['past event']}workshop/{WORKSHOP_ID}/"),
        ("newsletter e-mail edition", f"{url['newsletter issue']}email/", 200, None, False),
        ("tag overview", reverse("tag_index")),
        ("tag page", tag),
        ("tag page, one section", f"{tag}?section=case_studies"),
        ("municipality overview", reverse("municipality_index")),
        ("municipality page", karlstad),
        ("municipality page, one section", f"{karlstad}?section=case_studies&page=x"),
        ("municipality page, empty", reverse("municipality_detail", kwargs={"slug": "kiruna"})),
        ("county page", reverse("county_detail", kwargs={"slug": "varmlands-lan"})),
        ("county page, empty", reverse("county_detail", kwargs={"slug": "norrbottens-lan"})),
        (
            "library sorted by a figure",
            f"{url['library']}?sort=ghg_reduction&figures=ghg_reduction",
        ),
        ("search, empty", search),
        ("search, results", f"{search}?q=klimatkontrakt"),
        ("search, filtered", f"{search}?q=klimat&county=08&sort=date"),
        ("search, no results", f"{search}?q=zzqxv"),
        ("search, misspelt", f"{search}?q=Kalmr"),
        ("contact e-mail", contact_email_url(contact)),
        ("newsletter sign-up", reverse("newsletter_subscribe")),
        ("newsletter sign-up errors", reverse("newsletter_subscribe"), 400, {"email": "x@"}),
        (
            "newsletter check your e-mail",
            reverse("newsletter_subscribe"),
            200,
            {"email": "ny@example.org", "consent": "on"},
        ),
        ("newsletter confirmed", reverse("newsletter_confirm", args=[confirm])),
        ("newsletter bad link", reverse("newsletter_confirm", args=["trasig"]), 400),
        ("newsletter unsubscribe", reverse("newsletter_unsubscribe", args=[unsubscribe])),
        ("newsletter unsubscribed", reverse("newsletter_unsubscribe", args=[unsubscribed])),
        ("not found", f"/{language}/finns-inte/", 404),
        ("server error", f"/{language}/fel/", 500),
    ]


def fetch(client, stop):
    """The stop's HTML as a browser gets it; fails on any status but the one expected."""
    client.raise_request_exception = False  # the 500 page, as a visitor sees it
    response = client.post(stop.path, stop.post) if stop.post else client.get(stop.path)
    assert response.status_code == stop.status, (stop.name, stop.path, response.status_code)
    return response.content.decode()
