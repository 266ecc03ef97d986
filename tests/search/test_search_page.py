"""The search page and its suggestions, through real requests on SQLite and PostgreSQL."""

import html
import json
import re
from datetime import datetime

import pytest

from django.core.files.base import ContentFile
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.documents.models import Document

from casestudies.models import CaseStudyIndexPage, CaseStudyPage
from events.models import EventIndexPage, EventPage
from hub.models import Municipality, NewsletterIssuePage
from search import caching
from search.models import UnansweredQuery
from tests.factories import (
    CaseStudyIndexPageFactory,
    EventIndexPageFactory,
    EventTypeFactory,
    NewsletterIndexPageFactory,
    NewsletterIssuePageFactory,
    ThemeFactory,
    case_study,
    event,
    translation_of,
)
from tests.shared_rows import make_home, make_home_en, rows_for_module
from tests.utils import count_queries, index_pages, organic_results

pytestmark = pytest.mark.django_db

STOCKHOLM_NOON = datetime.fromisoformat("2025-03-12T12:00:00+01:00")


def titles(response):
    """The organic results' titles, best first (promoted results are listed apart)."""
    return [title for _url, title in organic_results(response.content.decode())]


@pytest.fixture(scope="module")
def module_content(django_db_setup, django_db_blocker):
    """A few pages of each type in Swedish, one case study also in English; all indexed.
    Made once for the module (tests/shared_rows.py)."""
    with rows_for_module(django_db_blocker):
        home = make_home()
        home_en = make_home_en(home)
        with TestCase.captureOnCommitCallbacks(execute=True):
            make_content(home, home_en)
        index_pages(CaseStudyPage, EventPage, NewsletterIssuePage)
        yield


@pytest.fixture
def content(module_content, db):
    """The module's pages; what a test changes is undone after it."""


def make_content(home, home_en):
    """The pages of `module_content`."""
    library = CaseStudyIndexPageFactory(parent=home)
    library_en = translation_of(
        library, "en", CaseStudyIndexPageFactory, title="Case studies", slug="case-studies"
    )
    energy = ThemeFactory(name="Energi och småföretag", slug="energi")
    contracts = ThemeFactory(name="Klimatkontrakt", slug="klimatkontrakt")
    case_study(
        library,
        "Energicoachning för småföretag i Lund",
        slug="energicoachning",
        summary="Kommunens energicoach besöker små företag och hittar besparingar.",
        municipalities=["1281"],
        themes=[energy],
        tags=["småföretag"],
        start_year=2019,
    )
    malmo = case_study(
        library,
        "Klimatkontrakt i Malmö",
        slug="klimatkontrakt",
        summary="Staden och företagen skrev under klimatkontraktet tillsammans.",
        municipalities=["1280"],
        themes=[contracts],
        tags=["klimatkontrakt"],
        start_year=2021,
    )
    case_study(
        library,
        "Gröna resplaner i Linköping",
        slug="resplaner",
        summary="Arbetsplatser gör resplaner så att pendlingen blir hållbar.",
        municipalities=["0580"],
        tags=["pendling"],
        start_year=2022,
    )
    english = CaseStudyPage(
        title="Climate contract in Malmö",
        slug="climate-contract",
        summary="The city and local businesses signed the climate contract together.",
        locale=library_en.locale,
        translation_key=malmo.translation_key,
        live=True,
        first_published_at=malmo.first_published_at,
    )
    library_en.add_child(instance=english)
    calendar = EventIndexPageFactory(parent=home)
    document = Document.objects.create(
        title="Presentation om spillvärme", file=ContentFile(b"%PDF-1.4", name="spill.pdf")
    )
    event(
        calendar,
        "Webbfika om industriell symbios",
        STOCKHOLM_NOON,
        slug="webbfika",
        event_type=EventTypeFactory(name="Webbfika", slug="webbfika"),
        municipalities=["1780"],
        material=[
            {
                "type": "workshop_session",
                "value": {
                    "title": "Bikupor om restflöden",
                    "instructions": "<p>Prata vid bordet.</p>",
                    "questions": ["Vilka restprodukter kan grannen använda?"],
                },
            },
            {"type": "document", "value": {"document": document.pk, "title": ""}},
        ],
    )
    archive = NewsletterIndexPageFactory(parent=home)
    NewsletterIssuePageFactory(
        parent=archive,
        title="Nyhetsbrev april 2021",
        slug="april-2021",
        number=1,
        issue_date="2021-04-20",
        intro="Affärsplanen för nätverket är klar.",
        tags=["klimatkontrakt"],
    )


