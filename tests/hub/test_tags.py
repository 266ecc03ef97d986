from datetime import date

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
