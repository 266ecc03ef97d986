"""iCalendar (RFC 5545) files and subscribable feeds of events.

Written line by line: the feed of every coming event is read by calendar apps every few hours,
and building it as objects with the `icalendar` library took about half a millisecond an event
(70 ms for 120 events). Each event's lines are made once per content version, site and
language in each worker (hub/versions.py), so a feed asked for again reads its events' ids and
nothing else of them. The tests read every file back with that library.
"""

from datetime import UTC
from urllib.parse import urlparse

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language

from hub.languages import locale_codes
from hub.page_urls import page_url
from hub.timezones import STOCKHOLM
from hub.versions import remember_each

ICAL_STATUS = {"scheduled": "CONFIRMED", "postponed": "TENTATIVE", "cancelled": "CANCELLED"}
# Sweden's rules since 1996: summer time from the last Sunday of March to that of October.
STOCKHOLM_VTIMEZONE = [
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Stockholm",
    "BEGIN:DAYLIGHT",
    "TZNAME:CEST",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "DTSTART:19810329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZNAME:CET",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "DTSTART:19961027T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
]


def calendar_domain():
    return urlparse(settings.SITE_BASE_URL).hostname or "klimathubben.localhost"


def event_uid(event):
    """Stable across edits and moves: the page's translation key plus its language."""
    language = locale_codes().get(event.locale_id) or event.locale.language_code
    return f"{event.translation_key}-{language}@{calendar_domain()}"


def organiser_names(events):
    """{event id: its organisers' names, joined}: one query for every event of a file."""
    if not events:
        return {}
    links = type(events[0]).organisers.through.objects.filter(
        eventpage_id__in=[event.pk for event in events]
    )
    names = {}
    for event_id, name in links.order_by("organisation__name").values_list(
        "eventpage_id", "organisation__name"
    ):
        names.setdefault(event_id, []).append(name)
    return {event_id: ", ".join(each) for event_id, each in names.items()}


def text(value):
    """A TEXT value (RFC 5545, 3.3.11): backslashes, semicolons, commas and newlines escaped."""
    value = str(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def parameter(value):
    """A parameter value, quoted when it holds a separator; double quotes cannot be quoted."""
    value = str(value).replace('"', "'")
    return f'"{value}"' if any(mark in value for mark in ":;,") else value


def fold(line):
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545, 3.1),
    never inside a character."""
    data = line.encode()
    if len(data) <= 75:
        return line
    parts, start, limit = [], 0, 75
    while len(data) - start > limit:
        end = start + limit
        while data[end] & 0xC0 == 0x80:  # a UTF-8 continuation byte: back to the start
            end -= 1
        parts.append(data[start:end])
        start, limit = end, 74
    parts.append(data[start:])
    return b"\r\n ".join(parts).decode()


def utc_time(moment):
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def local_time(moment):
    return timezone.localtime(moment, STOCKHOLM).strftime("%Y%m%dT%H%M%S")


# Where the DTSTAMP line, the moment the file is made, goes among an event's lines.
STAMP_AT = 4


def event_lines(event, request, organisers):
    """The event's lines, folded, without its DTSTAMP (which goes at `STAMP_AT`)."""
    url = request.build_absolute_uri(page_url(event, request))
    description = f"{event.summary}\n\n{url}"
    lines = [
        "BEGIN:VEVENT",
        f"SUMMARY:{text(event.title)}",
        f"DTSTART;TZID=Europe/Stockholm:{local_time(event.start)}",
        f"DTEND;TZID=Europe/Stockholm:{local_time(event.end)}",
        f"UID:{text(event_uid(event))}",
        f"CATEGORIES:{text(event.event_type.name)}",
        f"DESCRIPTION:{text(description)}",
    ]
    if event.last_published_at:
        lines.append(f"LAST-MODIFIED:{utc_time(event.last_published_at)}")
    place = ", ".join(part for part in (event.venue_name, event.venue_address) if part)
    if event.is_onsite and place:
        lines.append(f"LOCATION:{text(place)}")
    elif event.join_url:
        lines.append(f"LOCATION:{text(event.join_url)}")
    name = parameter(organisers or settings.WAGTAIL_SITE_NAME)
    lines.append(f"ORGANIZER;CN={name}:mailto:{settings.EVENTS_CONTACT_EMAIL}")
    lines.append(f"STATUS:{ICAL_STATUS.get(event.status, 'CONFIRMED')}")
    lines.append(f"URL:{url}")
    if event.join_url:
        lines.append(f"CONFERENCE;VALUE=URI:{event.join_url}")
    lines.append("END:VEVENT")
    return [fold(line) for line in lines]


def lines_of_events(request, events):
    """[lines of each event] in the order of `events`. From a queryset, each event's lines
    are kept per content version, site and language, and only the events not kept yet are
    read; a list of events is written as it is."""
    if not hasattr(events, "values_list"):
        return list(make_lines(request, list(events)).values())

    def missing(ids):
        return make_lines(request, list(events.filter(pk__in=ids)))

    site = (request.scheme, request.get_host(), get_language())
    ids = list(events.values_list("pk", flat=True))
    return remember_each(("calendar event", *site), ids, missing)


def make_lines(request, events):
    """{id: lines} of `events`, their organisers read for them all at once."""
    organisers = organiser_names(events)
    return {event.pk: event_lines(event, request, organisers.get(event.pk, "")) for event in events}


def build_calendar(request, events, name):
    """The calendar file's text, CRLF line ends."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Klimathubben//Evenemang//SV",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{text(name)}",
        "X-WR-TIMEZONE:Europe/Stockholm",
        "X-PUBLISHED-TTL:PT6H",
    ]
    lines.extend(STOCKHOLM_VTIMEZONE)
    lines = [fold(line) for line in lines]
    stamp = f"DTSTAMP:{utc_time(timezone.now())}"
    for each in lines_of_events(request, events):
        lines.extend(each[:STAMP_AT])
        lines.append(stamp)
        lines.extend(each[STAMP_AT:])
    lines.append("END:VCALENDAR")
    return "".join(f"{line}\r\n" for line in lines)


def calendar_response(request, events, name, filename=None):
    calendar = build_calendar(request, events, name)
    response = HttpResponse(calendar.encode(), content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if filename else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename or "kalender.ics"}"'
    response["Content-Language"] = get_language()
    return response
