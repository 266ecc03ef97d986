import re
from datetime import timedelta

import pytest

from tests.factories import ThemeFactory, event
from tests.utils import card_titles, count_queries, local

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(calendar, types, frozen_now):
    energy = ThemeFactory(name="Energi", slug="energi")
    return {
        "last_month": event(
            calendar,
            "Slutkonferens",
            local(2026, 10, 20, 9, 30),
            hours=7,
            event_type=types["konferens"],
            attendance_mode="onsite",
            venue_name="Stadshuset",
            venue_address="Kalmar",
        ),
        "yesterday": event(
            calendar, "Webbfika i går", local(2026, 11, 17, 14), event_type=types["webbfika"]
        ),
        "now": event(
            calendar, "Pågår nu", local(2026, 11, 18, 11, 30), hours=2, event_type=types["webbfika"]
        ),
        "friday": event(
            calendar,
            "Klimatfrukost på fredag",
            local(2026, 11, 20, 7, 30),
            event_type=types["klimatfrukost"],
            attendance_mode="onsite",
            venue_name="Energikontoret",
            venue_address="Kalmar",
            municipalities=["0880"],
            themes=[energy],
        ),
        "december": event(
            calendar, "Webbfika i december", local(2026, 12, 9, 14), event_type=types["webbfika"]
        ),
        "january": event(
            calendar,
            "Nätverksträff i januari",
            local(2027, 1, 13, 10),
            event_type=types["konferens"],
            attendance_mode="hybrid",
            venue_name="Rådhuset",
            venue_address="Karlstad",
            municipalities=["1780"],
        ),
    }


def test_coming_events_soonest_first(client, programme):
    """The calendar opens on events that have not ended, soonest first."""
    assert card_titles(client.get("/sv/evenemang/")) == [
        "Pågår nu",
        "Klimatfrukost på fredag",
        "Webbfika i december",
        "Nätverksträff i januari",
    ]


def test_past_events_newest_first(client, programme):
    """Past events are one click away, newest first."""
    past = card_titles(client.get("/sv/evenemang/?when=past"))
    assert past == ["Webbfika i går", "Slutkonferens"]


def test_an_event_moves_to_past_by_itself_when_it_ends(client, programme, frozen_now):
    """No job runs: once the clock passes the end, the event is listed as past."""
    assert "Pågår nu" in card_titles(client.get("/sv/evenemang/"))
    frozen_now.move_to(local(2026, 11, 18, 13, 31))
    assert "Pågår nu" not in card_titles(client.get("/sv/evenemang/"))
    assert card_titles(client.get("/sv/evenemang/?when=past"))[0] == "Pågår nu"


def test_this_week_and_under_way_markers(client, programme):
    """Events this week are marked, and so is the one under way."""
    html = client.get("/sv/evenemang/").content.decode()
    friday = html.split("Klimatfrukost på fredag")[1].split("</article>")[0]
    assert "Denna vecka" in friday
    december = html.split("Webbfika i december")[1].split("</article>")[0]
    assert "Denna vecka" not in december
    now = html.split("Pågår nu")[1].split("</article>")[0]
    assert "Pågår just nu" in now


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("type=webbfika", ["Pågår nu", "Webbfika i december"]),
        ("theme=energi", ["Klimatfrukost på fredag"]),
        ("month=2026-12", ["Webbfika i december"]),
        ("mode=hybrid", ["Nätverksträff i januari"]),
        ("municipality=karlstad", ["Nätverksträff i januari"]),
        ("type=webbfika&month=2026-11", ["Pågår nu"]),
        ("when=past&type=konferens", ["Slutkonferens"]),
    ],
)
def test_filters(client, programme, query, expected):
    """Type, theme, month, attendance mode and municipality narrow the list and combine."""
    assert card_titles(client.get(f"/sv/evenemang/?{query}")) == expected


