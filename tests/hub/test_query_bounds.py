"""Every public page type runs a number of queries that does not grow with the content.

Each page is counted with N items of every content type, case studies and events with
listing images, and again with 3N; the count must stay the same and under a bound whose
comment says where the queries come from. Renditions are looked up without a cache, so a card
that fetched its image's rendition on its own would show as a query per card.
"""

from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from django.utils import timezone

from casestudies.models import CaseStudyPage
from events.models import EventPage, EventSeriesPage
from hub.models import NewsletterIssuePage
from tests.factories import (
    EventIndexPageFactory,
    ImageFactory,
    NewsletterIndexPageFactory,
    NewsletterIssuePageFactory,
    StandardPageFactory,
    case_study,
    event,
)
from tests.utils import count_first_queries, count_queries, index_pages

pytestmark = pytest.mark.django_db
N = 2

# (name, path, first, again): the queries of the first request after editors change
# something, and of the same request again. Every page starts with the content version and,
# for Wagtail pages, the page itself. What changes only when editors publish is remembered per
# content version (hub/versions.py) and read from memory when asked again: the site, which page
# is at an address, view restrictions, home pages, menu, footer, ancestors, translations,
# locales, vocabularies, kept listings and counts, and the HTML of each card
# (hub/fragments.py). The first request reads them all once, however much content there is.
PAGES = [
    # For each of the three "latest" sections: the listing page, its items (with their
    # images), case studies their themes with their municipalities, events their
    # municipalities. Which renditions a list's images have is remembered (hub/images.py).
    ("home", "/sv/", 28, 14),
    ("standard page", "/sv/om/", 14, 2),
    # Filters and counts come from the listing kept per content version (docs/browsing.md).
    # Which of the page of results are live, in one narrow query; their pages, themes with
    # municipalities and images only for cards not yet made (`ListedCard`,
    # hub/browsing/cards.py).
    ("case study library", "/sv/exempel/", 33, 3),
    # Contacts, themes with places (named from the remembered vocabularies), tags, partners,
    # impact figures. The main image's picture and the related case studies' cards are
    # remembered (hub/fragments.py).
    ("case study page", "/sv/exempel/exempel-0/", 34, 7),
    # The ids, starts and ends of the page of events, and their count, tags; their pages only
    # for cards not yet made. The filters' types and themes come from the remembered
    # vocabularies.
    ("calendar", "/sv/evenemang/", 27, 4),
    # Speakers, themes with places (named from the remembered vocabularies), organisers,
    # tags. The type is remembered, and the related case studies' cards (hub/fragments.py).
    ("event page", "/sv/evenemang/trff-0/", 30, 6),
    # The cards of the series' coming events and of a page of past ones, with their
    # municipalities (which events, and when, is remembered per content version).
    ("event series page", "/sv/evenemang/webbfika/", 23, 4),
    # The page of issues; how many there are and their tag counts are kept per content version.
    ("newsletter archive", "/sv/nyhetsbrev/", 17, 3),
    # Previous and next issue, the archive and the featured case study's section are
    # remembered per content version; the chosen page (read with the sections), tags.
    ("newsletter issue", "/sv/nyhetsbrev/nummer-0/", 26, 4),
    # Per content type the ids of the first few items (their pages only for cards not yet
    # made); the counts are kept, and the tag is found among the remembered tags.
    ("tag page", "/sv/taggar/klimat/", 24, 4),
    # The same for one content type, a page of it.
    ("tag page, one type", "/sv/taggar/klimat/?section=case_studies", 18, 2),
    # The counts are kept per content version (hub/aggregates.py).
    ("tag overview", "/sv/taggar/", 10, 1),
    # As the tag page, for case studies and coming events.
    ("municipality page", "/sv/kommuner/karlstad/", 22, 4),
    ("municipality, one type", "/sv/kommuner/karlstad/?section=case_studies&page=1", 18, 3),
    # The county, then as the municipality page, and its municipalities; the counts, figure
    # totals and the library's address are kept.
    ("county page", "/sv/lan/varmlands-lan/", 26, 5),
    ("county, one type", "/sv/lan/varmlands-lan/?section=case_studies", 19, 3),
    # Counties, municipalities; the counts are kept per content version.
    ("municipality overview", "/sv/kommuner/", 13, 3),
    # The candidates, ranked, with their facet keys in one statement (docs/search.md), each
    # result type's pages (only the types on the page of results, so fewer may be needed with
    # more content; their places are named from the facet keys), the excerpts (a visitor's
    # repeated search is not counted again and writes nothing; which queries have editors'
    # picks, and the filters' themes, places and tags, are remembered).
    ("search", "/sv/sok/?q=klimat", 19, 5),
    # The files and dates come from the cache until content changes.
    ("sitemap index", "/sitemap.xml", 4, 1),
    # The content version, the pages, their translations (the languages, the site and the
    # private sections are remembered).
    ("section sitemap", "/sitemap-case_studies-sv.xml", 6, 3),
]


