"""Kept pages (hub/page_cache.py) change when the clock passes a moment that changes them.

Nobody saves anything when an event starts or ends or its registration closes, so the content
version stays the same; the page kept before such a moment is not shown from it on.
"""

import pytest

from tests.factories import event
from tests.utils import assert_kept, card_titles, local, show_latest

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(home, calendar, types, frozen_now):
    """An event in Karlstad under way until 13:30, one at 14:00 and one in January."""
    show_latest(home, calendar)
    return [
        event(calendar, title, start, hours=hours, municipalities=["1780"], slug=slug)
        for title, start, hours, slug in [
            ("Pågår nu", local(2026, 11, 18, 11, 30), 2, "pagar-nu"),
            ("Eftermiddagsfika", local(2026, 11, 18, 14), 1, "fika"),
            ("Nätverksträff i januari", local(2027, 1, 13, 10), 3, "natverkstraff"),
        ]
    ]


SHOWING_COMING = ["/sv/evenemang/", "/sv/", "/sv/kommuner/karlstad/"]


def test_an_event_that_ends_leaves_the_coming_events_at_that_minute(
    client, page_cache, events, frozen_now
):
    """The calendar, home and municipality pages kept while it was under way drop it at once."""
    frozen_now.move_to(local(2026, 11, 18, 13, 25))
    for path in SHOWING_COMING:
        assert "Pågår nu" in client.get(path).text, path
    frozen_now.move_to(local(2026, 11, 18, 13, 29))
    for path in SHOWING_COMING:
        assert "Pågår nu" in assert_kept(client, path).text, path
    frozen_now.move_to(local(2026, 11, 18, 13, 31))
    for path in SHOWING_COMING:
        assert "Pågår nu" not in client.get(path).text, path
    assert card_titles(client.get("/sv/evenemang/?when=past")) == ["Pågår nu"]


def card(html, title):
    return html.split(f">{title}</a>")[1].split("</article>")[0]


def test_an_event_is_under_way_from_its_very_start(client, page_cache, events, frozen_now):
    frozen_now.move_to(local(2026, 11, 18, 13, 55))
    client.get("/sv/evenemang/")
    frozen_now.move_to(local(2026, 11, 18, 13, 59, 59))
    html = assert_kept(client, "/sv/evenemang/").text
    assert "Pågår just nu" not in card(html, "Eftermiddagsfika")
    frozen_now.move_to(local(2026, 11, 18, 14))
    html = client.get("/sv/evenemang/").text
    assert "Pågår just nu" in card(html, "Eftermiddagsfika")


def test_registration_closes_on_time_on_a_kept_page(client, page_cache, calendar, frozen_now):
    event(
        calendar,
        "Slutkonferens",
        local(2026, 12, 3, 8, 30),
        slug="slutkonferens",
        registration_url="https://example.org/anmalan",
        registration_deadline=local(2026, 11, 18, 15, 0),
    )
    frozen_now.move_to(local(2026, 11, 18, 14, 55))
    client.get("/sv/evenemang/slutkonferens/")
    frozen_now.move_to(local(2026, 11, 18, 14, 59))
    html = assert_kept(client, "/sv/evenemang/slutkonferens/").text
    assert '<a class="button" href="https://example.org/anmalan"' in html
    frozen_now.move_to(local(2026, 11, 18, 15, 1))
    html = client.get("/sv/evenemang/slutkonferens/").text
    assert "Anmälan är stängd." in html
    assert 'href="https://example.org/anmalan"' not in html


def test_a_kept_page_expires_by_the_next_moment(client, page_cache, events, frozen_now):
    """Proxies may keep the calendar no longer than until the next event ends."""
    frozen_now.move_to(local(2026, 11, 18, 13, 29, 30))
    response = client.get("/sv/evenemang/")
    assert response["Cache-Control"] == "public, max-age=0, must-revalidate, s-maxage=30"


def test_a_renamed_event_type_shows_on_the_kept_calendar_and_event(
    client, page_cache, events, frozen_now
):
    """Editing a snippet changes the content version, so kept pages showing it are not read."""
    kind = events[0].event_type
    paths = ["/sv/evenemang/", events[0].url]
    for path in paths:
        client.get(path)
        assert_kept(client, path)
    kind.name = "Klimatfika"
    kind.save()
    for path in paths:
        assert "Klimatfika" in client.get(path).text, path
