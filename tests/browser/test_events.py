import re
from datetime import timedelta

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from django.utils import timezone

from tests.factories import EventIndexPageFactory, EventTypeFactory, event

pytestmark = pytest.mark.django_db(transaction=True)

QUESTIONS = [
    "Vad är det mest värdefulla du tar med dig från dagen?",
    "Vad saknas för att utsläppen ska börja minska snabbare?",
    "Vad behöver du för att komma framåt snabbare?",
    "Vad är nästa steg när du kommer hem?",
]


@pytest.fixture
def events(home):
    calendar = EventIndexPageFactory(parent=home)
    webbfika = EventTypeFactory(name="Webbfika", slug="webbfika")
    conference = EventTypeFactory(name="Konferens", slug="konferens")
    soon = timezone.now().replace(microsecond=0) + timedelta(days=9)
    event(
        calendar,
        "Webbfika om visualiseringsverktyg",
        soon,
        slug="webbfika",
        event_type=webbfika,
        join_url="https://example.org/webbfika",
    )
    event(
        calendar,
        "Slutkonferens",
        timezone.now() - timedelta(days=30),
        slug="slutkonferens",
        hours=6,
        event_type=conference,
        attendance_mode="onsite",
        venue_name="Konferenscenter",
        venue_address="Stockholm",
        material=[
            {
                "type": "workshop_session",
                "value": {
                    "title": "Bikupor",
                    "duration": 10,
                    "instructions": "<p>Prata i smågrupper vid bordet.</p>",
                    "questions": QUESTIONS,
                    "facilitator_notes": "",
                },
            }
        ],
    )
    return calendar


def test_add_a_webbfika_to_the_calendar_with_one_click(page, events):
    """From the calendar page, one click on the event and one on 'add' gives an .ics file."""
    page.goto("/sv/evenemang/")
    page.get_by_role("link", name="Webbfika om visualiseringsverktyg").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Lägg till i kalendern").click()
    download = download_info.value
    assert download.suggested_filename == "webbfika.ics"
    with open(download.path(), "rb") as handle:
        calendar = Calendar.from_ical(handle.read())
    assert str(calendar.walk("VEVENT")[0]["SUMMARY"]) == "Webbfika om visualiseringsverktyg"


def test_find_last_months_bikupor_questions_and_print_them(page, events):
    """Past events lead with their material; the bikupor round has a printable page."""
    page.goto("/sv/evenemang/")
    page.get_by_role("link", name="Tidigare evenemang och material").click()
    page.get_by_role("link", name="Slutkonferens").click()
    expect(page.get_by_text("Evenemanget är avslutat. Materialet finns nedan.")).to_be_visible()
    for question in QUESTIONS:
        expect(page.get_by_text(question)).to_be_visible()
    page.get_by_role("link", name="Utskriftsversion av Bikupor till borden").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bikupor")
    expect(page.get_by_role("button", name="Skriv ut")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator(".main-menu")).to_be_hidden()
    expect(page.get_by_text(QUESTIONS[1])).to_be_visible()


def test_date_registration_and_calendar_on_a_phones_first_screen(page, events):
    """On a 390x844 phone, the date, 'Anmäl dig' and 'Lägg till i kalendern' need no scrolling."""
    calendar = events
    event(
        calendar,
        "Webbfika: Vad behöver en kommun göra för att bli klimatneutral?",
        timezone.now().replace(microsecond=0) + timedelta(days=12),
        slug="klimatneutral",
        event_type=EventTypeFactory(name="Webbfika om klimat", slug="webbfika-klimat"),
        summary=(
            "Klimatkommunerna presenterar sin översikt över vad som krävs för att en kommun "
            "ska nå klimatneutralitet. Vi går igenom stegen, från mål och mätning till "
            "samarbetet med näringslivet, och samtalar om vad som fungerat i kommunerna."
        ),
        join_url="https://example.org/webbfika",
        registration_url="https://example.org/anmalan",
        audience="Alla som arbetar med klimatmål i kommuner och regioner.",
        programme=[
            {"type": "item", "value": {"time": "14:00", "title": "Välkommen"}},
            {"type": "item", "value": {"time": "14:05", "title": "Översikten"}},
        ],
    )
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/sv/evenemang/klimatneutral/")
    for target in [
        page.locator("article time").first,
        page.get_by_role("link", name="Anmäl dig"),
        page.get_by_role("link", name="Lägg till i kalendern"),
    ]:
        expect(target).to_be_visible()
        box = target.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box
        assert box["y"] >= 0 and box["y"] + box["height"] <= 844, box
    assert page.evaluate("window.scrollY") == 0


def test_on_a_phone_the_filtered_calendar_shows_its_events_first(page, events):
    """At 390x844 the filters fold behind "Filtrera (n)"; after filtering, an event shows."""
    events.introduction = (
        "Nätverksträffar, webbfikor, tematräffar, klimatfrukostar och konferenser. Anmäl dig, "
        "lägg in träffarna i din kalender och hämta materialet efteråt."
    )
    events.save_revision().publish()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/sv/evenemang/")
    toggle = page.locator("summary", has_text="Filtrera")
    expect(toggle).to_have_text("Filtrera")
    expect(page.get_by_role("button", name="Visa evenemang")).to_be_hidden()
    toggle.click()
    page.get_by_label("Typ").select_option("webbfika")
    page.get_by_role("button", name="Visa evenemang").click()
    expect(page).to_have_url(re.compile(r"/sv/evenemang/\?when=upcoming&type=webbfika$"))
    expect(page.locator("summary", has_text="Filtrera")).to_have_text("Filtrera (1)")
    title = page.get_by_role("link", name="Webbfika om visualiseringsverktyg")
    expect(title).to_be_visible()
    box = title.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box
    assert box["y"] >= 0 and box["y"] + box["height"] <= 844, box
    assert page.evaluate("window.scrollY") == 0
