"""The API's answers run a number of queries that does not grow with the content.

Each address is counted with N items of every content type and again with 10N, for its first
answer after a change and for the same answer again; the counts must stay the same and under
bounds whose comment says where the queries come from. Every answer starts with the content
version (hub/versions.py); the site, its home pages, restrictions, locales, themes and
municipalities are remembered per content version.
"""

from datetime import date, timedelta

import pytest

from tests.factories import (
    EventIndexPageFactory,
    ImageFactory,
    NewsletterIndexPageFactory,
    NewsletterIssuePageFactory,
    OrganisationFactory,
    case_study,
    event,
)
from tests.utils import count_first_queries, count_queries, local

pytestmark = pytest.mark.django_db
N = 3

CASE_STUDIES = "/api/v2/pages/?type=casestudies.CaseStudyPage&fields=*&limit=100"
# Each address with the queries of its first answer after a change to the content, then of
# the same answer again. A list shown again reads the count and its pages' ids: each page's
# JSON is remembered (`listing_view` in hub/api/endpoints.py).
ADDRESSES = [
    # The count (up to its limit), the ids, the pages; the home pages, private sections and
    # locales, remembered from then on.
    pytest.param("/api/v2/pages/?limit=100", 8, 3, id="every page"),
    pytest.param("/api/v2/pages/?fields=*&limit=100&locale=sv", 8, 3, id="every field"),
    # The same, then themes with places in one query (hub/browsing/cards.py), partners and
    # tags as plain values (`ListedField`, hub/api/fields.py), impact figures, and the
    # vocabularies of themes and municipalities, remembered from then on.
    pytest.param(CASE_STUDIES, 14, 3, id="case studies"),
    # Places in one query, themes, organisers and tags as plain values (the type comes with
    # the event).
    pytest.param("/api/v2/pages/?type=events.EventPage&fields=*&limit=100", 13, 3, id="events"),
    # The issues' tags.
    pytest.param(
        "/api/v2/pages/?type=hub.NewsletterIssuePage&fields=*&limit=100", 9, 3, id="newsletters"
    ),
    # The tag, each time; theme and municipality come from the remembered vocabularies.
    pytest.param(
        "/api/v2/pages/?theme=klimatkontrakt&municipality=1780&tags=klimat&limit=100",
        11,
        4,
        id="filtered",
    ),
    pytest.param(
        f"{CASE_STUDIES}&theme=klimatkontrakt&locale=sv", 14, 3, id="case studies by theme"
    ),
    pytest.param(f"{CASE_STUDIES}&after_id=1", 14, 3, id="case studies after an id"),
    # The restricted collections, the count, the images, their tags, each time.
    pytest.param("/api/v2/images/?fields=*&limit=100", 4, 4, id="images"),
]


def add_content(home, library, themes, count, start):
    calendar = home.get_children().type(EventIndexPageFactory._meta.model).first()
    archive = home.get_children().type(NewsletterIndexPageFactory._meta.model).first()
    partner = OrganisationFactory()
    for number in range(start, start + count):
        study = case_study(
            library,
            f"Exempel {number}",
            municipalities=("1780", "0380"),
            themes=[themes["kontrakt"], themes["symbios"]],
            partners=[partner],
            tags=["klimat", f"tagg-{number}"],
            key_figures=[("figure", {"value": "4", "unit": "", "label": "kommuner"})],
            # Listing images, which the API does not show, must not be read one by one.
            listing_image=ImageFactory(),
            listing_image_alt="Ett foto",
        )
        assert study.live
        meeting = event(
            calendar.specific,
            f"Träff {number}",
            local(2026, 5, 1, 9) + timedelta(days=number),
            themes=[themes["kontrakt"]],
            municipalities=("1780",),
            organisers=[partner],
            listing_image=ImageFactory(),
            listing_image_alt="Ett foto",
        )
        meeting.tags.add("klimat")
        meeting.save()
        NewsletterIssuePageFactory(
            parent=archive.specific,
            title=f"Nummer {number}",
            number=number + 1,
            issue_date=date(2026, 1, 1) + timedelta(days=number),
            tags=["klimat"],
        )
        ImageFactory().tags.add("klimat")


@pytest.fixture
def hub_content(home, library, themes):
    EventIndexPageFactory(parent=home)
    NewsletterIndexPageFactory(parent=home)
    return home, library, themes


def test_the_count_of_queries_stays_the_same_as_content_grows(client, hub_content):
    """One test for every address, so the 10N items are made once."""
    add_content(*hub_content, N, 0)
    few = {param.id: counts(client, param.values[0]) for param in ADDRESSES}
    add_content(*hub_content, 9 * N, N)
    many = {param.id: counts(client, param.values[0]) for param in ADDRESSES}
    bounds = {param.id: param.values[1:] for param in ADDRESSES}
    assert few == many == bounds


def counts(client, path):
    return count_first_queries(client, path), count_queries(client, path)


def test_the_detail_of_each_type_is_bounded(client, hub_content):
    """The page found, then read with its type's fields as a listing reads them (the page,
    themes with places, partners, tags, impact figures), its parent and whether that is
    public."""
    add_content(*hub_content, N, 0)
    _home, library, _themes = hub_content
    study = library.get_children().first()
    assert count_queries(client, f"/api/v2/pages/{study.pk}/") == 9
