"""An index on the expression the search matches against, so matching reads the index.

modelsearch's PostgreSQL backend matches `title || body`; without an index on that expression
every search reads every index entry.
Nothing to do on other databases.
"""

from django.db import migrations

CREATE = [
    "CREATE INDEX IF NOT EXISTS search_indexentry_title_body_gin "
    "ON wagtailsearch_indexentry USING gin ((title || body))",
]
DROP = ["DROP INDEX IF EXISTS search_indexentry_title_body_gin"]


def run(statements):
    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return forwards


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_unansweredquery"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(run(CREATE), run(DROP))]
