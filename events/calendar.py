"""iCalendar (RFC 5545) files and subscribable feeds of events."""

from urllib.parse import urlparse

from icalendar import Calendar, Event, vCalAddress, vText

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language

from hub.timezones import STOCKHOLM

ICAL_STATUS = {"scheduled": "CONFIRMED", "postponed": "TENTATIVE", "cancelled": "CANCELLED"}


def calendar_domain():
    return urlparse(settings.SITE_BASE_URL).hostname or "klimathubben.localhost"


def event_uid(event):
    """Stable across edits and moves: the page's translation key plus its language."""
    return f"{event.translation_key}-{event.locale.language_code}@{calendar_domain()}"


def event_component(event, request, stamp):
    url = request.build_absolute_uri(event.get_url(request))
    component = Event()
    component.add("uid", event_uid(event))
    component.add("dtstamp", stamp)
    component.add("dtstart", timezone.localtime(event.start, STOCKHOLM))
    component.add("dtend", timezone.localtime(event.end, STOCKHOLM))
    component.add("summary", event.title)
    component.add("description", f"{event.summary}\n\n{url}")
    component.add("url", url)
    component.add("status", ICAL_STATUS.get(event.status, "CONFIRMED"))
    if event.last_published_at:
        component.add("last-modified", event.last_published_at)
    place = ", ".join(part for part in (event.venue_name, event.venue_address) if part)
    if event.is_onsite and place:
        component.add("location", place)
    elif event.join_url:
        component.add("location", event.join_url)
    if event.join_url:
        component.add("conference", event.join_url, parameters={"value": "URI"})
    organisers = ", ".join(organisation.name for organisation in event.organisers.all())
    organizer = vCalAddress(f"mailto:{settings.EVENTS_CONTACT_EMAIL}")
    organizer.params["cn"] = vText(organisers or settings.WAGTAIL_SITE_NAME)
    component.add("organizer", organizer)
    component.add("categories", [event.event_type.name])
    return component


def build_calendar(request, events, name):
    calendar = Calendar()
    calendar.add("prodid", "-//Klimathubben//Evenemang//SV")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Stockholm")
    calendar.add("x-published-ttl", "PT6H")
    stamp = timezone.now()
    for event in events:
        calendar.add_component(event_component(event, request, stamp))
    calendar.add_missing_timezones()
    return calendar


def calendar_response(request, events, name, filename=None):
    calendar = build_calendar(request, events, name)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if filename else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename or "kalender.ics"}"'
    response["Content-Language"] = get_language()
    return response
