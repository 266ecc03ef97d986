from datetime import date, timedelta

import pytest

from django.utils import timezone

from tests.factories import (
    CaseStudyIndexPageFactory,
    EventIndexPageFactory,
    EventTypeFactory,
    NewsletterIndexPageFactory,
    NewsletterIssuePageFactory,
    case_study,
    event,
    translation_of,
)
from tests.utils import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def tagged(home, home_en, library):
    calendar = EventIndexPageFactory(parent=home)
    archive = NewsletterIndexPageFactory(parent=home)
    study = case_study(library, "Klimatkontrakt i Karlstad", tags=["klimatkontrakt", "näringsliv"])
    case_study(library, "Energicoach", tags=["småföretag"])
    webbfika = event(
        calendar,
        "Webbfika om kontrakt",
        timezone.now() + timezone.timedelta(days=5),
        event_type=EventTypeFactory(),
    )
    webbfika.tags.add("klimatkontrakt")
    webbfika.save()
    NewsletterIssuePageFactory(
        parent=archive,
        title="Kontraktsnumret",
        number=1,
        issue_date=date(2026, 3, 1),
        tags=["klimatkontrakt"],
    )
    library_en = translation_of(
        library, "en", CaseStudyIndexPageFactory, title="Case studies", slug="case-studies"
    )
    english = case_study(library_en, "Climate contract in Karlstad", tags=["klimatkontrakt"])
    return {"study": study, "english": english}


