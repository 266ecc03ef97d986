"""Editors relate case studies to an event; the event shows them in its own language."""

import re

import pytest

from wagtail.test.utils.form_data import inline_formset

from casestudies.models import CaseStudyPage
from events.models import EventPage, EventRelatedPage
from tests.events.test_events_elsewhere import event_form
from tests.factories import (
    CaseStudyIndexPageFactory,
    EventIndexPageFactory,
    case_study,
    event,
    locale,
    translation_of,
)
from tests.utils import count_queries, local

pytestmark = pytest.mark.django_db

# Any card title, including those that link to another language with `hreflang`.
CARD_TITLE = re.compile(r'<h3 class="card__title"><a [^>]*>([^<]+)</a>')


def related_titles(html):
    """The card titles in the page's related case studies, in order."""
    if 'id="related-heading"' not in html:
        return []
    return CARD_TITLE.findall(html.split('id="related-heading"')[1])


def relate(page, *case_studies):
    page.related_case_studies = [
        EventRelatedPage(related=item, sort_order=order) for order, item in enumerate(case_studies)
    ]
    page.save()


@pytest.fixture
def library_en(home_en, library):
    return translation_of(
        library, "en", CaseStudyIndexPageFactory, title="Case studies", slug="case-studies"
    )


@pytest.fixture
def calendar_en(home_en, calendar):
    return translation_of(calendar, "en", EventIndexPageFactory, title="Events", slug="events")


def test_editor_relates_case_studies_to_a_new_event(client, editor, calendar, types, library):
    """Case studies chosen in the admin show on the published event, in the editor's order."""
    karlstad = case_study(library, "Klimatkontrakt i Karlstad", slug="karlstad")
    lund = case_study(library, "Energicoach i Lund", slug="lund")
    rows = inline_formset([{"related": lund.pk}, {"related": karlstad.pk}])
    response = client.post(
        f"/admin/pages/add/events/eventpage/{calendar.pk}/",
        event_form(types, related_case_studies=rows),
    )
    assert response.status_code == 302
    page = EventPage.objects.get(slug="webbfika-visualisering")
    assert page.live
    assert [row.related_id for row in page.related_case_studies.all()] == [lund.pk, karlstad.pk]
    html = client.get("/sv/evenemang/webbfika-visualisering/").content.decode()
    assert related_titles(html) == ["Energicoach i Lund", "Klimatkontrakt i Karlstad"]
    edit = client.get(f"/admin/pages/{page.pk}/edit/")
    assert edit.status_code == 200
    assert "Energicoach i Lund" in edit.content.decode()
    # The chooser offers case studies only.
    assert '"modelNames": ["casestudies.casestudypage"]' in edit.content.decode()


def test_only_a_case_study_can_be_related(client, editor, calendar, types):
    """A form post that names another kind of page is refused with a message."""
    rows = inline_formset([{"related": calendar.pk}])
    response = client.post(
        f"/admin/pages/add/events/eventpage/{calendar.pk}/",
        event_form(types, related_case_studies=rows),
    )
    assert response.status_code == 200
    assert "Den valda sidan är inte av typen exempel." in response.content.decode()
    assert not EventPage.objects.filter(slug="webbfika-visualisering").exists()


def test_english_translation_shows_the_english_case_study(
    client, editor, calendar, calendar_en, library, library_en, django_capture_on_commit_callbacks
):
    """Translating an event keeps its choices; the English event shows the English versions."""
    lund = case_study(library, "Energicoach i Lund", slug="lund")
    case_study(
        library_en, "An energy coach in Lund", slug="lund", translation_key=lund.translation_key
    )
    lulea = case_study(library, "Vätgas i Luleå", slug="lulea")
    source = event(calendar, "Webbfika om energi", local(2026, 12, 9, 14, 0), slug="energi")
    relate(source, lulea, lund)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/localize/submit/page/{source.pk}/", {"locales": [locale("en").pk]})
    english = EventPage.objects.get(translation_key=source.translation_key, locale=locale("en"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/pages/{english.pk}/edit/", {"action": "publish"})
    assert response.status_code == 302

    english.refresh_from_db()
    assert [row.related_id for row in english.related_case_studies.all()] == [lulea.pk, lund.pk]
    html = client.get(english.url).content.decode()
    assert related_titles(html) == ["Vätgas i Luleå", "An energy coach in Lund"]
    assert 'href="/en/case-studies/lund/"' in html
    swedish = client.get(source.url).content.decode()
    assert related_titles(swedish) == ["Vätgas i Luleå", "Energicoach i Lund"]


def test_drafts_private_pages_and_repeats_are_left_out(client, calendar, library, home):
    """Only live, public case studies show, each once."""
    shown = case_study(library, "Klimatkontrakt i Karlstad", slug="karlstad")
    draft = case_study(library, "Utkast", slug="utkast")
    draft.unpublish()
    private_library = CaseStudyIndexPageFactory(parent=home, title="Internt", slug="internt")
    private_library.view_restrictions.create(restriction_type="login")
    hidden = case_study(private_library, "Internt exempel", slug="internt-exempel")
    page = event(calendar, "Webbfika", local(2026, 12, 9, 14, 0), slug="webbfika")
    relate(page, draft, shown, hidden, shown)
    html = client.get("/sv/evenemang/webbfika/").content.decode()
    assert related_titles(html) == ["Klimatkontrakt i Karlstad"]
    assert CaseStudyPage.objects.get(pk=hidden.pk).live


def test_event_page_query_count_does_not_grow_with_related_case_studies(client, calendar, library):
    """Each related case study adds no query: which they are, and their cards, are kept per
    content version (hub/fragments.py), so a warm page reads none, however many there are."""
    page = event(calendar, "Webbfika", local(2026, 12, 9, 14, 0), slug="webbfika")
    cases = [case_study(library, f"Exempel {number}", slug=f"ex-{number}") for number in range(6)]
    relate(page, cases[0])
    one = count_queries(client, "/sv/evenemang/webbfika/")
    relate(page, *cases)
    assert count_queries(client, "/sv/evenemang/webbfika/") == one
    assert len(related_titles(client.get("/sv/evenemang/webbfika/").content.decode())) == 6
    relate(page)
    assert count_queries(client, "/sv/evenemang/webbfika/") == one
    assert related_titles(client.get("/sv/evenemang/webbfika/").content.decode()) == []
