"""Gaps for the editors' desk, read from desk.toml in this folder; applying them again
changes nothing."""

from datetime import timedelta

from django.apps import apps
from django.utils import timezone

from hub.demo import DemoLoader, read_data
from hub.desk import years_ago


def find(loader, key):
    page = loader.find_page(key)
    if page is None:
        raise RuntimeError(f"The desk's demo gaps name a page that does not exist: {key}")
    return page


def load(loader: DemoLoader):
    data = read_data("desk.toml")
    now = timezone.now()
    for entry in data["not_updated"]:
        page = find(loader, entry["page"])
        type(page).objects.filter(pk=page.pk).update(
            last_published_at=years_ago(now, entry["years_ago"])
        )
    for entry in data["completed"]:
        page = find(loader, entry["page"])
        if page.status != "completed":
            page.status, page.end_year = "completed", entry["end_year"]
            page.save_revision().publish()
    for entry in data["changed_after_translation"]:
        page = find(loader, entry["page"])
        if page.summary != entry["summary"]:
            page.summary = entry["summary"]
            page.save_revision().publish()
    # A string reference: the hub imports no search module.
    unanswered = apps.get_model("search", "UnansweredQuery")
    for index, entry in enumerate(data["unanswered_searches"]):
        unanswered.objects.update_or_create(
            query_string=entry["query"],
            language=entry["language"],
            defaults={"hits": entry["hits"], "last_searched_at": now - timedelta(minutes=index)},
        )
