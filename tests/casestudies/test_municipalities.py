import pytest

from django.core.exceptions import ValidationError

from hub.models import County, Municipality
from tests.factories import case_study
from tests.utils import count_queries, load_municipalities

pytestmark = pytest.mark.django_db


def test_all_municipalities_and_counties_are_there(swedish_municipalities):
    """The hub knows all 290 municipalities and 21 counties with their official codes."""
    assert Municipality.objects.count() == 290
    assert County.objects.count() == 21
    karlstad = Municipality.objects.get(name="Karlstad")
    assert (karlstad.code, karlstad.county.code, karlstad.county.name) == (
        "1780",
        "17",
        "Värmlands län",
    )
    assert Municipality.objects.get(code="0305").name == "Håbo"
    assert Municipality.objects.get(code="0643").name == "Habo"


@pytest.mark.parametrize(
    ("code", "county_code", "valid"),
    [("1780", "17", True), ("178", "17", False), ("17a0", "17", False), ("0180", "17", False)],
)
def test_municipality_code_is_validated(swedish_municipalities, code, county_code, valid):
    """A municipality code is four digits starting with its county's code."""
    municipality = Municipality(name="Test", slug="test", code=code)
    municipality.county = County.objects.get(code=county_code)
    if valid:
        municipality.full_clean(validate_unique=False)
    else:
        with pytest.raises(ValidationError):
            municipality.full_clean(validate_unique=False)


def test_county_names_in_english(swedish_municipalities):
    """County names read naturally in English."""
    names = {county.code: county.english_name for county in County.objects.all()}
    assert names["17"] == "Värmland County"
    assert names["12"] == "Skåne County"
    assert names["14"] == "Västra Götaland County"


