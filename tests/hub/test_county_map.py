"""The county map on the municipality overview and under the library's results."""

from html.parser import HTMLParser

import pytest

from django.utils import translation

from tests.factories import ThemeFactory, case_study
from tests.utils import count_queries

pytestmark = pytest.mark.django_db

KARLSTAD, ARVIKA, LUND = "1780", "1784", "1281"


class MapReader(HTMLParser):
    """The map's regions (href, accessible name, shade, title) and legend texts, as parsed."""

    def __init__(self):
        super().__init__()
        self.regions, self.legend = [], []
        self._in_title = self._in_legend = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "a" and "county-map__region" in classes:
            shade = next(c for c in classes if c.startswith("county-map__region--"))
            self.regions.append(
                {
                    "code": attrs["data-county"],
                    "href": attrs["href"],
                    "name": attrs["aria-label"],
                    "level": int(shade.rsplit("--", 1)[1]),
                    "title": "",
                }
            )
        elif tag == "title" and self.regions:
            self._in_title = True
        elif tag == "ul" and "county-map__legend" in classes:
            self._in_legend = True
        elif tag == "li" and self._in_legend:
            self.legend.append("")

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag == "ul":
            self._in_legend = False

    def handle_data(self, data):
        if self._in_title:
            self.regions[-1]["title"] += data
        elif self._in_legend and self.legend:
            self.legend[-1] += data.strip()


def read_map(response):
    assert response.status_code == 200
    reader = MapReader()
    reader.feed(response.content.decode())
    return {region["code"]: region for region in reader.regions}, reader.legend


@pytest.fixture
def cases(library):
    """Three case studies in Värmland (one from two of its municipalities), one also in Skåne."""
    symbios = ThemeFactory(name="Industriell symbios", slug="industriell-symbios")
    case_study(library, "Klimatkontrakt", municipalities=[KARLSTAD], themes=[symbios])
    case_study(library, "Energicoach", municipalities=[KARLSTAD, ARVIKA])
    case_study(library, "Solel i två län", municipalities=[LUND, KARLSTAD], themes=[symbios])
    return library


def test_overview_map_has_a_link_per_county_with_its_count(client, cases):
    """Every county is one link, named with its number of case studies, to the library."""
    regions, legend = read_map(client.get("/sv/kommuner/"))
    assert len(regions) == 21
    varmland, skane, gotland = regions["17"], regions["12"], regions["09"]
    # A case study from two Värmland municipalities counts once for the county.
    assert varmland["name"] == varmland["title"] == "Värmlands län, 3 exempel"
    assert varmland["href"] == "/sv/exempel/?county=varmlands-lan"
    assert skane["name"] == "Skåne län, 1 exempel"
    assert skane["href"] == "/sv/exempel/?county=skane-lan"
    assert gotland["name"] == "Gotlands län, 0 exempel"
    # The busiest county has the darkest shade of those in use, an empty one none.
    assert (varmland["level"], skane["level"], gotland["level"]) == (3, 1, 0)
    assert legend == ["Inga exempel", "1 exempel", "2 exempel", "3 exempel"]
    # Reading order runs north to south: Norrbotten first, Skåne among the last.
    assert list(regions)[0] == "25"
    assert list(regions).index("12") > list(regions).index("17")


def test_a_county_link_leads_to_as_many_case_studies_as_it_says(client, cases):
    """Following Värmland's link shows the three case studies its name counts."""
    regions, _legend = read_map(client.get("/sv/kommuner/"))
    html = client.get(regions["17"]["href"]).content.decode()
    assert '<h2 id="results-heading" class="results__heading">3 exempel</h2>' in html


def test_overview_map_counts_a_newly_published_case_study(client, cases):
    """The kept county counts are renewed when a case study is published."""
    assert read_map(client.get("/sv/kommuner/"))[0]["01"]["name"] == "Stockholms län, 0 exempel"
    page = case_study(cases, "Nytt i Stockholm", municipalities=["0180"])
    page.save_revision().publish()
    assert read_map(client.get("/sv/kommuner/"))[0]["01"]["name"] == "Stockholms län, 1 exempel"


def test_overview_map_in_english(client, cases, home_en):
    """In English the counties have English names; without an English library a county leads
    to its part of the list."""
    response = client.get("/en/municipalities/")
    regions, legend = read_map(response)
    assert len(regions) == 21
    assert regions["17"]["name"] == "Värmland County, 0 case studies"
    assert regions["17"]["href"] == "#county-17"
    assert 'id="county-17"' in response.content.decode()
    assert legend == ["No case studies"]
    translation.activate("sv")


def test_library_map_follows_the_other_filters(client, cases):
    """Under the library, counts are those of the County filter and links keep the others."""
    regions, _legend = read_map(client.get("/sv/exempel/"))
    assert len(regions) == 21
    assert regions["17"]["name"] == "Värmlands län, 3 exempel"
    assert regions["17"]["href"] == "?county=varmlands-lan"
    regions, _legend = read_map(client.get("/sv/exempel/?theme=industriell-symbios"))
    assert regions["17"]["name"] == "Värmlands län, 2 exempel"
    assert regions["12"]["name"] == "Skåne län, 1 exempel"
    assert regions["17"]["href"] == "?theme=industriell-symbios&county=varmlands-lan"
    regions, _legend = read_map(client.get("/sv/exempel/?year_from=2020&sort=title"))
    assert regions["17"]["href"] == "?year_from=2020&sort=title&county=varmlands-lan"
    # A county already chosen is replaced, not added to, and the page number is dropped.
    regions, _legend = read_map(client.get("/sv/exempel/?county=skane-lan&page=1"))
    assert regions["17"]["href"] == "?county=varmlands-lan"
    assert regions["12"]["name"] == "Skåne län, 1 exempel"


def test_library_map_survives_odd_filters(client, cases):
    """Unknown or hostile filter values leave the map whole, and never reach its links."""
    response = client.get('/sv/exempel/?county=nowhere&theme="><svg onload=x>&page=99')
    regions, _legend = read_map(response)
    assert len(regions) == 21
    assert regions["17"]["name"] == "Värmlands län, 3 exempel"
    assert regions["17"]["href"] == "?county=varmlands-lan"
    assert "<svg onload" not in response.content.decode()


def test_library_map_in_english(client, cases, home_en):
    """The library's map names counties in English in an English library."""
    from tests.factories import CaseStudyIndexPageFactory

    library_en = CaseStudyIndexPageFactory(parent=home_en, slug="case-studies")
    case_study(library_en, "Climate contract", municipalities=[KARLSTAD])
    regions, _legend = read_map(client.get(library_en.url))
    assert regions["17"]["name"] == "Värmland County, 1 case study"
    assert regions["25"]["name"] == "Norrbotten County, 0 case studies"
    translation.activate("sv")


@pytest.mark.parametrize("path", ["/sv/kommuner/", "/sv/exempel/"])
def test_map_queries_do_not_grow_with_content(client, library, path):
    """The map adds no query that grows with the case studies or the counties they are in."""
    case_study(library, "Först", municipalities=[KARLSTAD])
    few = count_queries(client, path)
    for number, code in enumerate(["0180", LUND, "2480", "0980", ARVIKA, "1480"] * 3):
        case_study(library, f"Fler {number}", municipalities=[code, KARLSTAD])
    many = count_queries(client, path)
    assert many == few
    regions, _legend = read_map(client.get(path))
    assert regions["17"]["name"] == "Värmlands län, 19 exempel"
