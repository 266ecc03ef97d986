"""Every view of the calendar has a calendar file of its coming events and RSS and Atom feeds
of its newest events."""

import re
from html import unescape

import pytest
from icalendar import Calendar

from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import EventPage
from tests.factories import event
from tests.utils import assert_kept, count_queries, local, parsed_feed, turn_on_page_cache

pytestmark = pytest.mark.django_db

WEBBFIKA_IN_KARLSTAD = "type=webbfika&municipality=karlstad"


def parse_calendar(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def summaries(calendar):
    return [str(component["SUMMARY"]) for component in calendar.walk("VEVENT")]


@pytest.fixture
def events(calendar, types, themes, frozen_now):
    """Webbfikor in Karlstad (one over, two coming: one in winter time, one in summer time),
    one online only, and a conference in Karlstad."""
    return {
        "over": event(
            calendar,
            "Webbfika som varit",
            local(2026, 11, 4, 14),
            municipalities=["1780"],
            event_type=types["webbfika"],
        ),
        "december": event(
            calendar,
            "Webbfika om värmepumpar",
            local(2026, 12, 9, 14),
            hours=0.75,
            municipalities=["1780"],
            themes=[themes["coach"]],
            event_type=types["webbfika"],
        ),
        "summer": event(
            calendar,
            "Webbfika om solceller",
            local(2027, 6, 2, 9, 30),
            municipalities=["1780", "1784"],
            event_type=types["webbfika"],
        ),
        "online": event(
            calendar,
            "Webbfika för alla",
            local(2026, 12, 1, 10),
            event_type=types["webbfika"],
        ),
        "conference": event(
            calendar,
            "Klimatkonferens i Karlstad",
            local(2027, 1, 20, 9),
            municipalities=["1780"],
            event_type=types["konferens"],
        ),
    }


def test_filtered_calendar_file_holds_exactly_the_matching_coming_events(client, events):
    """Webbfikor in Karlstad: the two coming ones, soonest first, at their Swedish times in
    winter and in summer, in a calendar named after the view."""
    calendar = parse_calendar(client.get(f"/sv/evenemang/ical/?{WEBBFIKA_IN_KARLSTAD}"))
    # An X- property is read back as written, its comma escaped as in any TEXT value.
    assert str(calendar["X-WR-CALNAME"]) == "Klimathubben: Webbfika\\, Karlstad"
    assert summaries(calendar) == ["Webbfika om värmepumpar", "Webbfika om solceller"]
    december, summer = calendar.walk("VEVENT")
    assert december["DTSTART"].params["TZID"] == "Europe/Stockholm"
    assert december["DTSTART"].dt == local(2026, 12, 9, 14)
    assert december["DTEND"].dt == local(2026, 12, 9, 14, 45)
    assert december["DTSTART"].dt.utcoffset().total_seconds() == 3600
    assert summer["DTSTART"].dt == local(2027, 6, 2, 9, 30)
    assert summer["DTSTART"].dt.utcoffset().total_seconds() == 7200
    assert str(december["URL"]) == "http://testserver/sv/evenemang/webbfika-om-varmepumpar/"
    assert summaries(parse_calendar(client.get("/sv/evenemang/ical/?theme=energicoachning"))) == [
        "Webbfika om värmepumpar"
    ]


def test_tab_month_page_and_unknown_values_do_not_change_the_calendar_file(client, events):
    """What only narrows by time, the page, unknown values and odd input are not followed."""
    expected = summaries(parse_calendar(client.get(f"/sv/evenemang/ical/?{WEBBFIKA_IN_KARLSTAD}")))
    for query in [
        "when=past&month=2026-11&page=3&sort=title",
        "theme=finns-inte&mode=%00",
        "month=2026-13&when=<script>&page=-1",
        "&".join(f"theme=t{n}" for n in range(500)),
        "theme=" + "x" * 20000,
    ]:
        calendar = parse_calendar(client.get(f"/sv/evenemang/ical/?{WEBBFIKA_IN_KARLSTAD}&{query}"))
        assert summaries(calendar) == expected, query
    assert len(summaries(parse_calendar(client.get("/sv/evenemang/ical/?type=dans")))) == 4


def test_filtered_rss_and_atom_list_the_newest_matching_events(client, events, frozen_now):
    """The feeds list matching events newest published first, coming or past, with their
    time in the description."""
    latest = event(
        events["over"].get_parent(),
        "Webbfika om laddstolpar",
        local(2027, 2, 3, 14),
        municipalities=["1780"],
        event_type=events["over"].event_type,
    )
    EventPage.objects.filter(pk=latest.pk).update(first_published_at=local(2026, 11, 19, 8))
    for path, version in [("rss", "rss20"), ("atom", "atom10")]:
        feed = parsed_feed(client.get(f"/sv/evenemang/{path}/?{WEBBFIKA_IN_KARLSTAD}"), version)
        assert feed.feed.title == "Klimathubben: Webbfika, Karlstad"
        assert feed.feed.link == f"http://testserver/sv/evenemang/?{WEBBFIKA_IN_KARLSTAD}"
        titles = [entry.title for entry in feed.entries]
        assert titles[0] == "Webbfika om laddstolpar"
        assert set(titles) == {
            "Webbfika om laddstolpar",
            "Webbfika som varit",
            "Webbfika om värmepumpar",
            "Webbfika om solceller",
        }
        first = feed.entries[0]
        assert first.link == "http://testserver/sv/evenemang/webbfika-om-laddstolpar/"
        assert "3 februari 2027 14:00. Om Webbfika om laddstolpar." in first.summary


def test_the_calendar_links_to_the_feeds_of_its_view(client, events):
    """The head announces and the results offer the view's feeds with its filters, without
    the tab, the month, the page or unknown values; the calendar file as a subscription."""
    html = client.get(
        f"/sv/evenemang/?{WEBBFIKA_IN_KARLSTAD}&when=past&month=2026-11&theme=finns-inte&page=1"
    ).content.decode()
    query = WEBBFIKA_IN_KARLSTAD.replace("&", "&amp;")
    title = "Klimathubben: Webbfika, Karlstad"
    for media_type, label, route in [
        ("application/rss+xml", "RSS", "rss"),
        ("application/atom+xml", "Atom", "atom"),
        ("text/calendar", "iCal", "ical"),
    ]:
        assert (
            f'<link rel="alternate" type="{media_type}" title="{title} ({label})" '
            f'href="/sv/evenemang/{route}/?{query}">'
        ) in html
    follow = re.search(r'<p class="follow">(.*?)</p>', html, re.S).group(1)
    assert follow.startswith("Följ den här listan:")
    links = re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', follow)
    assert links == [
        (f"/sv/evenemang/rss/?{query}", "RSS"),
        (f"/sv/evenemang/atom/?{query}", "Atom"),
        (f"webcal://testserver/sv/evenemang/ical/?{query}", "Kalender (iCal)"),
    ]
    for href, _label in links:
        assert client.get(unescape(href).replace("webcal://testserver", "")).status_code == 200


def test_a_published_event_shows_in_the_kept_calendar_file_at_once(client, settings, events, types):
    """With the page cache on, the filtered calendar file is kept like a page, and the next
    fetch after a matching event is published shows it."""
    turn_on_page_cache(settings)
    path = f"/sv/evenemang/ical/?{WEBBFIKA_IN_KARLSTAD}"
    client.get(path)
    assert_kept(client, path)
    new = event(
        events["over"].get_parent(),
        "Webbfika om cykelvägar",
        local(2026, 12, 16, 14),
        municipalities=["1780"],
        event_type=types["webbfika"],
    )
    new.save_revision().publish()
    assert "Webbfika om cykelvägar" in summaries(parse_calendar(client.get(path)))
    new.unpublish()
    assert "Webbfika om cykelvägar" not in summaries(parse_calendar(client.get(path)))


@pytest.mark.parametrize("matching", [5, 30])
def test_filtered_calendar_feeds_run_the_same_queries_for_5_or_30_events(
    client, calendar, types, frozen_now, matching
):
    """Whether 5 or 30 match: the content version, the page, and the events with their types
    and places (the feeds), or the events' ids alone (the calendar file, whose events' lines
    are kept once made). The event types and themes offered come from the remembered
    vocabularies."""
    for number in range(matching):
        event(
            calendar,
            f"Webbfika {number}",
            local(2026, 12, 1 + number % 28, 14),
            municipalities=["1780"],
            event_type=types["webbfika"],
        )
    event(calendar, "Konferens", local(2026, 12, 2, 9), event_type=types["konferens"])
    for route, queries in [("ical", 3), ("rss", 4), ("atom", 4)]:
        path = f"/sv/evenemang/{route}/?{WEBBFIKA_IN_KARLSTAD}"
        assert count_queries(client, path) == queries, route
    assert len(summaries(parse_calendar(client.get(path.replace("atom", "ical"))))) == matching


def test_a_calendar_file_asked_again_reads_only_its_events_ids(
    client, calendar, types, frozen_now, django_capture_on_commit_callbacks
):
    """Each event's lines are made once per content version: the file asked again reads
    neither the events' rows nor their organisers, and an event published since shows as
    published."""
    webinar = event(calendar, "Webbfika om vätgas", local(2026, 12, 3, 14))
    first = client.get("/sv/evenemang/ical/")
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/sv/evenemang/ical/")
    assert summaries(parse_calendar(again)) == summaries(parse_calendar(first))
    assert not [query for query in queries if "organis" in query["sql"]]

    webinar.title = "Webbfika om biogas"
    with django_capture_on_commit_callbacks(execute=True):
        webinar.save_revision().publish()
    assert "Webbfika om biogas" in summaries(parse_calendar(client.get("/sv/evenemang/ical/")))
