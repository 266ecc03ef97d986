from datetime import timedelta

import pytest
from icalendar import Calendar

from hub.models import Organisation
from hub.timezones import STOCKHOLM
from tests.factories import OrganisationFactory, event
from tests.utils import count_queries, local

pytestmark = pytest.mark.django_db


def parse(response):
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


@pytest.fixture
def webbfika(calendar, types, frozen_now):
    return event(
        calendar,
        "Webbfika om visualiseringsverktyg",
        local(2026, 12, 9, 14, 0),
        slug="webbfika-december",
        hours=0.75,
        event_type=types["webbfika"],
        join_url="https://example.org/webbfika",
        organisers=[OrganisationFactory(name="Klimatkommunerna", kind=Organisation.Kind.NETWORK)],
    )


def test_event_calendar_file_field_by_field(client, webbfika):
    """The .ics file holds one valid VEVENT with every field a calendar needs."""
    response = client.get("/sv/evenemang/webbfika-december/ical/")
    assert response["Content-Disposition"] == 'attachment; filename="webbfika-december.ics"'
    calendar = parse(response)
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    (component,) = calendar.walk("VEVENT")
    assert str(component["UID"]) == f"{webbfika.translation_key}-sv@testserver"
    assert component["DTSTAMP"].dt.tzinfo is not None
    assert component["DTSTART"].params["TZID"] == "Europe/Stockholm"
    assert component["DTSTART"].dt == local(2026, 12, 9, 14, 0)
    assert component["DTEND"].dt == local(2026, 12, 9, 14, 45)
    assert str(component["SUMMARY"]) == "Webbfika om visualiseringsverktyg"
    assert str(component["URL"]) == "http://testserver/sv/evenemang/webbfika-december/"
    assert str(component["LOCATION"]) == "https://example.org/webbfika"
    assert str(component["STATUS"]) == "CONFIRMED"
    assert str(component["ORGANIZER"]) == "mailto:evenemang@example.org"
    assert component["ORGANIZER"].params["CN"] == "Klimatkommunerna"
    (timezone,) = calendar.walk("VTIMEZONE")
    assert str(timezone["TZID"]) == "Europe/Stockholm"
    assert {sub.name for sub in timezone.subcomponents} == {"STANDARD", "DAYLIGHT"}


def test_uid_is_stable_across_edits(client, webbfika):
    """Editing the event keeps its UID, so calendars update instead of duplicating."""
    before = parse(client.get("/sv/evenemang/webbfika-december/ical/")).walk("VEVENT")[0]["UID"]
    webbfika.title = "Webbfika, ny titel"
    webbfika.start += timedelta(hours=1)
    webbfika.end += timedelta(hours=1)
    webbfika.save()
    after = parse(client.get("/sv/evenemang/webbfika-december/ical/")).walk("VEVENT")[0]
    assert after["UID"] == before
    assert after["DTSTART"].dt == local(2026, 12, 9, 15, 0)


def test_onsite_event_has_its_address_as_location(client, calendar, types, frozen_now):
    """An event on site gives venue and address as the location."""
    event(
        calendar,
        "Klimatfrukost",
        local(2026, 12, 4, 7, 30),
        slug="frukost",
        event_type=types["klimatfrukost"],
        attendance_mode="onsite",
        venue_name="Energikontoret",
        venue_address="Kalmar",
    )
    component = parse(client.get("/sv/evenemang/frukost/ical/")).walk("VEVENT")[0]
    assert str(component["LOCATION"]) == "Energikontoret, Kalmar"


def test_feed_of_all_coming_events(client, calendar, types, webbfika, frozen_now):
    """The subscribable feed lists coming events and drops them once they have ended."""
    event(calendar, "Redan över", local(2026, 11, 2, 9), event_type=types["webbfika"])
    event(calendar, "Konferens i januari", local(2027, 1, 20, 9), event_type=types["konferens"])
    response = client.get("/sv/evenemang/ical/")
    assert response["Content-Disposition"].startswith("inline")
    summaries = [str(item["SUMMARY"]) for item in parse(response).walk("VEVENT")]
    assert summaries == ["Webbfika om visualiseringsverktyg", "Konferens i januari"]
    frozen_now.move_to(local(2026, 12, 10, 9))
    summaries = [
        str(item["SUMMARY"]) for item in parse(client.get("/sv/evenemang/ical/")).walk("VEVENT")
    ]
    assert summaries == ["Konferens i januari"]


