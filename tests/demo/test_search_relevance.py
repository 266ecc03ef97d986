"""Relevance of the site search on the real demo content, in Swedish and in English.

Each row is a query a visitor might type and the title of a page that must be among the top
three organic results of /sv/sok/ or /en/search/.

Two tables:

- `BOTH_DATABASES` holds on SQLite as well. SQLite's FTS5 matches whole words and word
  beginnings as they are written in the text (no stemming, no compound splitting), and ranks
  with its own BM25; so these are words and names that appear in the pages: titles, themes,
  places, organisations, event types, workshop sessions and document titles, and the English
  translations.
- `POSTGRESQL_ONLY` needs PostgreSQL with the Swedish hunspell dictionary: inflected forms
  ("klimatkontrakten", "protokollet"), parts of compounds ("coach" in "energicoachning",
  "frukostar" in "klimatfrukostar") and English stemming ("funding", "commuters"), plus a few
  English queries that only PostgreSQL's weighted ranking gets right. It is skipped on SQLite
  and on a PostgreSQL server without the dictionary.

The did-you-mean check ("Helsinborg") and the English-only check ("climate contract" on
/en/search/) run on both databases.

The `demo` fixture (tests/demo/conftest.py) loads the demo content and its search index once
for the package.
"""

import pytest

from django.urls import reverse
from django.utils import translation

from casestudies.models import CaseStudyPage
from tests.utils import organic_results

pytestmark = pytest.mark.django_db

TOP = 3

CARBON_BUDGET_CONFERENCE = (
    "Slutkonferens: Koldioxidbudgetar som ram för en koordinerad klimatomställning"
)
CARBON_BUDGET_CONFERENCE_EN = (
    "Closing conference: Carbon budgets as a framework for a coordinated climate transition"
)
KALMAR_INVESTMENTS = "Klimatfrukost: Att välja insatser och klimatinvesteringar"
BUSINESS_PLAN = "Ny verksamhetsplan och två fokusområden för 2021–2022"

BOTH_DATABASES = [
    # Event types, series and workshop material
    ("sv", "webbfika", "Webbfika"),
    ("sv", "bikupor", CARBON_BUDGET_CONFERENCE),
    ("sv", "Gruppsamtal", "Tematräff: Transporteffektivt samhälle"),
    ("sv", "nätverksträff", "Digitala nätverksträffar"),
    ("sv", "robusta system", "Webbfika: Robusta system för mat, energi och bränslen"),
    # Titles of documents handed out as material
    ("sv", "Bilder från slutkonferensen", CARBON_BUDGET_CONFERENCE),
    (
        "sv",
        "Bilder från klimatfrukosten",
        "Klimatfrukost: Energicoachning och klimatberäkning för företag",
    ),
    # Themes and methods
    ("sv", "symbios", "Industriell symbios i pappersindustrin i Karlstad"),
    ("sv", "symbios", "Industriell symbios i Domsjö industriområde"),
    ("sv", "symbios", "Industriell symbios kring spannmål och livsmedel i Lidköping"),
    ("sv", "pendling", "Gröna resplaner i Linköping"),
    ("sv", "klimatavtal", "Helsingborgs klimatavtal"),
    # Places (several only in the page's municipality) and organisations
    ("sv", "Karlstad", "Lokalt klimatkontrakt i Karlstad"),
    ("sv", "Örnsköldsvik", "Industriell symbios i Domsjö industriområde"),
    ("sv", "Kristianstad", "Mer kol i marken"),
    ("sv", "Östersund", "Region Jämtland Härjedalens klimatråd"),
    ("sv", "Borås", "Självkörande fordon mellan Viared och Göteborgs hamn"),
    ("sv", "Paper Province", "Industriell symbios i pappersindustrin i Karlstad"),
    ("sv", "Viable Cities", "Klimatneutrala Kalmar 2030"),
    # Newsletter issues and pages about the hub
    ("sv", "verksamhetsplan", BUSINESS_PLAN),
    ("sv", "tillgänglighet", "Tillgänglighetsredogörelse"),
    # The English translations
    ("en", "industrial symbiosis", "Industrial symbiosis in the paper industry in Karlstad"),
    ("en", "energy coach", "An energy coach for small and medium-sized businesses in Lund"),
    ("en", "travel plans", "Green travel plans in Linköping"),
    ("en", "commuting", "Green travel plans in Linköping"),
    ("en", "buzz groups", CARBON_BUDGET_CONFERENCE_EN),
    ("en", "climate breakfast", "Climate breakfasts in Kalmar"),
    ("en", "theme meeting", "Theme meeting: A just climate transition"),
    ("en", "webbfika", "Webbfika"),
    ("en", "Helsingborg", "Helsingborg's climate agreement"),
    ("en", "Linköping Initiative", "The Linköping Initiative"),
    ("en", "privacy", "Privacy and cookies"),
]

