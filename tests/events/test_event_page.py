import base64
import hashlib
import json
import re

import pytest

from events.models import EventSeriesPage, EventSpeaker
from hub.models import Organisation
from tests.factories import (
    ContactFactory,
    EventIndexPageFactory,
    OrganisationFactory,
    event,
    translation_of,
)
from tests.utils import count_queries, local

pytestmark = pytest.mark.django_db

BIKUPOR = {
    "type": "workshop_session",
    "value": {
        "title": "Bikupor",
        "duration": 10,
        "instructions": "<p>Prata i smågrupper vid bordet där du sitter.</p>",
        "questions": [
            "Vad är det mest värdefulla du tar med dig från dagen?",
            "Vad saknas för att utsläppen ska börja minska snabbare?",
            "Vad behöver du för att komma framåt snabbare?",
            "Vad är nästa steg när du kommer hem?",
        ],
        "facilitator_notes": "<p>Samla in en sak från varje bord.</p>",
    },
    "id": "11111111-2222-3333-4444-555555555555",
}


@pytest.fixture
def conference(calendar, types, frozen_now):
    agency = OrganisationFactory(name="Energikontor Syd", kind=Organisation.Kind.ENERGY_AGENCY)
    page = event(
        calendar,
        "Slutkonferens om koldioxidbudgetar",
        local(2026, 12, 3, 9, 30),
        slug="slutkonferens",
        end=local(2026, 12, 3, 16, 0),
        event_type=types["konferens"],
        attendance_mode="hybrid",
        venue_name="Stadshuset",
        venue_address="Kalmar",
        join_url="https://example.org/slutkonferens",
        registration_url="https://example.org/anmalan",
        registration_deadline=local(2026, 11, 26, 23, 59),
        organisers=[agency],
        programme=[
            {"type": "item", "value": {"time": "09:30", "end_time": "10:00", "title": "Välkommen"}},
            {
                "type": "item",
                "value": {"time": "14:00", "title": "Bikupor", "description": "Tio minuter"},
            },
        ],
        material=[BIKUPOR],
    )
    EventSpeaker.objects.create(
        page=page, contact=ContactFactory(name="Sara Holm", role="Projektledare")
    )
    return page


def test_event_page_says_when_where_and_how(client, conference):
    """Date in Swedish, local times, place, join link, organiser and programme."""
    html = client.get("/sv/evenemang/slutkonferens/").content.decode()
    assert "Torsdag 3 december 2026, 09.30–16.00" in html
    assert "Stadshuset" in html and "Kalmar" in html
    assert 'href="https://example.org/slutkonferens"' in html
    assert "Energikontor Syd" in html
    assert "Sara Holm" in html
    assert '<span class="programme__time">09.30–10.00</span>' in html


def essentials(html):
    """The when/where block at the top of an event page."""
    return html.split('class="event-essentials"')[1].split("</section>")[0]


def test_when_where_and_registration_come_first(client, conference):
    """Date, place, the register button and 'add to calendar' sit right under the title."""
    html = client.get("/sv/evenemang/slutkonferens/").content.decode()
    top = essentials(html)
    assert html.index("<h1>") < html.index('class="event-essentials"')
    assert html.index('class="event-essentials"') < html.index('<p class="lead">')
    assert html.index('<p class="lead">') < html.index('id="programme-heading"')
    assert "Torsdag 3 december 2026, 09.30–16.00" in top
    assert "Stadshuset, Kalmar" in top and "och digitalt" in top
    assert 'href="https://example.org/slutkonferens"' in top
    assert '<a class="button" href="https://example.org/anmalan"' in top
    assert "Sista anmälningsdag: 26 november 2026, 23.59" in top
    assert 'href="/sv/evenemang/slutkonferens/ical/" download>Lägg till i kalendern' in top
    # Shown once: the facts lower down no longer repeat them.
    for text in ["Anmäl dig", "Lägg till i kalendern", "Anslut till mötet", "Torsdag 3 december"]:
        assert html.count(text) == 1, text
    assert "Så deltar du" not in html


