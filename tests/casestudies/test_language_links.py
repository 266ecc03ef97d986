"""English pages link to English translations, and mark every link that leads to Swedish."""

import re

import pytest

from casestudies.models import CaseStudyRelatedPage
from events.models import EventRelatedPage
from tests.factories import (
    CaseStudyIndexPageFactory,
    EventIndexPageFactory,
    case_study,
    event,
    translation_of,
)
from tests.utils import count_queries, local

pytestmark = pytest.mark.django_db


@pytest.fixture
def library_en(home_en, library):
    return translation_of(
        library, "en", CaseStudyIndexPageFactory, title="Case studies", slug="case-studies"
    )


def english_copy(page, library_en, title, slug):
    return case_study(library_en, title, slug=slug, translation_key=page.translation_key)


def card(html, title):
    """The card that holds `title`, from its <article> to its end."""
    match = re.search(r"<article[^>]*>(?:(?!</article>).)*?" + re.escape(title), html, re.S)
    assert match, f"no card for {title}"
    end = html.index("</article>", match.start())
    return html[match.start() : end]


def test_related_case_studies_lead_to_translations_or_say_they_are_swedish(
    client, library, library_en, themes
):
    """A chosen example with an English version links there; one without is marked Swedish."""
    source = case_study(library, "Klimatkontrakt i Karlstad", slug="karlstad")
    translated = case_study(library, "Energicoach i Lund", slug="lund")
    swedish_only = case_study(library, "Vätgas i Luleå", slug="lulea")
    for position, related in enumerate([translated, swedish_only]):
        CaseStudyRelatedPage.objects.create(page=source, related=related, sort_order=position)
    english_copy(translated, library_en, "An energy coach in Lund", "lund")
    english = english_copy(source, library_en, "Climate contract in Karlstad", "karlstad")
    CaseStudyRelatedPage.objects.create(page=english, related=translated, sort_order=0)
    CaseStudyRelatedPage.objects.create(page=english, related=swedish_only, sort_order=1)

    html = client.get("/en/case-studies/karlstad/").content.decode()
    lund = card(html, "An energy coach in Lund")
    assert 'href="/en/case-studies/lund/"' in lund
    assert "lang=" not in lund and "på svenska" not in lund
    lulea = card(html, "Vätgas i Luleå")
    assert '<article class="card card--case-study" lang="sv">' in lulea
    assert '<a href="/sv/exempel/lulea/" hreflang="sv">Vätgas i Luleå</a>' in lulea
    assert '<span class="language-note" lang="sv">(på svenska)</span>' in lulea


def test_swedish_pages_carry_no_language_marks(client, library, themes):
    """On a Swedish page, Swedish links are plain."""
    source = case_study(library, "Klimatkontrakt i Karlstad", slug="karlstad")
    CaseStudyRelatedPage.objects.create(
        page=source, related=case_study(library, "Vätgas i Luleå", slug="lulea")
    )
    html = client.get("/sv/exempel/karlstad/").content.decode()
    assert "Vätgas i Luleå" in html
    assert "language-note" not in html and 'hreflang="sv">Vätgas' not in html


def test_english_event_marks_a_swedish_case_study(client, home, home_en, library, library_en):
    """An English event's related case study without an English version says it is Swedish."""
    calendar = EventIndexPageFactory(parent=home)
    calendar_en = translation_of(
        calendar, "en", EventIndexPageFactory, title="Events", slug="events"
    )
    swedish_only = case_study(library, "Vätgas i Luleå", slug="lulea")
    translated = case_study(library, "Energicoach i Lund", slug="lund")
    english_copy(translated, library_en, "An energy coach in Lund", "lund")
    source = event(calendar, "Webbfika om vätgas", local(2026, 12, 9, 14, 0), slug="vatgas")
    english = event(
        calendar_en,
        "Webbfika on hydrogen",
        local(2026, 12, 9, 14, 0),
        slug="hydrogen",
        translation_key=source.translation_key,
        event_type=source.event_type,
    )
    english.related_case_studies = [
        EventRelatedPage(related=swedish_only),
        EventRelatedPage(related=translated),
    ]
    english.save()

    html = client.get("/en/events/hydrogen/").content.decode()
    assert 'href="/en/case-studies/lund/"' in html
    lulea = card(html, "Vätgas i Luleå")
    assert 'hreflang="sv"' in lulea and "(på svenska)" in lulea


def test_english_library_says_how_many_more_are_in_swedish(client, library, library_en):
    """The English library counts the case studies that exist only in Swedish and links there."""
    translated = case_study(library, "Energicoach i Lund", slug="lund")
    english_copy(translated, library_en, "An energy coach in Lund", "lund")
    case_study(library, "Vätgas i Luleå", slug="lulea")
    case_study(library, "Klimatkontrakt i Karlstad", slug="karlstad")
    html = client.get("/en/case-studies/").content.decode()
    assert "2 more case studies are so far only in Swedish." in html
    assert '<a href="/sv/exempel/" hreflang="sv" lang="sv">' in html
    assert "language-more" not in client.get("/sv/exempel/").content.decode()


def test_english_library_query_count_does_not_grow_with_swedish_case_studies(
    client, library, library_en
):
    """Counting the Swedish-only case studies is one query, whatever their number."""
    case_study(library, "Vätgas i Luleå", slug="lulea")
    few = count_queries(client, "/en/case-studies/")
    for number in range(15):
        case_study(library, f"Exempel {number}", slug=f"exempel-{number}")
    assert count_queries(client, "/en/case-studies/") == few
