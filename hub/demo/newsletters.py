"""Newsletter issues that feature demo case studies and events, and a reader with an alert."""

from datetime import date, timedelta

from django.utils import timezone, translation

from hub.demo import DemoLoader, prepare_fields, read_data, resolve_references
from hub.models import Alert, County, Municipality, NewsletterIssuePage, Subscriber, Theme
from hub.newsletters.alerts import ALERT_CONSENT_TEXT, describe


def issue_date(entry):
    if "issue_date" in entry:
        return date.fromisoformat(entry["issue_date"])
    return timezone.localdate() - timedelta(days=entry["days_ago"])


def load(loader: DemoLoader):
    data = read_data("newsletters.toml")
    archive = loader.find_page("newsletter")
    if archive is None:
        raise RuntimeError("Load the site pages first: the newsletter archive is missing.")
    issues = {}
    for entry in data["issues"]:
        issues[entry["key"]] = loader.page(
            entry["key"],
            NewsletterIssuePage,
            archive,
            resolve_references(entry["sv"], loader),
            relate=lambda page, entry=entry: page.tags.add(*entry.get("tags", [])),
            issue_date=issue_date(entry),
            number=entry["number"],
        )
    for entry in data["issues"]:
        if "en" in entry:
            fields = prepare_fields(
                NewsletterIssuePage, entry["key"], resolve_references(entry["en"], loader)
            )
            loader.translate(issues[entry["key"]], "en", fields)
    for entry in data.get("readers", []):
        load_reader(entry)
    return issues


def load_reader(entry):
    """A confirmed reader with their alerts, as if they had signed up; left alone if present."""
    now = timezone.now()
    reader, created = Subscriber.objects.get_or_create(
        email=entry["email"],
        defaults={
            "language": entry["language"],
            "status": Subscriber.Status.CONFIRMED,
            "confirmed_at": now,
        },
    )
    if not created:
        return reader
    for choice in entry.get("alerts", []):
        with translation.override(reader.language):
            themes = list(
                Theme.objects.filter(
                    slug__in=choice.get("themes", []), locale__language_code=reader.language
                )
            )
            counties = list(County.objects.filter(slug__in=choice.get("counties", [])))
            municipalities = list(
                Municipality.objects.filter(slug__in=choice.get("municipalities", []))
            )
            words = describe(themes, counties + municipalities, choice["rhythm"])
            alert = Alert.objects.create(
                subscriber=reader,
                rhythm=choice["rhythm"],
                consent=str(ALERT_CONSENT_TEXT) % {"alert": words},
                consent_language=reader.language,
                confirmed_at=now,
                last_sent_until=now,
            )
        alert.themes.set(themes)
        alert.counties.set(counties)
        alert.municipalities.set(municipalities)
    return reader