def search(client, query="", language="sv", visitor="127.0.0.1", **params):
    """The search page for `query`, as the visitor at address `visitor` sees it."""
    path = "/sv/sok/" if language == "sv" else "/en/search/"
    return client.get(path, {"q": query, **params} if query else params, REMOTE_ADDR=visitor)


def test_search_finds_every_page_type_in_the_active_language_only(client, content):
    """Case studies, events and issues all turn up, and /en/ lists English pages only."""
    assert "Klimatkontrakt i Malmö" in titles(search(client, "Malmö"))
    assert "Webbfika om industriell symbios" in titles(search(client, "webbfika"))
    assert "Nyhetsbrev april 2021" in titles(search(client, "affärsplanen"))
    english = search(client, "Malmö", language="en")
    assert titles(english) == ["Climate contract in Malmö"]
    assert english.context["search"].total == 1


def test_workshop_questions_and_document_titles_are_searchable(client, content):
    """Material counts: a workshop question or a slide deck's title finds the event."""
    assert titles(search(client, "restprodukter")) == ["Webbfika om industriell symbios"]
    assert titles(search(client, "spillvärme")) == ["Webbfika om industriell symbios"]
    assert titles(search(client, "Bikupor")) == ["Webbfika om industriell symbios"]


def test_a_result_shows_type_date_place_and_marked_excerpt(client, content):
    """Each result says what it is, when, where, and why it matched."""
    page = search(client, "besparingar").content.decode()
    result = page[page.index('class="search-result"') :]
    assert '<p class="search-result__type">Exempel</p>' in result
    assert "Lund" in result
    assert "<span>sedan 2019</span>" in result
    assert "<mark>besparingar</mark>" in result
    webbfika = search(client, "restprodukter").content.decode()
    assert '<p class="search-result__type">Webbfika</p>' in webbfika
    assert '<time datetime="2025-03-12T12:00:00+01:00">12 mars 2025</time>' in webbfika


def test_excerpt_reads_as_running_text(client, content):
    """Programme items and headings join as sentences: no empty pieces, no '., ' or ', ,'."""
    event(
        EventIndexPage.objects.get(),
        "Nätverksträff i Karlstad",
        STOCKHOLM_NOON,
        slug="karlstad",
        summary="Vi träffas i Karlstad.",
        body=[
            {"type": "paragraph", "value": "<p>Kommunen berättar hur arbetet går vidare.</p>"},
            {"type": "heading", "value": {"text": "Vägen framåt", "level": "h2"}},
        ],
        programme=[
            {"type": "item", "value": {"time": "09:00", "title": "Välkommen", "description": ""}},
            {
                "type": "item",
                "value": {
                    "time": "09:10",
                    "title": "Ett lokalt klimatavtal för Karlstad",
                    "description": "Näringslivsutvecklaren berättar",
                },
            },
        ],
    )
    index_pages(EventPage)
    page = search(client, "klimatavtal").content.decode()
    excerpt = re.search(r'<p class="search-result__excerpt">(.*?)</p>', page).group(1)
    text = re.sub(r"</?mark>", "", excerpt)
    assert (
        "vidare. Vägen framåt. Välkommen. Ett lokalt klimatavtal för Karlstad. "
        "Näringslivsutvecklaren berättar"
    ) in text
    assert ", ," not in text and ".," not in text


