"""Events in the open-data files: when, where, how to take part, with codes and themes."""

import pytest

from tests.factories import EventIndexPageFactory, EventTypeFactory, OrganisationFactory, event
from tests.open_data import build, csv_rows, json_file, xlsx_rows
from tests.utils import local

pytestmark = pytest.mark.django_db


def test_an_event_in_each_format(client, home, themes):
    """CSV, XLSX and JSON name the type, the moments in Swedish time, places and organisers."""
    calendar = EventIndexPageFactory(parent=home)
    page = event(
        calendar,
        "Klimatfrukost i Göteborg",
        local(2026, 5, 12, 8),
        hours=2,
        event_type=EventTypeFactory(name="Klimatfrukost"),
        municipalities=("1480", "1402"),
        themes=[themes["symbios"]],
        organisers=[OrganisationFactory(name="Västra Götalandsregionen")],
        attendance_mode="onsite",
        venue_name="Stadsbiblioteket",
        registration_url="https://example.org/anmalan",
        registration_deadline=local(2026, 5, 10, 12),
    )
    build()
    expected = {
        "id": str(page.pk),
        "title": "Klimatfrukost i Göteborg",
        "url": f"http://localhost/sv/evenemang/{page.slug}/",
        "event_type": "Klimatfrukost",
        "start": "2026-05-12T08:00:00+02:00",
        "end": "2026-05-12T10:00:00+02:00",
        "registration_deadline": "2026-05-10T12:00:00+02:00",
        "status": "scheduled",
        "attendance_mode": "onsite",
        "venue_name": "Stadsbiblioteket",
        "municipality_codes": "1402; 1480",
        "county_codes": "14",
        "themes": "Industriell symbios",
        "organisers": "Västra Götalandsregionen",
    }
    for rows in (
        csv_rows(client.get("/sv/oppna-data/evenemang.csv")),
        xlsx_rows(client.get("/sv/oppna-data/evenemang.xlsx")),
    ):
        [row] = rows
        assert {name: str(row[name]) for name in expected} == expected
    document = json_file(client.get("/sv/oppna-data/evenemang.json"))
    [item] = document["rows"]
    assert item["municipalities"] == ["Partille", "Göteborg"]
    assert item["start"] == expected["start"]
    assert document["language"] == "sv"
    assert document["license"]["name"] == "CC-BY-4.0"
    assert json_file(client.get("/en/open-data/events.json"))["rows"] == []
