"""Every project migration runs backwards, on a database with content, and forwards again:
a release can be rolled back."""

import pytest

from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations import RunPython, RunSQL
from django.db.migrations.recorder import MigrationRecorder

from tests.databases import copy_of_test_database, reading
from tests.factories import (
    ContactFactory,
    EventIndexPageFactory,
    NewsletterIndexPageFactory,
    NewsletterIssuePageFactory,
    SubscriberFactory,
    case_study,
    event,
)
from tests.hub.test_deploy import manage
from tests.utils import local

# The copy of the test database is made from what the test has committed.
pytestmark = pytest.mark.django_db(transaction=True)

APPS = ("hub", "casestudies", "events", "search")
# Other apps' migrations run in the test settings: only the project's go back and forth.
ENV = {"DJANGO_SETTINGS_MODULE": "hub.settings.test"}


@pytest.fixture
def content(home, library, themes):
    """Pages of each app, with their relations, revisions, tags, snippets and subscribers."""
    contact = ContactFactory()
    study = case_study(
        library, "Klimatkontrakt i Karlstad", themes=[themes["kontrakt"]], contacts=[contact]
    )
    study.tags.add("klimatkontrakt")
    study.save_revision().publish()
    calendar = EventIndexPageFactory(parent=home)
    webbfika = event(calendar, "Webbfika", local(2026, 12, 9, 14, 0), themes=[themes["coach"]])
    webbfika.related_case_studies.create(related=study, sort_order=0)
    webbfika.save_revision()
    archive = NewsletterIndexPageFactory(parent=home)
    NewsletterIssuePageFactory(parent=archive, number=1, issue_date=local(2026, 3, 1).date())
    SubscriberFactory()


def project_tables(alias):
    database = connections[alias]
    with database.cursor() as cursor:
        tables = database.introspection.get_table_list(cursor)
    return sorted(table.name for table in tables if table.name.startswith(APPS))


def schema(alias):
    """Each project table's columns, and its keys and indexes by the columns they cover."""
    database = connections[alias]
    found = {}
    with database.cursor() as cursor:
        for table in project_tables(alias):
            columns = database.introspection.get_table_description(cursor, table)
            constraints = database.introspection.get_constraints(cursor, table).values()
            found[table] = (
                sorted((column.name, str(column.type_code), column.null_ok) for column in columns),
                sorted(
                    (
                        tuple(str(name) for name in constraint["columns"] or ()),
                        bool(constraint["primary_key"]),
                        bool(constraint["unique"]),
                        bool(constraint["index"]),
                        str(constraint["foreign_key"]),
                    )
                    for constraint in constraints
                ),
            )
    return found


def other_rows(alias):
    """Rows of the apps the project builds on, which a rollback of its own apps never touches."""
    database = connections[alias]
    with database.cursor() as cursor:
        counts = {}
        for table in [
            "wagtailcore_page",
            "wagtailcore_revision",
            "taggit_tag",
            "wagtailcore_locale",
        ]:
            cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608 - fixed names
            counts[table] = cursor.fetchone()[0]
    return counts


def applied(alias):
    return sorted(
        (app, name)
        for app, name in MigrationRecorder(connections[alias]).applied_migrations()
        if app in APPS
    )


def migrate(url, *args):
    result = manage("migrate", *args, "--noinput", env={**ENV, "DATABASE_URL": url})
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_project_migration_can_be_reversed():
    """Each data migration names its way back, so none stops a rollback halfway."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    one_way = [
        f"{app}.{name}: {type(operation).__name__}"
        for (app, name), migration in loader.disk_migrations.items()
        if app in APPS
        for operation in migration.operations
        if isinstance(operation, RunPython | RunSQL) and not operation.reversible
    ]
    assert not one_way


def test_project_migrations_go_back_to_zero_and_forwards_again(content):
    """With content in the database, every project app migrates back to zero and forwards; the
    tables come back as they were, and the other apps' rows are left alone."""
    with copy_of_test_database("klimathubben_migrations") as url:
        with reading(url, "copy") as alias:
            schema_before, rows_before = schema(alias), other_rows(alias)
            migrations_before = applied(alias)
        assert rows_before["wagtailcore_page"] > 5
        for app in APPS:
            # Going back to zero takes the apps that build on `app` back too.
            with reading(url, "copy") as alias:
                still_applied = any(applied_app == app for applied_app, _name in applied(alias))
            if still_applied:
                migrate(url, app, "zero")
        with reading(url, "copy") as alias:
            assert applied(alias) == []
            assert project_tables(alias) == []
            assert other_rows(alias) == rows_before
        migrate(url)
        with reading(url, "copy") as alias:
            assert applied(alias) == migrations_before
            assert schema(alias) == schema_before
            assert other_rows(alias) == rows_before