def test_facets_count_and_narrow_the_results(client, content):
    """Type, theme, place, tag and year facets show counts and filter when chosen."""
    response = search(client, "klimatkontrakt")
    facets = {facet.name: facet for facet in response.context["search"].facets}
    types = {option.value: option.count for option in facets["type"].options}
    assert types == {"casestudypage": 1, "newsletterissuepage": 1}
    assert titles(search(client, "klimatkontrakt", type="newsletterissuepage")) == [
        "Nyhetsbrev april 2021"
    ]
    assert titles(search(client, "", county="12", tag="smaforetag")) == [
        "Energicoachning för småföretag i Lund"
    ]
    assert titles(search(client, "", municipality="lund")) == [
        "Energicoachning för småföretag i Lund"
    ]
    assert titles(search(client, "", tag="pendling")) == ["Gröna resplaner i Linköping"]
    assert titles(search(client, "", year="2025")) == ["Webbfika om industriell symbios"]
    assert titles(search(client, "", theme="energi")) == ["Energicoachning för småföretag i Lund"]
    skane = set(titles(search(client, "", county="12")))
    assert skane == {"Energicoachning för småföretag i Lund", "Klimatkontrakt i Malmö"}


@pytest.mark.parametrize(
    ("params", "chip", "without"),
    [
        ({"tag": "pendling"}, "Tagg: pendling", "?q=klimatkontrakt"),
        ({"county": "08", "year": "2021"}, "Län: Kalmar län", "?q=klimatkontrakt&amp;year=2021"),
        ({"type": "eventpage"}, "Innehållstyp: evenemang", "?q=klimatkontrakt"),
    ],
)
def test_a_choice_without_results_stays_chosen_and_removable(
    client, content, params, chip, without
):
    """A filter that leaves nothing still shows, chosen with 0, and as a removable chip."""
    response = search(client, "klimatkontrakt", **params)
    page = response.content.decode()
    assert "0 träffar för" in page
    for name, value in params.items():
        assert f'name="{name}" value="{value}" checked' in page
    assert f'<a href="{without}">{chip} <span aria-hidden="true">×</span>' in page


def test_empty_filters_redirect_to_a_clean_address(client, content):
    """The form's "All" choices are empty values; a redirect drops them, keeping the rest."""
    response = client.get(
        "/sv/sok/?q=klimatkontrakt&type=&theme=&county=&municipality=&tag=&year=&sort=date"
    )
    assert response.status_code == 302
    assert response["Location"] == "/sv/sok/?q=klimatkontrakt&sort=date"
    assert client.get("/sv/sok/?q=").headers["Location"] == "/sv/sok/"


def test_newest_first_sorts_by_the_date_the_page_is_about(client, content):
    """Sorting by date puts the 2025 event before the 2021 issue."""
    response = search(client, "klimatkontrakt webbfika nyhetsbrev", sort="date")
    assert response.status_code == 200
    listing = titles(search(client, "", tag="klimatkontrakt", sort="date"))
    assert listing.index("Klimatkontrakt i Malmö") < listing.index("Nyhetsbrev april 2021")


@pytest.mark.parametrize(
    "params",
    [
        {"theme": "finns-inte"},
        {"county": "99"},
        {"municipality": "atlantis"},
        {"tag": "<script>"},
        {"year": "tjugohundra"},
        {"type": "Page'; DROP TABLE"},
        {"sort": "random"},
        {"page": "999999999999999999999"},
        {"page": "-1"},
        # PostgreSQL refuses a NUL in any text it is asked to compare.
        {"theme": "a\x00b"},
        {"county": "\x00"},
        {"municipality": "malmo\x00"},
        {"tag": "klimat\x00", "type": "a\x00"},
    ],
)
def test_odd_filter_values_give_a_notice_not_an_error(client, content, params):
    """Unknown filters are ignored with an explanation; the results still show."""
    response = search(client, "Malmö", **params)
    assert response.status_code == 200
    assert "Klimatkontrakt i Malmö" in titles(response)


HOSTILE = [
    "x" * 10_000,
    "klimat\x00kontrakt",
    '"klimat',
    "(((energi",
    "energi)) OR 1=1 --",
    "energi & ! | <-> :*",
    "NOT AND OR",
    "🌍🔥 klimat",
    "100% _under_",
    "' OR ''='",
    "\\",
    "*",
    "::",
    "\u202e\u200b",
]


