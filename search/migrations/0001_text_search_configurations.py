"""The hub's text search configurations on PostgreSQL; nothing on other databases."""

from django.db import migrations


def create(apps, schema_editor):
    from search.textsearch import ensure_configurations

    ensure_configurations(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