def test_top_block_says_when_registration_has_closed_or_the_event_ended(
    client, conference, frozen_now
):
    """After the deadline the block says so; after the event, the notice says it has ended."""
    frozen_now.move_to(local(2026, 11, 27, 0, 1))
    top = essentials(client.get("/sv/evenemang/slutkonferens/").content.decode())
    assert "Anmälan är stängd." in top and "Anmäl dig" not in top
    assert "Lägg till i kalendern" in top
    frozen_now.move_to(local(2026, 12, 4, 9, 0))
    html = client.get("/sv/evenemang/slutkonferens/").content.decode()
    top = essentials(html)
    assert html.index("Evenemanget är avslutat.") < html.index('class="event-essentials"')
    assert "Torsdag 3 december 2026" in top
    assert "Anmäl" not in top and "Lägg till i kalendern" not in top
    assert "Anslut till mötet" not in html


def test_type_and_series_of_the_same_name_show_once(client, calendar, types, frozen_now):
    """A webbfika in the Webbfika series reads 'Webbfika' once, and 'Digitalt' once."""
    series = EventSeriesPage(title="Webbfika", slug="webbfika-serien")
    calendar.add_child(instance=series)
    event(
        calendar,
        "Webbfika om incitament",
        local(2026, 12, 9, 14),
        slug="incitament",
        event_type=types["webbfika"],
        series=series,
        join_url="https://example.org/webbfika",
    )
    html = client.get("/sv/evenemang/incitament/").content.decode()
    assert '<p class="event__type"><a href="/sv/evenemang/webbfika-serien/">Webbfika</a></p>' in (
        html
    )
    assert html.count("Digitalt") == 1
    other = event(
        calendar,
        "Frukost om solceller",
        local(2026, 12, 10, 8),
        slug="frukost",
        event_type=types["klimatfrukost"],
        series=series,
    )
    html = client.get(other.url).content.decode()
    assert "Klimatfrukost · <a" in html


def test_programme_times_read_like_the_date_line(client, home_en, calendar, conference):
    """Swedish programme times use a full stop (09.30), English ones a colon (09:30)."""
    html = client.get("/sv/evenemang/slutkonferens/").content.decode()
    assert '<span class="programme__time">09.30–10.00</span>' in html
    assert '<span class="programme__time">14.00</span>' in html
    calendar_en = translation_of(
        calendar, "en", EventIndexPageFactory, title="Events", slug="events"
    )
    event(
        calendar_en,
        "Closing conference on carbon budgets",
        local(2026, 12, 3, 9, 30),
        slug="closing-conference",
        end=local(2026, 12, 3, 16, 0),
        event_type=conference.event_type,
        translation_key=conference.translation_key,
        programme=conference.programme.raw_data,
    )
    html = client.get("/en/events/closing-conference/").content.decode()
    assert "Thursday 3 December 2026, 09:30–16:00" in html
    assert '<span class="programme__time">09:30–10:00</span>' in html
    assert '<span class="programme__time">14:00</span>' in html


def test_registration_closes_after_the_deadline(client, conference, frozen_now):
    """The register button shows until the deadline, then says registration is closed."""
    html = client.get("/sv/evenemang/slutkonferens/").content.decode()
    assert '<a class="button" href="https://example.org/anmalan"' in html
    assert "Sista anmälningsdag: 26 november 2026, 23.59" in html
    frozen_now.move_to(local(2026, 11, 27, 0, 1))
    html = client.get("/sv/evenemang/slutkonferens/").content.decode()
    assert "Anmälan är stängd." in html
    assert 'href="https://example.org/anmalan"' not in html


def test_ended_event_says_so_and_leads_with_its_material(client, conference, frozen_now):
    """After the event, the page says it has ended and shows the material first."""
    frozen_now.move_to(local(2026, 12, 4, 9, 0))
    html = client.get("/sv/evenemang/slutkonferens/").content.decode()
    assert "Evenemanget är avslutat. Materialet finns nedan." in html
    assert html.index("Material från evenemanget") < html.index('id="programme-heading"')
    assert "Lägg till i kalendern" not in html
    assert "Vad saknas för att utsläppen ska börja minska snabbare?" in html


