"""Moving events' related case studies from a many-to-many field to ordered rows, and back."""

import pytest

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from wagtail.models import Revision

from events.models import EventPage, EventRelatedPage
from tests.factories import case_study, event
from tests.utils import local

# Migrating runs schema changes that SQLite cannot make inside a test's transaction.
pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = ("events", "0004_eventrelatedpage")


def migrate(target):
    """Migrate events to `target`; the historical models there."""
    executor = MigrationExecutor(connection)
    executor.migrate([target])
    return executor.loader.project_state([target]).apps


def migrate_to_latest():
    """Every app forwards again, the ones whose migrations build on events' included, so the
    tests after this one find the database as migrations leave it."""
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_related_case_studies_move_to_rows_and_back(calendar, library):
    """Links, and the field in saved revisions, survive both ways; rows keep the tree's order."""
    karlstad = case_study(library, "Klimatkontrakt i Karlstad", slug="karlstad")
    lund = case_study(library, "Energicoach i Lund", slug="lund")
    page = event(calendar, "Webbfika", local(2026, 12, 9, 14, 0), slug="webbfika")
    page.related_case_studies = [
        EventRelatedPage(related=lund, sort_order=0),
        EventRelatedPage(related=karlstad, sort_order=1),
    ]
    page.save()
    revision = page.save_revision()

    try:
        old_apps = migrate(BEFORE)
        field_table = old_apps.get_model("events", "EventPage_related_case_studies")
        assert set(field_table.objects.values_list("eventpage_id", "casestudypage_id")) == {
            (page.pk, lund.pk),
            (page.pk, karlstad.pk),
        }
        assert not old_apps.get_model("events", "EventRelatedPage").objects.exists()
        revision.refresh_from_db()
        assert revision.content["related_case_studies"] == [lund.pk, karlstad.pk]
    finally:
        migrate_to_latest()

    rows = EventRelatedPage.objects.filter(page=page).order_by("sort_order")
    assert [(row.related_id, row.sort_order) for row in rows] == [(karlstad.pk, 0), (lund.pk, 1)]
    revision.refresh_from_db()
    draft = revision.as_object()
    assert isinstance(draft, EventPage)
    assert [row.related_id for row in draft.related_case_studies.all()] == [karlstad.pk, lund.pk]
    assert Revision.objects.filter(pk=revision.pk).exists()
