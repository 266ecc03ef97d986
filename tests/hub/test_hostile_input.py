"""Random and hostile requests to every public address in both languages never give a 5xx.

Every URL pattern outside the admin and every page type with its routes has a strategy below;
`test_every_public_address_has_a_strategy` fails when a new one is added without one. Each
address gets random query strings, path segments, form posts and headers (tests/hostile.py),
and every answer must be a 2xx, 3xx or 4xx of a type a browser can show.

Hypothesis runs a fixed, derandomized set of examples (the "ci" profile), so a failure comes
back on the next run; HYPOTHESIS_PROFILE=explore runs many more random ones.
"""

import os
from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from django.conf import settings as django_settings
from django.urls import URLResolver, get_resolver, reverse
from django.utils import translation

from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, get_page_models

from tests import hostile
from tests.hostile_site import build_site

settings.register_profile(
    "ci",
    max_examples=int(os.environ.get("HYPOTHESIS_MAX_EXAMPLES", "20")),
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "explore", settings.get_profile("ci"), max_examples=300, derandomize=False
)
PROFILE = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

LANGUAGES = ["sv", "en"]
# What a 2xx may be; errors and redirects are HTML, text or JSON.
PAGE_TYPES = {
    "text/html",
    "text/plain",
    "text/calendar",
    "application/json",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/pdf",
    "text/csv",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
ERROR_TYPES = {"text/html", "text/plain", "application/json"}


@dataclass(frozen=True)
class Target:
    """Where to send requests: a function of the site and a language giving a path strategy,
    and the values this address's query string reads (slugs that exist)."""

    paths: object
    known_values: tuple = ()


def reversed_with(url_name, **kwargs):
    """Paths of the URL pattern `url_name`: its real arguments, or hostile segments in place of
    each (the last occurrence of its value in the path; values are chosen to be unique)."""

    def paths(site, language):
        with translation.override(language):
            real = reverse(url_name, kwargs=kwargs)

        def replaced(segments):
            path = real
            for value, segment in zip(kwargs.values(), segments, strict=True):
                head, _value, tail = path.rpartition(str(value))
                path = f"{head}{segment}{tail}"
            return path

        hostile_paths = st.tuples(
            *(hostile.segments([str(value)]) for value in kwargs.values())
        ).map(replaced)
        return st.one_of(st.just(real), hostile_paths) if kwargs else st.just(real)

    return paths


def page_route(key, route=""):
    """Paths of the page `key` (in the language asked for) with `route` after it; a route
    argument written SEGMENT takes hostile values, `known` ones included."""

    def paths(site, language):
        base = site.pages[key, language]
        real = base + route.replace("SEGMENT", site.route_arguments.get(key, "x"))
        if "SEGMENT" not in route:
            # Anything the page's routes do not know, under it.
            junk = hostile.segments().map(lambda segment: f"{base}{route}{segment}/")
            return st.one_of(st.just(real), junk)
        return st.one_of(
            st.just(real),
            hostile.segments().map(lambda segment: base + route.replace("SEGMENT", segment)),
        )

    return paths


def tokens(salt_or_view):
    """A real signed token for the subscriber or contact, or a hostile one."""

    def paths(site, language):
        with translation.override(language):
            real = site.links[salt_or_view]
            shape = reverse(salt_or_view, kwargs={"token": "SEGMENT"})
        return st.one_of(
            st.just(real),
            hostile.segments([real.rstrip("/").rsplit("/", 1)[-1] + "x"]).map(
                lambda segment: shape.replace("SEGMENT", segment)
            ),
        )

    return paths


def alert_paths(url_name):
    """A reader's alert by a real token and id, or hostile segments in place of either."""

    def paths(site, language):
        token, alert_id = site.links["alert"]
        return reversed_with(url_name, token=token, alert_id=alert_id)(site, language)

    return paths


def document_paths(site, language):
    """The document's own path, or hostile ids and file names."""
    pk, path = site.document
    return st.one_of(
        st.just(path),
        hostile.segments().map(lambda segment: f"/documents/{pk}/{segment}"),
        hostile.segments([str(pk), "99999999999999999999"]).map(
            lambda segment: f"/documents/{segment}/bilder.pdf"
        ),
    )


API_NAMES = [
    "type", "locale", "theme", "municipality", "tags", "fields", "limit", "offset", "after_id",
    "order", "child_of", "descendant_of", "ancestor_of", "translation_of", "search", "id",
    "html_path",
]  # fmt: skip
API_VALUES = (
    "casestudies.CaseStudyPage", "hub.NewsletterIssuePage", "sv", "en", "industriell-symbios",
    "1780", "karlstad", "klimat", "*", "_,title,themes", "-id", "100", "1001", "/sv/exempel/",
)  # fmt: skip


def api_paths(route):
    """The JSON API's `route` ("listing", "detail", "find") of its pages, images and documents,
    with the API's own query parameters in front of the hostile ones."""

    def paths(site, language):
        endpoints = st.sampled_from(["pages", "images", "documents"])
        pairs = st.tuples(st.sampled_from(API_NAMES), hostile.encoded_values(API_VALUES))
        queries = st.lists(pairs.map("=".join), max_size=4).map(
            lambda pairs: "?" + "&".join(pairs) + "&" if pairs else ""
        )
        if route == "detail":
            ids = hostile.segments(["1", "2", "99999999999999999999"])
            bases = st.tuples(endpoints, ids).map(lambda parts: f"/api/v2/{parts[0]}/{parts[1]}/")
        else:
            suffix = "find/" if route == "find" else ""
            bases = endpoints.map(lambda name: f"/api/v2/{name}/{suffix}")
        return st.tuples(bases, queries).map("".join)

    return paths


# URL patterns by name. wagtail_serve is every page, below.
URL_TARGETS = {
    "sitemap": Target(reversed_with("sitemap")),
    "sitemap_section": Target(reversed_with("sitemap_section", name="case_studies", language="sv")),
    "robots_txt": Target(reversed_with("robots_txt")),
    "security_txt": Target(reversed_with("security_txt")),
    "wagtaildocs_serve": Target(document_paths),
    "wagtaildocs_authenticate_with_password": Target(
        reversed_with("wagtaildocs_authenticate_with_password", restriction_id=424242)
    ),
    "municipality_index": Target(reversed_with("municipality_index"), ("1780", "karlstad")),
    "municipality_detail": Target(
        reversed_with("municipality_detail", slug="karlstad"), ("case_studies", "events")
    ),
    "county_detail": Target(
        reversed_with("county_detail", slug="varmlands-lan"), ("case_studies", "events")
    ),
    "contact_email": Target(tokens("contact_email")),
    "newsletter_subscribe": Target(reversed_with("newsletter_subscribe")),
    "newsletter_confirm": Target(tokens("newsletter_confirm")),
    "newsletter_unsubscribe": Target(tokens("newsletter_unsubscribe")),
    "alerts_manage": Target(tokens("alerts_manage")),
    "alert_change": Target(alert_paths("alert_change")),
    "alert_end_here": Target(alert_paths("alert_end_here")),
    "alert_end": Target(tokens("alert_end")),
    "tag_index": Target(reversed_with("tag_index")),
    "tag_detail": Target(reversed_with("tag_detail", slug="klimat"), ("case_studies", "events")),
    "search": Target(reversed_with("search"), ("klimat", "relevance", "newest", "casestudypage")),
    "search_suggestions": Target(reversed_with("search_suggestions"), ("kli", "k")),
    "feed_rss": Target(reversed_with("feed_rss")),
    "feed_atom": Target(reversed_with("feed_atom")),
    "wagtailcore_authenticate_with_password": Target(
        reversed_with(
            "wagtailcore_authenticate_with_password", page_view_restriction_id=4242, page_id=4343
        )
    ),
    "wagtailcore_login": Target(reversed_with("wagtailcore_login")),
    "open_data_package": Target(reversed_with("open_data_package")),
    "open_data_case_studies": Target(reversed_with("open_data_case_studies", format="csv")),
    "open_data_events": Target(reversed_with("open_data_events", format="xlsx")),
    # The JSON API's endpoints (pages, images, documents) share these names.
    "listing": Target(api_paths("listing"), API_VALUES),
    "detail": Target(api_paths("detail"), API_VALUES),
    "find": Target(api_paths("find"), API_VALUES),
}
# Addresses without a language, which LocaleMiddleware answers (or Wagtail, for "/sv" alone).
OTHER_TARGETS = {
    "no_language": Target(
        lambda site, language: hostile.segments([language, "xx", "favicon.ico"]).map(
            lambda segment: f"/{segment}"
        )
    ),
}
LIBRARY_VALUES = ("industriell-symbios", "varmlands-lan", "karlstad", "company", "klimat", "title")
CALENDAR_VALUES = ("upcoming", "past", "2024-05", "webbfika", "online", "karlstad")
# Page types, and each route of a routable page, by (model name, route name).
PAGE_TARGETS = {
    ("HomePage", ""): Target(page_route("home")),
    ("StandardPage", ""): Target(page_route("standard")),
    ("OpenDataPage", ""): Target(page_route("open_data")),
    ("CaseStudyIndexPage", "index_route"): Target(page_route("library"), LIBRARY_VALUES),
    ("CaseStudyIndexPage", "rss"): Target(page_route("library", "rss/"), LIBRARY_VALUES),
    ("CaseStudyIndexPage", "atom"): Target(page_route("library", "atom/"), LIBRARY_VALUES),
    ("CaseStudyPage", ""): Target(page_route("case_study")),
    ("EventIndexPage", "index_route"): Target(page_route("calendar"), CALENDAR_VALUES),
    ("EventIndexPage", "calendar"): Target(page_route("calendar", "ical/"), CALENDAR_VALUES),
    ("EventIndexPage", "rss"): Target(page_route("calendar", "rss/"), CALENDAR_VALUES),
    ("EventIndexPage", "atom"): Target(page_route("calendar", "atom/"), CALENDAR_VALUES),
    ("EventIndexPage", "type_calendar"): Target(page_route("calendar", "ical/SEGMENT/")),
    ("EventSeriesPage", "index_route"): Target(page_route("series")),
    ("EventSeriesPage", "calendar"): Target(page_route("series", "ical/")),
    ("EventPage", "index_route"): Target(page_route("event")),
    ("EventPage", "calendar"): Target(page_route("event", "ical/")),
    ("EventPage", "workshop_print"): Target(page_route("event", "workshop/SEGMENT/")),
    ("NewsletterIndexPage", "index_route"): Target(page_route("archive"), ("klimat",)),
    ("NewsletterIndexPage", "rss"): Target(page_route("archive", "rss/")),
    ("NewsletterIndexPage", "atom"): Target(page_route("archive", "atom/")),
    ("NewsletterIssuePage", "index_route"): Target(page_route("issue")),
    ("NewsletterIssuePage", "email"): Target(page_route("issue", "email/")),
}


def public_url_names(patterns=None, prefix=""):
    """Names of the URL patterns outside the admin, from the resolver itself."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            if not str(pattern.pattern).startswith(django_settings.ADMIN_PATH):
                yield from public_url_names(pattern.url_patterns, prefix + str(pattern.pattern))
        elif pattern.name:
            yield pattern.name


def page_routes():
    """(model name, route name) of every page type: "" for a plain page, else each route."""
    for model in get_page_models():
        if model is Page:
            continue
        if issubclass(model, RoutablePageMixin):
            for route in model.get_subpage_urls():
                yield model.__name__, route.name
        else:
            yield model.__name__, ""


def request_for(site, target, language):
    """A strategy for (method, path, body, content type, headers) aimed at `target`."""
    method = st.sampled_from(["GET", "GET", "GET", "HEAD", "POST"])
    return st.tuples(
        method,
        target.paths(site, language),
        hostile.query_strings(target.known_values),
        hostile.form_bodies(),
        hostile.headers(),
    )


def main_type(response):
    return response.get("Content-Type", "").split(";")[0].strip().lower()


class HostileRequests(TestCase):
    """Each example runs in its own transaction, rolled back after it, on the site built once."""

    @classmethod
    def setUpTestData(cls):
        cls.site = build_site()

    def send(self, method, path, query, body, content_type, headers):
        with translation.override("sv"):
            response = self.client.generic(
                method,
                path + query,
                data=body if method == "POST" else b"",
                content_type=content_type,
                **headers,
            )
        if response.streaming:
            # Read to the end: the test client then closes the file, as a server would.
            b"".join(response.streaming_content)
        return response

    def check(self, target, data):
        language = data.draw(st.sampled_from(LANGUAGES), label="language")
        request = data.draw(request_for(self.site, target, language), label="request")
        response = self.send(*request[:3], *request[3], request[4])
        status = response.status_code
        self.assertLess(status, 500, request)
        if status in (204, 304):
            return
        if 300 <= status < 400:
            self.assertTrue(response.get("Location"), request)
        elif status < 300:
            self.assertIn(main_type(response), PAGE_TYPES, request)
        else:
            self.assertIn(main_type(response), ERROR_TYPES | {""}, request)

    def test_every_page_type_is_live_in_both_languages(self):
        """The requests above reach a live page of every page type, in Swedish and English."""
        for model_name, _route in page_routes():
            for language in LANGUAGES:
                with self.subTest(model_name, language=language):
                    pages = Page.objects.live().filter(
                        content_type__model=model_name.lower(), locale__language_code=language
                    )
                    self.assertTrue(pages.exists())


def add_test(name, target):
    @PROFILE
    @given(data=st.data())
    def test(self, data):
        self.check(target, data)

    test.__name__ = f"test_{name}"
    test.__doc__ = f"Hostile requests to {name} never give a 5xx."
    setattr(HostileRequests, test.__name__, test)


for _name, _target in {**URL_TARGETS, **OTHER_TARGETS}.items():
    add_test(_name, _target)
for (_model, _route), _target in PAGE_TARGETS.items():
    add_test(f"{_model}_{_route or 'page'}", _target)


def test_every_public_address_has_a_strategy():
    """A new URL pattern, page type or page route fails here until it is fuzzed above."""
    assert set(public_url_names()) - {"wagtail_serve"} == set(URL_TARGETS)
    assert set(page_routes()) == set(PAGE_TARGETS)