@pytest.mark.parametrize(
    ("query", "notice"),
    [
        ("month=2026-13", "2026-13"),
        ("month=igår", "igår"),
        ("type=dans", "dans"),
        ("theme=%00", "filtervärdet"),
        ("when=sometime", "kommande"),
        ("page=99999999999", "Det finns bara"),
        ("municipality=' OR 1=1 --", "OR 1=1"),
    ],
)
def test_bad_filter_values_give_a_notice_not_an_error(client, programme, query, notice):
    """Month 13, unknown types and other odd values are ignored with a visible notice."""
    response = client.get(f"/sv/evenemang/?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="notice" role="status"' in html
    assert notice in html


def test_month_options_are_the_months_with_events(client, programme):
    """The month filter offers only months that have events, in Swedish."""
    html = client.get("/sv/evenemang/").content.decode()
    months = re.findall(r'<option value="(\d{4}-\d{2})"[^>]*>([^<]+)</option>', html)
    assert months == [
        ("2026-11", "November 2026"),
        ("2026-12", "December 2026"),
        ("2027-01", "Januari 2027"),
    ]


@pytest.mark.parametrize(
    ("query", "chosen"),
    [
        # No conference in December; nothing at all in May 2027.
        ("type=konferens&month=2026-12", '<option value="2026-12" selected>December 2026</option>'),
        ("month=2027-05", '<option value="2027-05" selected>Maj 2027</option>'),
    ],
)
def test_a_chosen_month_without_events_stays_chosen(client, programme, query, chosen):
    """A month that gives no events with the other filters is still the chosen month."""
    html = client.get(f"/sv/evenemang/?{query}").content.decode()
    assert "0 kommande evenemang" in html
    assert chosen in html
    assert 'class="notice"' not in html


def test_empty_filters_redirect_to_a_clean_address(client, programme):
    """The filter form's empty fields are dropped by a redirect; the chosen ones stay."""
    response = client.get(
        "/sv/evenemang/?when=upcoming&type=&theme=&month=2026-12&mode=&municipality="
    )
    assert response.status_code == 302
    assert response["Location"] == "/sv/evenemang/?when=upcoming&month=2026-12"
    assert card_titles(client.get(response["Location"])) == ["Webbfika i december"]


def test_empty_calendar_invites_a_subscription(client, calendar, frozen_now):
    """With nothing planned, the page says so and offers the calendar feed."""
    html = client.get("/sv/evenemang/").content.decode()
    assert "Just nu finns inga planerade evenemang." in html
    assert 'href="webcal://testserver/sv/evenemang/ical/"' in html


def test_calendar_query_count_does_not_grow(client, calendar, types, frozen_now):
    """The calendar runs the same number of queries for 10 or 60 events."""

    def add(count, offset):
        for number in range(count):
            event(
                calendar,
                f"Träff {offset + number}",
                local(2026, 12, 1, 9) + timedelta(days=number),
                event_type=types["webbfika"],
                municipalities=["1780", "0880"],
            )

    add(10, 0)
    few = count_queries(client, "/sv/evenemang/")
    add(50, 10)
    assert count_queries(client, "/sv/evenemang/") == few
    # Routing (~9), home pages, menu, footer, breadcrumbs, translations (5), types, themes,
    # municipalities, months, the count and page, prefetched municipalities.
    assert few <= 24


def test_series_page_lists_coming_and_past_occurrences(client, calendar, types, frozen_now):
    """The monthly webbfika's page shows the next occurrences and the earlier ones."""
    from events.models import EventSeriesPage

    series = EventSeriesPage(title="Webbfika", slug="webbfika", introduction="Varje månad.")
    calendar.add_child(instance=series)
    for day, title in [(4, "Oktoberfika"), (25, "Novemberfika"), (16, "Decemberfika")]:
        month = {"Oktoberfika": 10, "Novemberfika": 11, "Decemberfika": 12}[title]
        event(
            calendar,
            title,
            local(2026, month, day, 14),
            series=series,
            event_type=types["webbfika"],
        )
    event(calendar, "Annan träff", local(2026, 12, 1, 9), event_type=types["webbfika"])
    html = client.get("/sv/evenemang/webbfika/").content.decode()
    coming = html.split('id="upcoming-heading"')[1].split('id="past-heading"')[0]
    earlier = html.split('id="past-heading"')[1]
    assert coming.index("Novemberfika") < coming.index("Decemberfika")
    assert "Oktoberfika" in earlier and "Oktoberfika" not in coming
    assert "Annan träff" not in html
    feed = client.get("/sv/evenemang/webbfika/ical/").content.decode()
    assert "SUMMARY:Novemberfika" in feed and "Oktoberfika" not in feed
    # Once the November fika has ended it is among the earlier ones, with no edit in between.
    frozen_now.move_to(local(2026, 11, 26, 12, 0))
    html = client.get("/sv/evenemang/webbfika/").content.decode()
    coming = html.split('id="upcoming-heading"')[1].split('id="past-heading"')[0]
    earlier = html.split('id="past-heading"')[1]
    assert "Novemberfika" not in coming and "Decemberfika" in coming
    assert earlier.index("Novemberfika") < earlier.index("Oktoberfika")


def test_series_page_pages_through_its_past_occurrences(client, calendar, types, frozen_now):
    """A long-running series shows its latest past occurrences and links to earlier pages."""
    from events.models import EventSeriesPage

    series = EventSeriesPage(title="Klimatfrukost", slug="klimatfrukost")
    calendar.add_child(instance=series)
    for number in range(EventSeriesPage.PAST_PER_PAGE + 3):
        event(
            calendar,
            f"Frukost nummer {number:02d}",
            local(2025, 1, 1, 8) + timedelta(days=7 * number),
            series=series,
            event_type=types["klimatfrukost"],
        )
    first = client.get("/sv/evenemang/klimatfrukost/").content.decode()
    assert first.count('<article class="card card--event') == EventSeriesPage.PAST_PER_PAGE
    assert "Frukost nummer 14" in first and "Frukost nummer 02" not in first
    assert 'href="?page=2" rel="next"' in first
    second = client.get("/sv/evenemang/klimatfrukost/?page=2").content.decode()
    assert second.count('<article class="card card--event') == 3
    assert "Frukost nummer 02" in second and "(sida 2)" in second
    odd = client.get("/sv/evenemang/klimatfrukost/?page=999").content.decode()
    assert "Frukost nummer 00" in odd and "sidor" in odd


def test_kept_months_places_and_tags_follow_changes_and_time(
    client, calendar, programme, types, frozen_now
):
    """The calendar's kept months, places and tags change with content and with the clock."""

    def months(query=""):
        html = client.get(f"/sv/evenemang/{query}").content.decode()
        return [
            value
            for value, _label in re.findall(r'<option value="(\d{4}-\d{2})"[^>]*>([^<]+)<', html)
        ]

    assert months() == ["2026-11", "2026-12", "2027-01"]
    assert 'value="lund"' not in client.get("/sv/evenemang/").content.decode()
    march = event(
        calendar, "Tematräff i mars", local(2027, 3, 3, 13), event_type=types["konferens"],
        municipalities=["1281"],
    )  # fmt: skip
    march.tags.add("bikupa")
    march.save()
    html = client.get("/sv/evenemang/").content.decode()
    assert months() == ["2026-11", "2026-12", "2027-01", "2027-03"]
    assert 'value="lund"' in html
    assert 'href="/sv/taggar/bikupa/"' in html
    # Once everything has ended, every month is a past month, without anything being saved.
    frozen_now.move_to(local(2027, 6, 1, 12))
    assert months() == []
    assert months("?when=past") == ["2027-03", "2027-01", "2026-12", "2026-11", "2026-10"]


def test_a_card_says_this_week_when_its_week_comes(client, programme, frozen_now):
    """Nothing is edited between the two visits: the card follows the clock all the same."""

    def december_card():
        html = client.get("/sv/evenemang/").content.decode()
        return html.split("Webbfika i december")[1].split("</article>")[0]

    assert "Denna vecka" not in december_card()
    frozen_now.move_to(local(2026, 12, 7, 9, 0))  # the Monday of its week
    assert "Denna vecka" in december_card()


def test_the_calendar_shown_again_renders_none_of_its_cards(client, programme):
    """Each event's card is made once per content version and kept."""
    first = client.get("/sv/evenemang/")
    again = client.get("/sv/evenemang/")
    assert "components/event_card.html" in [template.name for template in first.templates]
    assert "components/event_card.html" not in [template.name for template in again.templates]
    assert card_titles(again) == card_titles(first)