def test_add_to_calendar_on_coming_events(client, conference):
    """A coming event offers its own calendar file."""
    html = client.get("/sv/evenemang/slutkonferens/").content.decode()
    assert 'href="/sv/evenemang/slutkonferens/ical/" download>Lägg till i kalendern' in html


def test_workshop_session_has_a_printable_view(client, conference):
    """The bikupor round prints on its own for the tables, with all four questions."""
    html = client.get("/sv/evenemang/slutkonferens/").content.decode()
    link = "/sv/evenemang/slutkonferens/workshop/11111111-2222-3333-4444-555555555555/"
    assert f'href="{link}"' in html
    printable = client.get(link).content.decode()
    assert "<h1>Bikupor" in printable and "(10 minuter)" in printable
    assert printable.count("<li>Vad ") == 4
    assert "Samla in en sak från varje bord." in printable


@pytest.mark.parametrize("block_id", ["unknown", "00000000-0000-0000-0000-000000000000", "x" * 300])
def test_unknown_workshop_session_is_a_404(client, conference, block_id):
    """A made-up session address is not found."""
    assert client.get(f"/sv/evenemang/slutkonferens/workshop/{block_id}/").status_code == 404


def structured_data(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return match.group(1), json.loads(match.group(1))


def test_schema_org_event_data(client, conference):
    """Search engines get the event as schema.org JSON-LD, allowed by its hash in the CSP."""
    response = client.get("/sv/evenemang/slutkonferens/")
    text, data = structured_data(response.content.decode())
    digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in response["Content-Security-Policy"]
    assert "nonce-" not in response["Content-Security-Policy"]
    assert data["@type"] == "Event"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert data["startDate"].startswith("2026-12-03T08:30:00")
    assert {item["@type"] for item in data["location"]} == {"Place", "VirtualLocation"}
    assert data["organizer"] == [{"@type": "Organization", "name": "Energikontor Syd"}]
    assert data["offers"]["url"] == "https://example.org/anmalan"
    assert data["offers"]["availability"] == "https://schema.org/InStock"


def test_schema_org_data_cannot_break_out_of_its_script(client, calendar, types, frozen_now):
    """A title with </script> stays inside the JSON."""
    event(
        calendar,
        "Slut </script><script>alert(1)</script>",
        local(2026, 12, 1, 9),
        slug="farligt",
        event_type=types["webbfika"],
    )
    html = client.get("/sv/evenemang/farligt/").content.decode()
    assert "<script>alert(1)" not in html
    assert structured_data(html)[1]["name"] == "Slut </script><script>alert(1)</script>"


def test_cancelled_event_is_marked(client, conference):
    """A cancelled event says so on the page and in its data."""
    conference.status = "cancelled"
    conference.save()
    html = client.get("/sv/evenemang/slutkonferens/").content.decode()
    assert "Evenemanget är inställt." in html
    assert structured_data(html)[1]["eventStatus"] == "https://schema.org/EventCancelled"


def test_event_page_query_count_is_bounded(client, conference, calendar, types):
    """More speakers, organisers and material do not add queries."""

    few = count_queries(client, "/sv/evenemang/slutkonferens/")
    for _number in range(5):
        conference.event_speakers.create(contact=ContactFactory(organisation=OrganisationFactory()))
        conference.organisers.add(OrganisationFactory())
    conference.material = [BIKUPOR, {**BIKUPOR, "id": "21111111-2222-3333-4444-555555555555"}]
    conference.save()
    assert count_queries(client, "/sv/evenemang/slutkonferens/") == few
    # Routing (~9), home pages, menu, footer, breadcrumbs, translations (5); the calendar page;
    # type, organisers, speakers, themes, municipalities, tags; related case studies (3).
    assert few <= 26
