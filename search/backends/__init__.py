"""The hub's search backend: Wagtail's database backend, made language-aware.

`WAGTAILSEARCH_BACKENDS` points here by default. On PostgreSQL each object is indexed with
the text search configuration of its own language and each query uses the active language's
(see `postgres.py`); on SQLite every word is a prefix (see `sqlite.py`); any other database gets
modelsearch's generic fallback. Each backend module is imported only on its own database,
since it loads that database's driver-specific code.
"""

from django.db import connection

from modelsearch.backends import database


def SearchBackend(params):  # noqa: N802 (Wagtail looks the backend up by this name)
    if connection.vendor == "postgresql":
        from .postgres import LocalisedPostgresSearchBackend

        return LocalisedPostgresSearchBackend(params)

    backend = database.SearchBackend(params)
    if connection.vendor == "sqlite":
        from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

        if isinstance(backend, SQLiteSearchBackend):
            from .sqlite import PrefixSQLiteSearchBackend

            return PrefixSQLiteSearchBackend(params)
    return backend
