"""Drop the `title || body` expression index again.

The search now matches `title @@ query OR body @@ query`, which the per-column GIN indexes
that modelsearch creates already serve; the expression index was only extra upkeep.
"""

from django.db import migrations

DROP = "DROP INDEX IF EXISTS search_indexentry_title_body_gin"
CREATE = (
    "CREATE INDEX IF NOT EXISTS search_indexentry_title_body_gin "
    "ON wagtailsearch_indexentry USING gin ((title || body))"
)


def run(statement):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("search", "0003_index_entry_vector_index")]

    operations = [migrations.RunPython(run(DROP), run(CREATE))]
