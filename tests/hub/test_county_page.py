"""County pages: everything from a county's municipalities, their figures added up, and the
municipalities with what the hub has on each."""

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup

from casestudies.models import CaseStudyImpactFigure
from tests.factories import case_study

pytestmark = pytest.mark.django_db


def with_figure(page, metric, value):
    CaseStudyImpactFigure.objects.create(
        page=page, locale=page.locale, metric=metric, value=Decimal(value), source="Rapport."
    )
    page.save()  # a new content version, as publishing makes
    return page


def test_the_county_page_lists_its_case_studies_once_and_adds_up_their_figures(client, library):
    """A case study from two of the county's municipalities counts once; one from another
    county is absent."""
    both = with_figure(
        case_study(library, "Karlstad och Kristinehamn", municipalities=("1780", "1781")),
        "ghg_reduction",
        "100",
    )
    with_figure(case_study(library, "Bara Karlstad"), "ghg_reduction", "23.5")
    with_figure(case_study(library, "I Malmö", municipalities=("1280",)), "ghg_reduction", "999")
    response = client.get("/sv/lan/varmlands-lan/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.h1.get_text() == "Värmlands län"
    assert soup.title.get_text().startswith("Värmlands län – Klimathubben")
    cards = [a.get_text(strip=True) for a in soup.select(".card__title a")]
    assert sorted(cards) == ["Bara Karlstad", "Karlstad och Kristinehamn"]
    [row] = soup.select(".figure-totals tbody tr")
    cells = [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
    assert cells == ["Minskade utsläpp av växthusgaser", "123,5 ton CO₂e per år", "2"]
    municipalities = {
        link.get_text(): link.parent.get("class") for link in soup.select(".municipality-list a")
    }
    assert len(municipalities) == 16  # Värmland's municipalities
    assert municipalities["Karlstad"] == ["has-content"]
    assert municipalities["Arvika"] is None
    assert soup.find("a", href="/sv/exempel/?county=varmlands-lan")
    assert both.title in client.get("/sv/lan/varmlands-lan/?section=case_studies").content.decode()


def test_the_english_county_page(client, home_en):
    response = client.get("/en/counties/varmlands-lan/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == "en"
    assert soup.h1.get_text() == "Värmland County"
    assert "The hub has nothing from Värmland County yet." in soup.get_text()


def test_municipality_and_overview_link_their_county(client, home):
    assert 'href="/sv/lan/varmlands-lan/"' in client.get("/sv/kommuner/karlstad/").content.decode()
    overview = BeautifulSoup(client.get("/sv/kommuner/").content, "html.parser")
    assert overview.find("a", href="/sv/lan/skane-lan/").get_text() == "Skåne län"


@pytest.mark.parametrize(
    "path",
    [
        "/sv/lan/atlantis/",
        "/sv/lan/varmlands-lan/?section=nonsense",
        "/sv/lan/varmlands-lan/?section=case_studies&page=99999999999",
        "/sv/lan/varmlands-lan/?section=case_studies&page=x",
    ],
)
def test_odd_addresses_give_404_or_a_notice(client, home, path):
    response = client.get(path)
    assert response.status_code == (404 if "atlantis" in path else 200)


def test_the_language_switcher_leads_to_the_same_county(client, home, home_en):
    """A county page in one language links to the same county in the other."""
    swedish = client.get("/sv/lan/varmlands-lan/").content.decode()
    assert 'href="/en/counties/varmlands-lan/" hreflang="en"' in swedish
    english = client.get("/en/counties/varmlands-lan/").content.decode()
    assert 'href="/sv/lan/varmlands-lan/" hreflang="sv"' in english
