"""Demo events, series and material, read from events.toml in this folder.

Dates are relative to the day the demo is first loaded, so there are always coming and past
events; a second load leaves existing events where they are.
"""

from datetime import datetime, time, timedelta
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils import timezone

from wagtail.documents.models import Document

from events.models import (
    EventPage,
    EventRelatedPage,
    EventSeriesPage,
    EventSpeaker,
    EventTheme,
    EventType,
)
from hub.demo import DemoLoader, prepare_fields, read_data, source_locale, stable_uuid
from hub.demo.images import ALT_TEXT, image
from hub.demo.pdf import simple_pdf
from hub.demo.taxonomy import load_contacts
from hub.models import Contact, Municipality, Organisation, Theme
from hub.timezones import STOCKHOLM

DATA_DIR = Path(__file__).resolve().parent


def demo_day(days_from_now):
    """The day `days_from_now` away, off the weekend (Saturday to Friday, Sunday to Monday)."""
    day = timezone.localdate() + timedelta(days=days_from_now)
    if day.weekday() == 5:
        return day - timedelta(days=1)
    if day.weekday() == 6:
        return day + timedelta(days=1)
    return day


def local_datetime(days_from_now, clock):
    hour, minute = (int(part) for part in clock.split(":"))
    return datetime.combine(demo_day(days_from_now), time(hour, minute), tzinfo=STOCKHOLM)


def load_documents(entries):
    documents = {}
    for entry in entries:
        document = Document.objects.filter(title=entry["title"]).first()
        if document is None:
            content = ContentFile(
                simple_pdf(entry["pages"], entry["title"]), name=entry["filename"]
            )
            document = Document.objects.create(title=entry["title"], file=content)
        documents[entry["key"]] = document
    return documents


def page_fields(fields, documents, picture=None, language="sv"):
    """The file's plain lists become StreamField data; document keys become ids; a demo
    picture's alternative text joins the page's own text."""
    fields = dict(fields)
    if picture:
        fields["listing_image_alt"] = ALT_TEXT[picture][language]
    if "programme" in fields:
        fields["programme"] = [
            {"type": "item", "value": {"end_time": None, "description": "", **item}}
            for item in fields["programme"]
        ]
    material = []
    for block in fields.get("material", []):
        value = dict(block["value"])
        if block["type"] == "document":
            value["document"] = documents[value["document"]].pk
        material.append({"type": block["type"], "value": value})
    if material:
        fields["material"] = material
    return fields


def lookups(locale):
    """The snippets the events file names, by the names it uses."""
    return {
        "event_types": {item.slug: item for item in EventType.objects.filter(locale=locale)},
        "themes": {theme.slug: theme for theme in Theme.objects.filter(locale=locale)},
        "contacts": {
            contact.translation_key: contact for contact in Contact.objects.filter(locale=locale)
        },
        "organisations": {item.name: item for item in Organisation.objects.all()},
    }


def relations(entry, known, loader):
    """What sets an event's organisers, places, related case studies, themes, speakers, tags."""

    def relate(page):
        page.organisers = [known["organisations"][name] for name in entry.get("organisers", [])]
        page.municipalities = list(
            Municipality.objects.filter(code__in=entry.get("municipalities", []))
        )
        page.related_case_studies = [
            EventRelatedPage(related=loader.find_page(key), sort_order=order)
            for order, key in enumerate(entry.get("related_case_studies", []))
        ]
        page.event_themes = [
            EventTheme(theme=known["themes"][slug]) for slug in entry.get("themes", [])
        ]
        page.event_speakers = [
            EventSpeaker(contact=known["contacts"][stable_uuid("contact", key)])
            for key in entry.get("speakers", [])
        ]
        page.tags.add(*entry.get("tags", []))

    return relate


def attributes(entry, known, series):
    """An event's type, series, times, venue and links, from the file's relative days."""
    start_day = entry["days_from_now"]
    values = {
        "event_type": known["event_types"][entry["type"]],
        "series": series.get(entry.get("series") or ""),
        "start": local_datetime(start_day, entry["start_time"]),
        "end": local_datetime(entry.get("end_days_from_now", start_day), entry["end_time"]),
        "attendance_mode": entry["attendance_mode"],
        "venue_name": entry.get("venue_name", ""),
        "venue_address": entry.get("venue_address", ""),
        "join_url": entry.get("join_url", ""),
        "registration_url": entry.get("registration_url", ""),
    }
    if "registration_deadline_days_from_now" in entry:
        deadline = local_datetime(entry["registration_deadline_days_from_now"], "23:59")
        values["registration_deadline"] = min(deadline, values["start"])
    return values


def load(loader: DemoLoader):
    data = read_data("events.toml", base=DATA_DIR)
    calendar = loader.find_page("events")
    if calendar is None:
        raise RuntimeError("Load the site pages first: the event calendar is missing.")

    for entry in data["event_types"]:
        fields = {**entry["sv"], "slug": entry["slug"], "sort_order": entry.get("sort_order", 0)}
        loader.snippet(
            entry["slug"], EventType, fields, {"en": entry["en"]} if "en" in entry else None
        )
    load_contacts(loader, data.get("contacts", []))
    documents = load_documents(data.get("documents", []))
    known = lookups(source_locale())

    series = {}
    for entry in data.get("series", []):
        series[entry["key"]] = loader.page(entry["key"], EventSeriesPage, calendar, entry["sv"])

    events = {}
    for entry in data["events"]:
        events[entry["key"]] = loader.page(
            entry["key"],
            EventPage,
            calendar,
            page_fields(entry["sv"], documents, entry.get("image")),
            relate=relations(entry, known, loader),
            listing_image=image(entry["image"]) if "image" in entry else None,
            **attributes(entry, known, series),
        )

    for entry in data.get("series", []):
        if "en" in entry:
            fields = prepare_fields(EventSeriesPage, entry["key"], entry["en"])
            loader.translate(series[entry["key"]], "en", fields)
    for entry in data["events"]:
        if "en" in entry:
            fields = page_fields(entry["en"], documents, entry.get("image"), "en")
            fields = prepare_fields(EventPage, entry["key"], fields)
            loader.translate(events[entry["key"]], "en", fields)
    return events
