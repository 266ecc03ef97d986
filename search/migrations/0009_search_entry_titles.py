import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import search.models

# PostgreSQL only: the title vector and the keys stay in the row, uncompressed (as in the
# entries, migrations 0006 and 0008); GIN indexes match titles and filter on keys; the
# copies of the entries already written.
POSTGRES_SETUP = [
    "ALTER TABLE search_searchentrytitle ALTER COLUMN title SET STORAGE PLAIN",
    "ALTER TABLE search_searchentrytitle ALTER COLUMN keys SET STORAGE PLAIN",
    "CREATE INDEX search_searchentrytitle_title_gin ON search_searchentrytitle USING gin (title)",
    "CREATE INDEX search_searchentrytitle_keys_gin ON search_searchentrytitle "
    "USING gin (string_to_array(keys, ' '))",
    "INSERT INTO search_searchentrytitle "
    "(page_id, locale_id, content_type_id, live, date, keys, title, title_norm) "
    "SELECT page_id, locale_id, content_type_id, live, date, keys, title, title_norm "
    "FROM search_searchentry",
]


def run_on_postgres(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("search", "0008_facet_keys_stay_in_the_row"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchEntryTitle",
            fields=[
                (
                    "page",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to=settings.WAGTAIL_PAGE_MODEL,
                    ),
                ),
                ("live", models.BooleanField(default=False, verbose_name="live")),
                ("date", models.DateTimeField(null=True, verbose_name="date")),
                ("keys", models.TextField(blank=True, verbose_name="keys")),
                ("title", search.models.TextVectorField(null=True)),
                ("title_norm", models.FloatField(default=1.0)),
                (
                    "content_type",
                    models.ForeignKey(
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="contenttypes.contenttype",
                    ),
                ),
                (
                    "locale",
                    models.ForeignKey(
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="wagtailcore.locale",
                    ),
                ),
            ],
            options={
                "verbose_name": "search entry title",
                "verbose_name_plural": "search entry titles",
            },
        ),
        # Dropping the table drops its indexes and rows.
        migrations.RunPython(run_on_postgres(POSTGRES_SETUP), migrations.RunPython.noop),
    ]