@pytest.mark.parametrize("query", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_queries_never_fail(client, content, query):
    """Quotes, operators, NUL bytes, emoji and huge pastes give a page, never a server error."""
    response = search(client, query)
    assert response.status_code == 200
    value = re.search(r'id="search-page-q" name="q" value="([^"]*)"', response.content.decode())
    assert len(html.unescape(value.group(1))) <= 200
    suggestions = client.get("/sv/sok/forslag/", {"q": query})
    assert suggestions.status_code == 200
    assert isinstance(suggestions.json()["results"], list)


def test_a_huge_query_is_shortened_and_says_so(client, content):
    """A 10,000-character paste is cut to 200 characters with a notice."""
    response = search(client, "klimat " * 1500)
    assert "Sökningen kortades till de första" in response.content.decode()


def test_operators_are_plain_words(client, content):
    """Typing OR or NOT does not change the meaning: every word must match."""
    assert titles(search(client, "Malmö OR Lund")) == []
    assert "Klimatkontrakt i Malmö" in titles(search(client, '"Malmö"'))


def test_empty_search_offers_popular_tags_and_the_libraries(client, content):
    """With nothing typed, the page suggests tags and links to the libraries."""
    page = search(client).content.decode()
    assert "Populära taggar" in page
    assert 'href="/sv/taggar/klimatkontrakt/"' in page
    assert 'href="/sv/exempel/"' in page
    assert 'href="/sv/evenemang/"' in page


def test_no_results_suggests_help_and_is_reported(client, admin_client, content):
    """A search that finds nothing says so helpfully and lands in the editors' report."""
    page = search(client, "zzqxv").content.decode()
    assert "Sökningen gav inga träffar" in page
    assert 'href="/sv/exempel/"' in page
    assert UnansweredQuery.objects.get(query_string="zzqxv", language="sv").hits == 1
    search(client, "ZZQXV", visitor="192.0.2.7")  # another visitor
    assert UnansweredQuery.objects.get(query_string="zzqxv").hits == 2
    report = admin_client.get("/admin/reports/searches-without-results/")
    assert report.status_code == 200
    assert "zzqxv" in report.content.decode()


def test_frequent_queries_are_counted_for_editors(client, admin_client, content):
    """Wagtail's search terms report lists what visitors search for most."""
    for visitor in ("192.0.2.1", "192.0.2.2", "192.0.2.3"):
        search(client, "Malmö", visitor=visitor)
    search(client, "Malmö", page="2", visitor="192.0.2.4")  # not a new search
    assert Query.get("malmö").hits == 3
    report = admin_client.get("/admin/searchpicks/reports/search-terms/")
    assert "malmö" in report.content.decode()


def test_a_misspelt_place_shows_the_results_for_the_right_one(client, content):
    """ "Linköpng" finds nothing, so the page shows the results for Linköping and says so."""
    response = search(client, "Linköpng")
    assert titles(response) == ["Gröna resplaner i Linköping"]
    page = response.content.decode()
    assert "Inget matchade ”Linköpng”" in page
    assert "träff för ”Linköping”" in page


def test_promoted_results_come_first_and_only_once(client, content):
    """An editor's pick sits above the results and is not repeated among them."""
    pick = CaseStudyPage.objects.get(slug="klimatkontrakt")
    assert 'class="promoted"' not in search(client, "malmö").content.decode()
    # A pick shows on the next search, though the query was searched without one before.
    SearchPromotion.objects.create(
        query=Query.get("Malmö"), page=pick, sort_order=0, description="Börja här."
    )
    page = search(client, "malmö").content.decode()
    promoted = page[page.index('class="promoted"') : page.index("</section>")]
    assert "Klimatkontrakt i Malmö" in promoted
    assert "Börja här." in promoted
    assert "Klimatkontrakt i Malmö" not in titles(search(client, "malmö"))
    english = search(client, "malmö", language="en").content.decode()
    assert "Climate contract in Malmö" in english[english.index('class="promoted"') :]


def test_suggestions_give_titles_and_addresses_in_the_active_language(client, content):
    """The search box's suggestions are JSON with the best matching titles."""
    data = json.loads(client.get("/sv/sok/forslag/", {"q": "klimatkontrakt"}).content)
    assert {"title": "Klimatkontrakt i Malmö", "url": "/sv/exempel/klimatkontrakt/"} in [
        {"title": item["title"], "url": item["url"]} for item in data["results"]
    ]
    english = client.get("/en/search/suggestions/", {"q": "Malmö"}).json()
    assert [item["title"] for item in english["results"]] == ["Climate contract in Malmö"]
    assert client.get("/sv/sok/forslag/", {"q": "kl"}).json()["results"] == []


def test_search_page_is_private_and_strict(client, content):
    """No cookies for a visitor, a strict CSP, no inline script, and no indexing of results."""
    response = search(client, "Malmö")
    assert not response.cookies
    assert "script-src 'self'" in response["Content-Security-Policy"]
    page = response.content.decode()
    assert "<script>" not in page
    assert 'style="' not in page
    assert '<meta name="robots" content="noindex">' in page
    assert '<html lang="sv">' in page


def test_search_runs_a_bounded_number_of_queries(client, home, content):
    """Ten times more pages cost no more queries."""
    path = "/sv/sok/?q=klimatarbete&type=casestudypage"
    library = CaseStudyIndexPageFactory(parent=home, slug="fler", title="Fler")

    def add_case_studies(first, last):
        for number in range(first, last):
            case_study(library, f"Klimatarbete {number}", tags=[f"tagg{number}"])
        index_pages(CaseStudyPage, EventPage, NewsletterIssuePage)

    suggest = "/sv/sok/forslag/?q=klimatarbete"

    def cold_queries(path):
        """Queries of a request that finds nothing kept from an earlier one."""
        count_queries(client, path)  # Wagtail's caches
        caching.renew()
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        return len(queries)

    add_case_studies(0, 3)
    few = cold_queries(path), count_queries(client, path), cold_queries(suggest)
    add_case_studies(3, 33)
    many = cold_queries(path), count_queries(client, path), cold_queries(suggest)
    # The content version, filter lookups, promotions (the locale and view restrictions are
    # remembered); the candidates with their facet keys, one statement (on PostgreSQL sent
    # with the planner settings around it, in one round trip); the visible results' excerpts,
    # their pages when their cards are not remembered (one query per page type on the page,
    # their places named from the facet keys) and the query statistics. Cold, the remembered
    # vocabularies are read again. Repeated, the candidates, excerpts and cards are kept
    # (search.caching, hub.fragments).
    assert many == few
    assert few[1] < few[0] <= 16
    assert cold_queries("/sv/sok/?q=klimat") <= 18
    # The candidates as above, and the pages'
    # titles and addresses.
    assert few[2] <= 10


def test_a_search_shown_before_reads_none_of_its_results_pages(client, content, settings):
    """Each result's type, title, date and places are made once per content version: the
    same search again, with nothing of the search itself kept, reads none of the pages."""
    settings.SEARCH_REUSE_SECONDS = 0
    first = search(client, "klimat")
    with CaptureQueriesContext(connection) as queries:
        again = search(client, "klimat")
    assert titles(again) == titles(first)
    assert len(titles(first)) > 2
    page_tables = ("casestudies_casestudypage", "events_eventpage", "hub_newsletterissuepage")
    assert not [query for query in queries if any(t in query["sql"] for t in page_tables)]


def test_a_result_shows_its_page_as_last_published(
    client, home, django_capture_on_commit_callbacks
):
    """A renamed, published page shows under its new title at once."""
    library = CaseStudyIndexPageFactory(parent=home, slug="andra", title="Andra")
    with django_capture_on_commit_callbacks(execute=True):
        page = case_study(library, "Solkraft i Lund", summary="Solkraft på taken.")
        page.save_revision().publish()
    assert titles(search(client, "solkraft")) == ["Solkraft i Lund"]

    page = CaseStudyPage.objects.get(pk=page.pk)
    page.title = "Solkraft i Malmö"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert titles(search(client, "solkraft")) == ["Solkraft i Malmö"]


def test_filters_cost_no_queries_of_their_own(client, content):
    """Theme, county, municipality and tag filters are read from the remembered vocabularies."""
    malmo = Municipality.objects.select_related("county").get(code="1280")
    filters = (
        f"&theme=klimatkontrakt&county={malmo.county.code}&municipality={malmo.slug}"
        "&tag=klimatkontrakt"
    )
    plain = count_queries(client, "/sv/sok/?q=klimatkontrakt&type=casestudypage")
    filtered = count_queries(client, f"/sv/sok/?q=klimatkontrakt&type=casestudypage{filters}")
    assert filtered <= plain
    response = search(client, "klimatkontrakt", type="casestudypage", theme="klimatkontrakt")
    assert titles(response) == ["Klimatkontrakt i Malmö"]


def test_stemming_and_compounds_on_postgresql(client, content, postgres_dictionary):
    """Inflections and compound parts find the page: 'coach', 'klimatkontrakten'."""
    assert titles(search(client, "coach"))[0] == "Energicoachning för småföretag i Lund"
    assert titles(search(client, "klimatkontrakten"))[0] == "Klimatkontrakt i Malmö"
    assert titles(search(client, "symbios")) == ["Webbfika om industriell symbios"]
    assert titles(search(client, "contracts", language="en")) == ["Climate contract in Malmö"]
    page = search(client, "coach").content.decode()
    assert "<mark>energicoach</mark>" in page


def test_publishing_indexes_a_page_with_its_tags(
    client, content, django_capture_on_commit_callbacks
):
    """Tags added in the admin are searchable as soon as the page is published."""
    page = CaseStudyPage.objects.get(slug="resplaner")
    page.tags.add("cykelpendling")
    revision = page.save_revision()
    with django_capture_on_commit_callbacks(execute=True):
        revision.publish()
    assert titles(search(client, "cykelpendling")) == ["Gröna resplaner i Linköping"]


def test_words_split_between_title_and_text_find_the_page(client, content):
    """One word in the title and the other only in the text still find the page."""
    assert titles(search(client, "Malmö företagen")) == ["Klimatkontrakt i Malmö"]
    assert titles(search(client, "Lund besparingar")) == ["Energicoachning för småföretag i Lund"]
    assert titles(search(client, "Malmö besparingar")) == []


def test_a_search_leaves_the_planner_settings_as_they_were(client, content, postgres):
    """The search's statement runs with sequential scans and parallel workers off; the pages
    served after it on the same connection are planned as usual."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_parallel_workers_per_gather")
        workers = cursor.fetchone()[0]
    for query in ("klimatkontrakt", "Malmö företagen", "ingenting alls"):
        search(client, query)
        search(client, query, sort="date")
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT current_setting('enable_seqscan'), current_setting('enable_indexscan'), "
                "current_setting('max_parallel_workers_per_gather')"
            )
            assert cursor.fetchone() == ("on", "on", workers)


def test_prefixes_work_on_every_database(client, content):
    """The start of a word finds the whole word, also on SQLite."""
    assert "Energicoachning för småföretag i Lund" in titles(search(client, "energicoach"))
    assert "Gröna resplaner i Linköping" in titles(search(client, "resplan"))


def test_facet_keys_stay_in_the_row_beside_a_long_text(client, content, postgres):
    """A page with a long text still has its facet keys in its search entry's row, where a
    broad search reads thousands of them, not compressed in the out-of-line storage."""
    words = " ".join(f"klimatord{number}" for number in range(600))
    library = CaseStudyIndexPage.objects.get(locale__language_code="sv")
    page = case_study(library, "Ett långt exempel", lessons=f"<p>{words}</p>")
    index_pages(CaseStudyPage)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_column_size(body), pg_column_size(keys), octet_length(keys) "
            "FROM search_searchentry WHERE page_id = %s",
            [page.pk],
        )
        body_size, keys_size, keys_length = cursor.fetchone()
    assert body_size > 4000  # long enough for the row to be toasted
    assert keys_size == keys_length + 1  # as written, with a one-byte header
    assert titles(search(client, "klimatord599")) == ["Ett långt exempel"]
