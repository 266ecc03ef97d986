import pytest

from django.core.exceptions import ValidationError

from hub.models import County, Municipality
from tests.factories import case_study
from tests.utils import count_queries

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
    assert (
        html.index("Västra Götalands län")
        < html.index("Örebro län")
        < html.index("Östergötlands län")
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
    assert "Värmlands län, kommunkod 1780" in html
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
