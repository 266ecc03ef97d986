"""Every public page type runs a number of queries that does not grow with the content.

Each page is counted with N items of every content type, case studies with listing images,
and again with 3N; the count must stay the same and under a bound whose comment says where
the queries come from. Renditions are looked up without a cache, so a card that fetched its
image's rendition on its own would show as a query per card.
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
from tests.utils import count_queries, index_pages

pytestmark = pytest.mark.django_db
N = 2

# Every page below starts with the site, locale and routing queries Wagtail needs (site, locale,
# the page's ancestors and the page itself) and ends with the footer's and the menu's pages.
PAGES = [
    # Routing (5), and for each of the three "latest" sections: the listing page in this
    # language, its locale and view restrictions, the items; case studies add their images,
    # the images' renditions, themes and municipalities, events their municipalities.
    pytest.param("/sv/", 27, id="home"),
    # Routing (5), view restrictions, the page's children listing, menu and footer.
    pytest.param("/sv/om/", 11, id="standard page"),
    # Routing, restrictions, themes in the library's language, the results (their counts
    # come from the kept listing, hub/browsing/kept.py), their images, renditions, themes and
    # municipalities, the language note.
    pytest.param("/sv/exempel/", 19, id="case study library"),
    # Routing, contacts, themes, related case studies (chosen; the newest with each theme and
    # tag, in one statement; which of those are live; their cards with images, renditions,
    # themes and places), places with their county, partners, tags and the translations for
    # the language switcher.
    pytest.param("/sv/exempel/exempel-0/", 29, id="case study page"),
    # Routing, restrictions, the filters' options (types and themes in the calendar's
    # language) and counts, the page of events and their municipalities, the tag counts.
    pytest.param("/sv/evenemang/", 17, id="calendar"),
    # Routing, series, type, speakers, themes, organisers, related case studies, places, tags.
    pytest.param("/sv/evenemang/trff-0/", 24, id="event page"),
    # Routing, the series' coming and past events (each with their municipalities).
    pytest.param("/sv/evenemang/webbfika/", 19, id="event series page"),
    # Routing, restrictions, the page of issues with its count, the tag counts.
    pytest.param("/sv/nyhetsbrev/", 16, id="newsletter archive"),
    # Routing, previous and next issue, the archive, the featured case study with its locale,
    # image and rendition, tags.
    pytest.param("/sv/nyhetsbrev/nummer-0/", 23, id="newsletter issue"),
    # The tag, locale, then per content type: restrictions, a count and the first few items
    # (case studies with images, renditions, themes, municipalities; events' municipalities).
    pytest.param("/sv/taggar/klimat/", 20, id="tag page"),
    # The same for one content type, a page of it.
    pytest.param("/sv/taggar/klimat/?section=case_studies", 15, id="tag page, one type"),
    # Locale; the counts come from the cache once counted (hub/aggregates.py).
    pytest.param("/sv/taggar/", 5, id="tag overview"),
    # As the tag page, for case studies and coming events.
    pytest.param("/sv/kommuner/karlstad/", 17, id="municipality page"),
    pytest.param(
        "/sv/kommuner/karlstad/?section=case_studies&page=1", 14, id="municipality, one type"
    ),
    # Locale, counties, municipalities; the counts come from the cache once counted.
    pytest.param("/sv/kommuner/", 7, id="municipality overview"),
    # Locale, restrictions, promotions, the ranked matches, each result type's pages (only the
    # types on the page of results, so fewer may be needed with more content), facets, the
    # search terms report.
    pytest.param("/sv/sok/?q=klimat", 23, id="search"),
    # Nothing once counted: the files and dates come from the cache until content changes.
    pytest.param("/sitemap.xml", 0, id="sitemap index"),
    # Locale, restrictions (2), the pages, their translations, the languages, the site.
    pytest.param("/sitemap-case_studies-sv.xml", 7, id="section sitemap"),
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
    """`count` tagged items of each content type from Karlstad; case studies with images."""
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


@pytest.mark.parametrize(("path", "bound"), PAGES)
def test_queries_do_not_grow_with_content(client, site, path, bound):
    """No more queries for 3N items of every kind than for N, images included, within a bound."""
    add_content(site, 0, N)
    few = count_queries(client, path)
    add_content(site, N, 2 * N)
    many = count_queries(client, path)
    assert many <= few
    assert many <= bound


def test_cards_show_their_images(client, site):
    """The cards on the pages above do show the listing images they count."""
    add_content(site, 0, N)
    for path in ("/sv/", "/sv/exempel/", "/sv/taggar/klimat/", "/sv/kommuner/karlstad/"):
        html = client.get(path).content.decode()
        assert html.count('class="card__image"') == N, path
