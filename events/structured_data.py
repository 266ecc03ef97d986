"""schema.org Event as JSON-LD, so search engines can show date, place and registration."""

import json

from django.conf import settings
from django.utils.safestring import mark_safe

ATTENDANCE_MODES = {
    "online": "https://schema.org/OnlineEventAttendanceMode",
    "onsite": "https://schema.org/OfflineEventAttendanceMode",
    "hybrid": "https://schema.org/MixedEventAttendanceMode",
}
EVENT_STATUS = {
    "scheduled": "https://schema.org/EventScheduled",
    "postponed": "https://schema.org/EventPostponed",
    "cancelled": "https://schema.org/EventCancelled",
}
# JSON inside <script> must not be able to close the element or open a comment.
SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def organisation_data(organisation):
    data = {"@type": "Organization", "name": organisation.name}
    if organisation.website:
        data["url"] = organisation.website
    return data


def event_json_ld(event, request, organisers):
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "url": request.build_absolute_uri(event.get_url(request)),
        "startDate": event.start.isoformat(),
        "endDate": event.end.isoformat(),
        "eventStatus": EVENT_STATUS.get(event.status, EVENT_STATUS["scheduled"]),
        "eventAttendanceMode": ATTENDANCE_MODES[event.attendance_mode],
        "inLanguage": event.locale.language_code,
    }
    locations = []
    if event.is_onsite:
        place = {"@type": "Place", "name": event.venue_name or event.venue_address}
        if event.venue_address:
            place["address"] = event.venue_address
        locations.append(place)
    if event.is_online:
        locations.append({"@type": "VirtualLocation", "url": event.join_url or data["url"]})
    data["location"] = locations[0] if len(locations) == 1 else locations
    data["organizer"] = [organisation_data(organisation) for organisation in organisers] or {
        "@type": "Organization",
        "name": settings.WAGTAIL_SITE_NAME,
    }
    if event.registration_url:
        offer = {"@type": "Offer", "url": event.registration_url}
        if event.registration_is_open:
            offer["availability"] = "https://schema.org/InStock"
        if event.registration_deadline:
            offer["validThrough"] = event.registration_deadline.isoformat()
        data["offers"] = offer
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(SCRIPT_ESCAPES))  # noqa: S308
