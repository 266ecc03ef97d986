from django.db import migrations


def keep_keys_in_the_row(apps, schema_editor):
    """PostgreSQL only. With `toast_tuple_target = 128` (migration 0006), a row whose body was
    long enough to be toasted also had its facet keys compressed and moved out of line: one
    entry in ten on the generated site. A broad search reads the keys of some 7,000 entries,
    and fetching those from the TOAST table took 10 of its 13 ms; kept in the row (a few
    hundred bytes at most), they take 1 ms. The UPDATE brings back the keys already out of
    line or compressed, which `pg_column_size` reports as no larger than the text."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE search_searchentry ALTER COLUMN keys SET STORAGE PLAIN")
        schema_editor.execute(
            "UPDATE search_searchentry SET keys = keys || '' "
            "WHERE pg_column_size(keys) <= octet_length(keys)"
        )


def let_keys_out(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE search_searchentry ALTER COLUMN keys SET STORAGE EXTENDED"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0007_unanswered_query_last_searched_index"),
    ]

    operations = [
        migrations.RunPython(keep_keys_in_the_row, let_keys_out),
    ]
