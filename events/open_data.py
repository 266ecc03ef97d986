"""The events as open data: one row per published event, past and coming (hub/open_data/)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hub.open_data.columns import (
    municipality_filter,
    named_terms,
    page_columns,
    place_columns,
    public_pages,
    published_columns,
    status_filter,
    tag_column,
    theme_columns,
    theme_filter,
)
from hub.open_data.registry import Column, Dataset


def rows(locale):
    from events.models import EventPage

    return public_pages(
        EventPage,
        locale,
        defer=("programme", "body", "material"),
        joined=("event_type", "series"),
        related=("event_themes__theme", "organisers"),
    )


def text(name, title, description):
    return Column(name, title, description, lambda page: getattr(page, name))


def moment(name, title, description):
    return Column(name, title, description, lambda page: getattr(page, name), "datetime")


def columns():
    return (
        *page_columns(),
        Column(
            "event_type",
            _("Type"),
            _("What kind of event, such as a network meeting or a webinar."),
            lambda page: page.event_type.name,
        ),
        Column(
            "series",
            _("Series"),
            _("The recurring format the event belongs to, if any."),
            lambda page: page.series.title if page.series else "",
        ),
        moment("start", _("Starts"), _("In Swedish time (ISO 8601).")),
        moment("end", _("Ends"), _("In Swedish time (ISO 8601).")),
        text("status", _("Status"), _("scheduled, postponed or cancelled.")),
        text("attendance_mode", _("How to take part"), _("online, onsite or hybrid.")),
        text("venue_name", _("Venue"), _("Where it takes place, for events on site.")),
        text("venue_address", _("Address"), _("Street, postcode and town.")),
        text("registration_url", _("Registration link"), _("Where to sign up, if needed.")),
        moment(
            "registration_deadline",
            _("Last day to register"),
            _("In Swedish time (ISO 8601); empty if there is none."),
        ),
        text("audience", _("For whom"), _("Who may take part.")),
        Column(
            "organisers",
            _("Organisers"),
            _("The organisations behind the event."),
            lambda page: sorted(organiser.name for organiser in page.organisers.all()),
            "list",
        ),
        *place_columns(),
        *theme_columns("event_themes"),
        tag_column(),
        *published_columns(),
    )


def events():
    from events.models import EventPage, EventType

    return Dataset(
        key="events",
        order=20,
        title=_("Events"),
        description=_(
            "The network's meetings, webinars and conferences, past and coming: when and "
            "where, for whom, and on what."
        ),
        file_name=pgettext_lazy("open data file name", "events"),
        model=EventPage,
        rows=rows,
        columns=columns(),
        shows=(*named_terms(), EventType),
        filters=(
            theme_filter("event_themes__theme__slug"),
            municipality_filter(),
            status_filter(EventPage),
        ),
    )