POSTGRESQL_ONLY = [
    # Parts of compounds
    ("sv", "coach", "Kommunal energicoachning för företag i Karlstad"),
    ("sv", "industrisymbios", "Industriell symbios i pappersindustrin i Karlstad"),
    ("sv", "frukostar", "Klimatfrukost i Kalmar"),
    ("sv", "investeringar", KALMAR_INVESTMENTS),
    ("sv", "alliansen", "Klimatallians Skåne Nordost"),
    ("sv", "protokollet", "Uppsala klimatprotokoll"),
    # Inflected forms
    ("sv", "klimatkontrakten", "Klimatkontrakt Malmö"),
    ("sv", "kontraktet", "Klimatkontrakt Malmö"),
    ("sv", "energicoachen", "Energicoach för små och medelstora företag i Lund"),
    ("sv", "pendlare", "Gröna resplaner i Linköping"),
    ("sv", "cyklar", "Cykelvänlig arbetsplats i Helsingborg"),
    ("sv", "resor", "Hållbart resande i ett växande Värmland"),
    ("sv", "webbfikorna", "Webbfika"),
    ("sv", "bikupa", CARBON_BUDGET_CONFERENCE),
    ("sv", "klimatfrukostar", KALMAR_INVESTMENTS),
    ("sv", "partnerskapet", "Gothenburg Climate Partnership"),
    # A compound typed whole finds its parts, also across a linking s
    ("sv", "pendlingsresor", "Hållbart resande i ett växande Värmland"),
    # Newsletter issues, inflected
    ("sv", "verksamhetsplaner", BUSINESS_PLAN),
    (
        "sv",
        "koldioxidbudgeten",
        "Efter slutkonferensen: så går arbetet med koldioxidbudgetar vidare",
    ),
    # English stemming and ranking
    ("en", "climate contracts", "Climate Contract Malmö"),
    ("en", "funding", "Workshop: How do we fund a national carbon budget project?"),
    ("en", "commuters", "Green travel plans in Linköping"),
    ("en", "business plan", "A new business plan and two focus areas for 2021–2022"),
    ("en", "network meeting", "Open digital network meetings"),
]


def case_ids(rows):
    """Test ids such as "sv-symbios-Industriell symbios i Domsjö"."""
    return [f"{language}-{query}-{expected[:24]}" for language, query, expected in rows]


def search(client, language, query):
    """The page's HTML and its organic results as (url, title) pairs, best first."""
    with translation.override(language):
        url = reverse("search")
    page = client.get(url, {"q": query}).content.decode()
    return page, organic_results(page)


def top_titles(client, language, query):
    _page, results = search(client, language, query)
    return [title for _url, title in results[:TOP]]


def test_demo_is_there_in_both_languages(demo, client):
    """The module searches the whole demo: eleven case studies in English, pages below /en/."""
    assert CaseStudyPage.objects.live().filter(locale__language_code="en").count() == 11
    assert client.get("/en/about/").status_code == 200
    assert client.get("/sv/om-klimathubben/").status_code == 200


@pytest.mark.parametrize("language,query,expected", BOTH_DATABASES, ids=case_ids(BOTH_DATABASES))
def test_words_in_the_text_find_the_page(demo, client, language, query, expected):
    """A word or name as the pages write it puts the page among the top three."""
    top = top_titles(client, language, query)
    assert expected in top, f"{language} {query!r}: expected {expected!r} in {top}"


@pytest.mark.parametrize("language,query,expected", POSTGRESQL_ONLY, ids=case_ids(POSTGRESQL_ONLY))
def test_inflections_and_compound_parts_find_the_page(
    demo, postgres_dictionary, client, language, query, expected
):
    """Inflected forms, parts of compounds and weighted ranking put the page in the top three."""
    top = top_titles(client, language, query)
    assert expected in top, f"{language} {query!r}: expected {expected!r} in {top}"


def test_misspelt_place_shows_results_for_the_right_spelling(demo, client):
    """A search for "Helsinborg" shows Helsingborg's pages and says it corrected the spelling."""
    page, results = search(client, "sv", "Helsinborg")
    assert 'class="search-correction"' in page
    assert "träffar för ”Helsingborg”" in page
    top = [title for _url, title in results[:TOP]]
    assert "Helsingborgs klimatavtal" in top, top


@pytest.mark.parametrize("query", ["Malmo", "malmo"])
def test_a_place_typed_without_accents_is_found(demo, client, query):
    """ "Malmo" finds Malmö's case study, whether the database folds accents or the search
    corrects the spelling."""
    assert "Klimatkontrakt Malmö" in top_titles(client, "sv", query)


def test_english_search_finds_english_pages_only(demo, client):
    """English "climate contract" finds the English case study and no Swedish page."""
    _page, results = search(client, "en", "climate contract")
    top = [title for _url, title in results[:TOP]]
    assert "Climate Contract Malmö" in top, top
    assert len(results) > TOP
    assert all(url.startswith("/en/") for url, _title in results), results
    titles = {title for _url, title in results}
    assert not titles & {"Klimatkontrakt Malmö", "Lokalt klimatkontrakt i Karlstad"}