@dataclass
class Site:
    library: object
    calendar: object
    series: object
    archive: object


@pytest.fixture
def uncached_renditions(settings):
    """Renditions from the database only, as on a site whose cache has just been emptied."""
    settings.CACHES = {
        **settings.CACHES,
        "renditions": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }


@pytest.fixture
def site(home, library, uncached_renditions):
    """Every page type, and a home page that lists the newest of each content type."""
    calendar = EventIndexPageFactory(parent=home)
    series = EventSeriesPage(title="Webbfika", slug="webbfika")
    calendar.add_child(instance=series)
    archive = NewsletterIndexPageFactory(parent=home)
    StandardPageFactory(parent=home, title="Om", slug="om")
    home.sections = [
        {"type": "latest", "value": {"heading": heading, "source": source.pk, "count": 6}}
        for heading, source in [("Exempel", library), ("Evenemang", calendar), ("Brev", archive)]
    ]
    home.save_revision().publish()
    return Site(library, calendar, series, archive)


def add_content(site, first, count):
    """`count` tagged items of each content type from Karlstad; case studies and events with
    images."""
    soon = timezone.now() + timedelta(days=1)
    for number in range(first, first + count):
        study = case_study(
            site.library,
            f"Klimatexempel {number}",
            slug=f"exempel-{number}",
            tags=["klimat"],
            listing_image=ImageFactory(),
            listing_image_alt="Ett foto",
        )
        meeting = event(
            site.calendar,
            f"Klimatträff {number}",
            soon + timedelta(days=number),
            slug=f"trff-{number}",
            municipalities=["1780"],
            series=site.series,
            listing_image=ImageFactory(),
            listing_image_alt="Deltagare vid ett bord",
        )
        meeting.tags.add("klimat")
        meeting.save()
        NewsletterIssuePageFactory(
            parent=site.archive,
            slug=f"nummer-{number}",
            number=number + 1,
            issue_date=date(2020, 1, 1) + timedelta(days=30 * number),
            tags=["klimat"],
            sections=[{"type": "featured_case_study", "value": {"page": study.pk, "note": ""}}],
        )
    index_pages(CaseStudyPage, EventPage, NewsletterIssuePage)


def test_queries_do_not_grow_with_content(client, site, subtests):
    """No more queries for 3N items of every kind than for N, images included, within a bound,
    for the first request after a change and for the same request again.

    One site for every page (building it is most of the time); each page is a subtest.
    """
    add_content(site, 0, N)
    few = {name: counts(client, path) for name, path, *_bounds in PAGES}
    add_content(site, N, 2 * N)
    for name, path, *bounds in PAGES:
        with subtests.test(name, path=path):
            many = counts(client, path)
            assert many[0] <= few[name][0] and many[1] <= few[name][1]
            assert many[0] <= bounds[0] and many[1] <= bounds[1]


def counts(client, path):
    """The queries of `path` after a change to the content, and again."""
    return count_first_queries(client, path), count_queries(client, path)


def test_cards_show_their_images(client, site):
    """The cards on the pages above do show the listing images they count."""
    add_content(site, 0, N)
    for path in ("/sv/", "/sv/exempel/", "/sv/taggar/klimat/", "/sv/kommuner/karlstad/"):
        html = client.get(path).content.decode()
        assert html.count('class="card__image"') == N, path
    for path in ("/sv/", "/sv/evenemang/", "/sv/evenemang/webbfika/", "/sv/taggar/klimat/"):
        html = client.get(path).content.decode()
        assert html.count('class="card--event__image"') == N, path
