import pytest

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from events.models import EventPage
from hub.demo import DemoLoader
from tests.factories import EventIndexPageFactory, event, translation_of
from tests.utils import local

pytestmark = pytest.mark.django_db


def test_home_page_shows_the_next_three_events(client, home, calendar, types, frozen_now):
    """A home page section on the calendar lists the next three events, soonest first."""
    event(calendar, "Redan över", local(2026, 11, 1, 9), event_type=types["webbfika"])
    for day, title in [(30, "Fjärde"), (20, "Första"), (25, "Tredje"), (22, "Andra")]:
        event(calendar, title, local(2026, 11, day, 9), event_type=types["webbfika"])
    home.sections = [
        {
            "type": "latest",
            "value": {
                "heading": "Kommande",
                "source": calendar.pk,
                "count": 3,
                "link_text": "Alla",
            },
        }
    ]
    home.save()
    html = client.get("/sv/").content.decode()
    section = html.split("Kommande")[1]
    assert section.index("Första") < section.index("Andra") < section.index("Tredje")
    assert "Fjärde" not in section and "Redan över" not in section


def test_municipality_page_lists_its_coming_events(client, calendar, types, frozen_now):
    """Kalmar's page lists Kalmar's coming events, not past ones or other places'."""
    event(
        calendar,
        "Klimatfrukost i Kalmar",
        local(2026, 12, 4, 7, 30),
        municipalities=["0880"],
        event_type=types["klimatfrukost"],
    )
    event(
        calendar,
        "Gammal frukost",
        local(2026, 10, 4, 7, 30),
        municipalities=["0880"],
        event_type=types["klimatfrukost"],
    )
    event(
        calendar,
        "Träff i Karlstad",
        local(2026, 12, 5, 9),
        municipalities=["1780"],
        event_type=types["webbfika"],
    )
    html = client.get("/sv/kommuner/kalmar/").content.decode()
    assert "Kommande evenemang" in html
    assert "Klimatfrukost i Kalmar" in html
    assert "Gammal frukost" not in html and "Träff i Karlstad" not in html


def test_translated_event_page_in_english(
    client, home_en, calendar, types, frozen_now, django_capture_on_commit_callbacks
):
    """An event translated with wagtail-localize reads in English, with English dates and type."""
    translation_of(calendar, "en", EventIndexPageFactory, title="Events", slug="events")
    page = event(
        calendar,
        "Webbfika om incitament",
        local(2026, 12, 9, 14),
        slug="webbfika",
        hours=0.75,
        event_type=types["webbfika"],
    )
    loader = DemoLoader()
    with django_capture_on_commit_callbacks(execute=True):
        loader.translate(types["webbfika"], "en", {"name": "Webbfika (webinar)"})
    with django_capture_on_commit_callbacks(execute=True):
        loader.translate(
            page,
            "en",
            {
                "title": "Webbfika on incentives",
                "slug": "webbfika",
                "summary": "How national policy can get every municipality moving.",
            },
        )
    html = client.get("/en/events/webbfika/").content.decode()
    assert '<html lang="en">' in html
    assert "<h1>Webbfika on incentives</h1>" in html
    assert "Webbfika (webinar)" in html
    assert "Wednesday 9 December 2026, 14:00–14:45" in html
    assert "Swedish time" in html


def event_form(types, **overrides):
    data = {
        "title": "Webbfika om visualisering",
        "slug": "webbfika-visualisering",
        "summary": "Vilka verktyg använder kommunerna?",
        "event_type": types["webbfika"].pk,
        "series": "",
        "body": streamfield([("paragraph", rich_text("<p>Välkommen.</p>"))]),
        "start": "2026-12-09 14:00",
        "end": "2026-12-09 14:45",
        "status": "scheduled",
        "attendance_mode": "online",
        "venue_name": "",
        "venue_address": "",
        "join_url": "https://example.org/webbfika",
        "audience": "Öppet för alla",
        "registration_url": "",
        "registration_deadline": "",
        "programme": streamfield([]),
        "material": streamfield([]),
        "event_speakers": {
            "TOTAL_FORMS": 0,
            "INITIAL_FORMS": 0,
            "MIN_NUM_FORMS": 0,
            "MAX_NUM_FORMS": 1000,
        },
        "event_themes": {
            "TOTAL_FORMS": 0,
            "INITIAL_FORMS": 0,
            "MIN_NUM_FORMS": 0,
            "MAX_NUM_FORMS": 1000,
        },
        "tags": "",
        "related_case_studies": inline_formset([]),
        "action-publish": "publish",
    }
    data.update(overrides)
    return nested_form_data(data)


def test_editor_publishes_an_event_in_swedish_time(client, editor, calendar, types, frozen_now):
    """Times typed in the admin are Swedish time and show as such on the page."""
    response = client.post(f"/admin/pages/add/events/eventpage/{calendar.pk}/", event_form(types))
    assert response.status_code == 302
    page = EventPage.objects.get(slug="webbfika-visualisering")
    assert page.start == local(2026, 12, 9, 14, 0)
    assert "14.00–14.45" in client.get("/sv/evenemang/webbfika-visualisering/").content.decode()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"end": "2026-12-09 13:00"}, "Evenemanget måste sluta efter att det börjat."),
        ({"start": "den nionde december"}, "Fyll i ett giltigt datum/tid."),
        ({"attendance_mode": "onsite"}, "Ange var evenemanget äger rum."),
        ({"registration_deadline": "2026-12-01 12:00"}, "Ange anmälningslänken"),
    ],
)
def test_bad_event_input_is_refused_and_kept(client, editor, calendar, types, overrides, message):
    """Impossible times or a missing place give a form error, and the text is kept."""
    response = client.post(
        f"/admin/pages/add/events/eventpage/{calendar.pk}/", event_form(types, **overrides)
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Vilka verktyg använder kommunerna?" in html
    assert not EventPage.objects.filter(slug="webbfika-visualisering").exists()