def test_feed_per_event_type(client, calendar, types, webbfika, frozen_now):
    """Each type has its own feed; an unknown type is a 404."""
    event(calendar, "Konferens i januari", local(2027, 1, 20, 9), event_type=types["konferens"])
    summaries = [
        str(item["SUMMARY"])
        for item in parse(client.get("/sv/evenemang/ical/webbfika/")).walk("VEVENT")
    ]
    assert summaries == ["Webbfika om visualiseringsverktyg"]
    assert client.get("/sv/evenemang/ical/dans/").status_code == 404


def test_event_on_the_night_the_clocks_go_back(client, calendar, types, frozen_now):
    """23.00 to 04.00 across the October change lasts six hours, and every view agrees."""
    start = local(2026, 10, 24, 23, 0)
    end = local(2026, 10, 25, 4, 0)
    assert (end - start) == timedelta(hours=5)  # wall-clock arithmetic ignores the change
    page = event(
        calendar, "Nattvandring", start, slug="natt", end=end, event_type=types["webbfika"]
    )
    page.refresh_from_db()
    assert (page.end - page.start) == timedelta(hours=6)  # the real duration
    component = parse(client.get("/sv/evenemang/natt/ical/")).walk("VEVENT")[0]
    assert component["DTSTART"].dt.utcoffset() == timedelta(hours=2)
    assert component["DTEND"].dt.utcoffset() == timedelta(hours=1)
    assert component["DTEND"].dt.astimezone(STOCKHOLM).hour == 4
    html = client.get("/sv/evenemang/natt/").content.decode()
    assert "Lördag 24 oktober 2026 23.00 – söndag 25 oktober 2026 04.00" in html


def test_event_on_the_night_the_clocks_go_forward(client, calendar, types, frozen_now):
    """01.30 to 03.30 across the March change lasts one hour."""
    page = event(
        calendar,
        "Vårnatt",
        local(2027, 3, 28, 1, 30),
        slug="var",
        end=local(2027, 3, 28, 3, 30),
        event_type=types["webbfika"],
    )
    page.refresh_from_db()
    assert (page.end - page.start) == timedelta(hours=1)
    component = parse(client.get("/sv/evenemang/var/ical/")).walk("VEVENT")[0]
    assert component["DTSTART"].dt.strftime("%H:%M") == "01:30"
    assert component["DTEND"].dt.strftime("%H:%M") == "03:30"


def test_calendar_feeds_run_the_same_queries_for_more_events(client, calendar, types, frozen_now):
    """A subscribed feed costs no more queries with ten times the events."""

    def add_events(first, last):
        for number in range(first, last):
            event(
                calendar,
                f"Webbfika {number}",
                local(2026, 12, 1 + number, 14, 0),
                slug=f"webbfika-{number}",
                event_type=types["webbfika"],
                organisers=[OrganisationFactory()],
            )

    add_events(0, 2)
    paths = ["/sv/evenemang/ical/", "/sv/evenemang/ical/webbfika/"]
    few = [count_queries(client, path) for path in paths]
    add_events(2, 20)
    assert [count_queries(client, path) for path in paths] == few


def test_text_with_separators_and_long_swedish_lines_reads_back_unchanged(
    client, calendar, types, frozen_now
):
    """Commas, semicolons, backslashes and new lines survive; long lines fold within 75 octets
    without splitting a character, as calendar apps require."""
    summary = "Hur gör vi växthusgasbudgeten begriplig för företag, föreningar; och invånare? " * 4
    page = event(
        calendar,
        "Klimat, energi; och \\ resor",
        local(2026, 12, 10, 9, 0),
        slug="klimat-energi",
        event_type=types["webbfika"],
        summary=summary.strip(),
        organisers=[OrganisationFactory(name="Region Skåne: miljö, energi")],
    )
    response = client.get(page.url + "ical/")
    assert all(len(line) <= 75 for line in response.content.split(b"\r\n"))
    component = parse(response).walk("VEVENT")[0]
    assert str(component["SUMMARY"]) == "Klimat, energi; och \\ resor"
    assert str(component["DESCRIPTION"]).startswith(summary.strip() + "\n\nhttp://testserver/")
    assert component["ORGANIZER"].params["CN"] == "Region Skåne: miljö, energi"