def test_overview_lists_every_county_and_marks_municipalities_with_content(client, library):
    """The overview groups all municipalities by county and shows where there is content."""
    case_study(library, "Klimatkontrakt i Karlstad", municipalities=["1780"])
    response = client.get("/sv/kommuner/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<section class="county"') == 21
    assert html.count("<li") >= 290
    assert '<li class="has-content"><a href="/sv/kommuner/karlstad/">Karlstad</a> (1)</li>' in html
    listing = html.split('class="county-list"')[1]  # the map before it is in reading order
    assert (
        listing.index("Västra Götalands län")
        < listing.index("Örebro län")
        < listing.index("Östergötlands län")
    )


def test_overview_in_english_uses_english_county_names(client, home_en):
    """The English overview lives at /en/municipalities/ and says 'County'."""
    html = client.get("/en/municipalities/").content.decode()
    assert "Värmland County" in html
    assert '<html lang="en">' in html


def test_municipality_page_lists_its_case_studies(client, library):
    """Karlstad's page shows Karlstad's case studies and not others."""
    case_study(library, "Klimatkontrakt i Karlstad", municipalities=["1780"])
    case_study(library, "Regionalt samarbete", municipalities=["1780", "1761"])
    case_study(library, "Något i Lund", municipalities=["1281"])
    html = client.get("/sv/kommuner/karlstad/").content.decode()
    assert "<h1>Karlstad</h1>" in html
    assert 'En kommun i <a href="/sv/lan/varmlands-lan/">Värmlands län</a>, kommunkod 1780' in html
    assert "Klimatkontrakt i Karlstad" in html and "Regionalt samarbete" in html
    assert "Något i Lund" not in html


def test_municipality_without_content_says_so(client, home):
    """A municipality with nothing yet invites a contribution instead of an empty page."""
    html = client.get("/sv/kommuner/arjeplog/").content.decode()
    assert "Hubben har inget från Arjeplog ännu." in html


def test_unknown_municipality_is_a_404(client, home):
    """A made-up municipality address is not found."""
    assert client.get("/sv/kommuner/atlantis/").status_code == 404


def test_switcher_on_a_municipality_page_leads_to_the_english_one(client, home, home_en):
    """Views outside the page tree still switch language in place."""
    html = client.get("/sv/kommuner/karlstad/").content.decode()
    assert 'href="/en/municipalities/karlstad/" hreflang="en"' in html


def test_municipality_page_query_count_is_bounded(client, library):
    """A municipality page runs the same queries for 1 or 20 case studies."""

    case_study(library, "Först", municipalities=["1780"])
    few = count_queries(client, "/sv/kommuner/karlstad/")
    for number in range(19):
        case_study(library, f"Fler {number}", municipalities=["1780", "1761"])
    assert count_queries(client, "/sv/kommuner/karlstad/") == few


def test_municipality_page_shows_a_few_and_links_to_all(client, library):
    """With many case studies, Karlstad's page shows the first few and links to all of them."""
    for number in range(9):
        case_study(library, f"Karlstadsexempel {number}", municipalities=["1780"])
    html = client.get("/sv/kommuner/karlstad/").content.decode()
    assert html.count('class="card__title"') == 6
    assert '<a class="more-link" href="?section=case_studies">Alla 9 exempel</a>' in html


def test_municipality_case_studies_are_paged(client, library, monkeypatch):
    """?section=case_studies pages through all of a municipality's case studies."""
    monkeypatch.setattr("hub.section_lists.PER_PAGE", 4)
    for number in range(9):
        case_study(library, f"Karlstadsexempel {number}", municipalities=["1780"])
    html = client.get("/sv/kommuner/karlstad/?section=case_studies&page=3").content.decode()
    assert "<title>Exempel (sida 3) – Karlstad – Klimathubben</title>" in html
    assert html.count('class="card__title"') == 1
    assert 'rel="prev"' in html and 'rel="next"' not in html
    assert 'href="/sv/kommuner/karlstad/">Allt från Karlstad</a>' in html


@pytest.mark.parametrize(
    ("query", "notice"),
    [
        ("?section=events&page=-4", ""),
        ("?section=case_studies&page=%00", "är inget sidnummer"),
        ("?section=kommunalrad", "Sidan har ingen del som heter ”kommunalrad”"),
    ],
)
def test_odd_municipality_addresses_are_answered(client, library, query, notice):
    """Unknown sections and page numbers never break the page."""
    case_study(library, "Klimatkontrakt i Karlstad", municipalities=["1780"])
    response = client.get(f"/sv/kommuner/karlstad/{query}")
    assert response.status_code == 200
    assert notice in response.content.decode()


@pytest.mark.usefixtures("each_cache")
def test_overview_counts_a_newly_published_case_study(client, library):
    """The overview's counts are kept between visits and renewed when a page is published."""
    marker = '<a href="/sv/kommuner/lund/">Lund</a> (1)'
    assert marker not in client.get("/sv/kommuner/").content.decode()
    page = case_study(library, "Energicoach i Lund", municipalities=["1281"])
    page.save_revision().publish()
    assert marker in client.get("/sv/kommuner/").content.decode()


def test_overview_query_count_does_not_grow(client, library):
    """The overview runs the same queries for 1 or 20 case studies."""
    case_study(library, "Först", municipalities=["1780"])
    few = count_queries(client, "/sv/kommuner/")
    for number in range(19):
        case_study(library, f"Fler {number}", municipalities=["1780", "1761"])
    many = count_queries(client, "/sv/kommuner/")
    assert many == few
    # Locale, counties, municipalities, site and the menu's and footer's pages; the counts
    # come from the cache once counted (hub/aggregates.py).
    assert many <= 7


def test_tests_refill_the_municipalities_exactly_as_the_migration_made_them():
    """Transactional tests start from empty tables and refill them in two inserts."""

    def rows():
        fields = ("code", "name", "slug", "county__code", "county__name", "county__slug")
        return sorted(Municipality.objects.values_list(*fields))

    migrated = rows()
    Municipality.objects.all().delete()
    County.objects.all().delete()
    load_municipalities()
    assert rows() == migrated
    assert len(migrated) == 290
