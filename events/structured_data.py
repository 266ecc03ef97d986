"""schema.org Event, so search engines can show date, place and registration.

Written into the page by hub/structured_data.py's `json_ld_script`, as all JSON-LD is.
"""

from hub.structured_data import absolute, network, organisation

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


def event_data(event, request, organisers, image):
    data = {
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "url": absolute(event.get_url(request)),
        "startDate": event.start.isoformat(),
        "endDate": event.end.isoformat(),
        "eventStatus": EVENT_STATUS.get(event.status, EVENT_STATUS["scheduled"]),
        "eventAttendanceMode": ATTENDANCE_MODES[event.attendance_mode],
        "inLanguage": event.locale.language_code,
        "image": [image["url"]],
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
    data["organizer"] = [organisation(organiser) for organiser in organisers] or network()
    if event.registration_url:
        offer = {"@type": "Offer", "url": event.registration_url}
        if event.registration_is_open:
            offer["availability"] = "https://schema.org/InStock"
        if event.registration_deadline:
            offer["validThrough"] = event.registration_deadline.isoformat()
        data["offers"] = offer
    return data