def test_tag_page_lists_everything_with_the_tag_by_type(client, tagged):
    """One tag shows the case studies, events and newsletter issues that carry it."""
    response = client.get("/sv/taggar/klimatkontrakt/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Tagg: klimatkontrakt</h1>" in html
    assert "3 sidor har den här taggen." in html
    assert (
        html.index("Klimatkontrakt i Karlstad")
        < html.index("Webbfika om kontrakt")
        < html.index("Kontraktsnumret")
    )
    assert "Energicoach" not in html
    assert "Climate contract in Karlstad" not in html
    assert 'href="/en/tags/klimatkontrakt/" hreflang="en"' in html


def test_english_tag_page_lists_english_pages(client, tagged):
    """Tags are shared; the English tag page lists the English pages that carry them."""
    html = client.get("/en/tags/klimatkontrakt/").content.decode()
    assert "Climate contract in Karlstad" in html
    assert "Klimatkontrakt i Karlstad" not in html


def test_tags_link_from_content_pages(client, tagged):
    """A case study's tags lead to the tag pages."""
    html = client.get(tagged["study"].url).content.decode()
    assert 'href="/sv/taggar/klimatkontrakt/"' in html
    assert 'href="/sv/taggar/naringsliv/"' in html


def test_tag_index_counts_every_type(client, tagged):
    """The tag overview counts pages of every type in the language, most used first."""
    html = client.get("/sv/taggar/").content.decode()
    assert (
        'href="/sv/taggar/klimatkontrakt/">klimatkontrakt <span class="tag-count">(3)</span>'
        in html
    )
    assert html.index("klimatkontrakt") < html.index("småföretag")


@pytest.mark.parametrize("slug", ["finns-inte", "x" * 300, "%00"])
def test_unknown_tag_is_a_404(client, home, slug):
    """A made-up tag gives the hub's 404 page."""
    assert client.get(f"/sv/taggar/{slug}/").status_code == 404


def test_tag_page_query_count_does_not_grow(client, tagged, library):
    """A tag page runs the same queries for 3 or 23 tagged pages."""

    few = count_queries(client, "/sv/taggar/klimatkontrakt/")
    for number in range(20):
        case_study(
            library,
            f"Fler kontrakt {number}",
            municipalities=["1780", "1761"],
            tags=["klimatkontrakt"],
        )
    assert count_queries(client, "/sv/taggar/klimatkontrakt/") == few


def test_admin_suggests_existing_tags_from_every_content_type(client, tagged, editor):
    """Typing in any tag field suggests the one shared vocabulary."""
    response = client.get("/admin/tag-autocomplete/", {"term": "klim"})
    assert response.status_code == 200
    assert "klimatkontrakt" in response.json()
    assert "småföretag" not in response.json()


def more_case_studies(library, count, tag="klimatkontrakt"):
    for number in range(count):
        case_study(library, f"Kontrakt nummer {number:02d}", tags=[tag])


def test_tag_page_shows_a_few_of_each_type_and_links_to_all(client, tagged, library):
    """A much-used tag shows the first case studies with their count and a link to all."""
    more_case_studies(library, 8)
    html = client.get("/sv/taggar/klimatkontrakt/").content.decode()
    assert "11 sidor har den här taggen." in html
    cases = html.split('id="section-case_studies"')[1].split("</section>")[0]
    assert cases.count('class="card__title"') == 6
    assert "Exempel <span" in cases and "(9)" in cases
    assert '<a class="more-link" href="?section=case_studies">Alla 9 exempel</a>' in cases
    events = html.split('id="section-events"')[1].split("</section>")[0]
    assert "more-link" not in events


def test_one_type_of_a_tag_is_paged(client, tagged, library, monkeypatch):
    """?section= lists one content type in full, a page at a time, with its own title."""
    monkeypatch.setattr("hub.section_lists.PER_PAGE", 4)
    more_case_studies(library, 8)
    response = client.get("/sv/taggar/klimatkontrakt/", {"section": "case_studies", "page": 2})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Exempel (sida 2) – Tagg: klimatkontrakt – Klimathubben</title>" in html
    assert '<meta name="description" content="Exempel, evenemang' in html
    assert html.count('class="card__title"') == 4
    assert "Webbfika om kontrakt" not in html
    assert "har den här taggen" not in html  # the count is the heading's, for this type only
    assert 'aria-current="page">Exempel</a>' in html
    assert 'rel="next"' in html and 'rel="prev"' in html
    assert 'href="?section=case_studies&amp;page=3"' in html
    assert 'href="/sv/taggar/klimatkontrakt/">Allt med taggen ”klimatkontrakt”</a>' in html
    last = client.get("/sv/taggar/klimatkontrakt/?section=case_studies&page=3")
    assert last.content.decode().count('class="card__title"') == 1


@pytest.mark.parametrize(
    ("query", "notice"),
    [
        ("?section=case_studies&page=x", "”x” är inget sidnummer"),
        ("?section=case_studies&page=99", "Det finns bara 1 sidor"),
        ("?section=recept", "Sidan har ingen del som heter ”recept”, så hela sidan visas."),
    ],
)
def test_odd_tag_page_addresses_give_a_notice(client, tagged, query, notice):
    """Made-up page numbers and sections show the nearest real page with a notice."""
    response = client.get(f"/sv/taggar/klimatkontrakt/{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert notice in html
    assert "Klimatkontrakt i Karlstad" in html


def test_english_tag_page_links_to_all_in_english(client, tagged, home_en):
    """The English tag page says 'All 7 case studies' and keeps its language."""
    library_en = tagged["english"].get_parent()
    for number in range(6):
        case_study(library_en, f"Contract {number}", tags=["klimatkontrakt"])
    html = client.get("/en/tags/klimatkontrakt/").content.decode()
    assert '<html lang="en">' in html
    assert ">All 7 case studies</a>" in html


@pytest.mark.usefixtures("each_cache")
def test_tag_overview_counts_a_newly_published_page(client, tagged, library):
    """The overview's counts are kept between visits and renewed when a page is published."""
    assert "nyord" not in client.get("/sv/taggar/").content.decode()
    page = case_study(library, "Nytt exempel", tags=["nyord"])
    page.save_revision().publish()
    assert 'href="/sv/taggar/nyord/">nyord <span class="tag-count">(1)</span>' in (
        client.get("/sv/taggar/").content.decode()
    )
    page.unpublish()
    assert "nyord" not in client.get("/sv/taggar/").content.decode()


def test_tag_and_municipality_pages_list_the_newest_case_studies_first(client, library):
    """The preview shows the most recently published; the full list continues from there."""
    start = timezone.now() - timedelta(days=30)
    for day in range(8):
        case_study(
            library,
            f"Kontrakt dag {day}",
            tags=["klimatkontrakt"],
            municipalities=["1780"],
            published_at=start + timedelta(days=day),
        )
    for path in ("/sv/taggar/klimatkontrakt/", "/sv/kommuner/karlstad/"):
        html = client.get(path).content.decode()
        titles = [part.split("</a>")[0].split(">")[-1] for part in html.split('card__title"')[1:]]
        assert titles[:3] == ["Kontrakt dag 7", "Kontrakt dag 6", "Kontrakt dag 5"], path
