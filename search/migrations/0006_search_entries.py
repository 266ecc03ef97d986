import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import search.models

# PostgreSQL only: the title vector stays in the row and the body goes out of line whatever
# its size, so a scan over titles reads about 4 MB for 13,500 pages rather than 9 MB;
# GIN indexes serve the match for words on few pages, and the filters on facet keys.
POSTGRES_SETUP = [
    "ALTER TABLE search_searchentry ALTER COLUMN title SET STORAGE PLAIN",
    "ALTER TABLE search_searchentry ALTER COLUMN body SET STORAGE EXTERNAL",
    "ALTER TABLE search_searchentry SET (toast_tuple_target = 128)",
    "CREATE INDEX search_searchentry_title_gin ON search_searchentry USING gin (title)",
    "CREATE INDEX search_searchentry_body_gin ON search_searchentry USING gin (body)",
    "CREATE INDEX search_searchentry_keys_gin ON search_searchentry "
    "USING gin (string_to_array(keys, ' '))",
]
POSTGRES_TEARDOWN = [
    "DROP INDEX IF EXISTS search_searchentry_title_gin",
    "DROP INDEX IF EXISTS search_searchentry_body_gin",
    "DROP INDEX IF EXISTS search_searchentry_keys_gin",
]


def run_on_postgres(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('search', '0005_facet_keys'),
        ('wagtailcore', '0098_apitoken'),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.RenameModel(old_name='PageFacets', new_name='SearchEntry'),
        migrations.AlterModelOptions(
            name='searchentry',
            options={'verbose_name': 'search entry', 'verbose_name_plural': 'search entries'},
        ),
        migrations.AlterField(
            model_name='searchentry',
            name='page',
            field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='search_entry', serialize=False, to=settings.WAGTAIL_PAGE_MODEL),
        ),
        migrations.AddField(
            model_name='searchentry',
            name='locale',
            field=models.ForeignKey(db_index=False, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='wagtailcore.locale'),
        ),
        migrations.AddField(
            model_name='searchentry',
            name='content_type',
            field=models.ForeignKey(db_index=False, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='contenttypes.contenttype'),
        ),
        migrations.AddField(
            model_name='searchentry',
            name='live',
            field=models.BooleanField(default=False, verbose_name='live'),
        ),
        migrations.AddField(
            model_name='searchentry',
            name='keys',
            field=models.TextField(blank=True, verbose_name='keys'),
        ),
        migrations.AddField(
            model_name='searchentry',
            name='title',
            field=search.models.TextVectorField(null=True),
        ),
        migrations.AddField(
            model_name='searchentry',
            name='title_norm',
            field=models.FloatField(default=1.0),
        ),
        migrations.AddField(
            model_name='searchentry',
            name='body',
            field=search.models.TextVectorField(null=True),
        ),
        migrations.RunPython(
            run_on_postgres(POSTGRES_SETUP), run_on_postgres(POSTGRES_TEARDOWN), elidable=True
        ),
    ]
