"""Newsletter issues that feature demo case studies and events."""

from datetime import date, timedelta

from django.utils import timezone

from hub.demo import DemoLoader, prepare_fields, read_data, resolve_references
from hub.models import NewsletterIssuePage


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
    return issues
