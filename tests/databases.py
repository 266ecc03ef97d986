"""Databases beside the test database, on the same engine and server, for tests that restore
or migrate a whole database in another process."""

import sqlite3
import tempfile
from contextlib import closing, contextmanager
from pathlib import Path
from urllib.parse import quote

import dj_database_url

from django.db import connection, connections
from django.db.utils import load_backend


def postgres_url(name):
    settings = connection.settings_dict
    password = f":{quote(settings['PASSWORD'], safe='')}" if settings["PASSWORD"] else ""
    credentials = f"{quote(settings['USER'], safe='')}{password}@" if settings["USER"] else ""
    return f"postgres://{credentials}{settings['HOST']}:{settings['PORT']}/{name}"


@contextmanager
def postgres_database(name, template=None):
    """A database `name` on the test server, dropped afterwards, whatever is connected to it."""
    statement = f'CREATE DATABASE "{name}"'
    if template:
        # A template may have no other session: the test's own one closes first.
        connection.close()
        statement += f' TEMPLATE "{template}"'
    with connection._nodb_cursor() as cursor:
        if template:
            # A connection an earlier test left open in another thread counts as one too.
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = %s AND pid <> pg_backend_pid()",
                [template],
            )
        cursor.execute(statement)
    try:
        yield postgres_url(name)
    finally:
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def new_database(name):
    """The DATABASE_URL of a new, empty database."""
    if connection.vendor == "postgresql":
        with postgres_database(name) as url:
            yield url
    else:
        with tempfile.TemporaryDirectory(prefix="klimathubben-db-") as folder:
            yield f"sqlite:///{Path(folder) / name}.sqlite3"


@contextmanager
def copy_of_test_database(name):
    """The DATABASE_URL of a copy of the test database as it is now (committed rows only)."""
    if connection.vendor == "postgresql":
        with postgres_database(name, template=connection.settings_dict["NAME"]) as url:
            yield url
        return
    with tempfile.TemporaryDirectory(prefix="klimathubben-db-") as folder:
        path = Path(folder) / f"{name}.sqlite3"
        connection.ensure_connection()
        with closing(sqlite3.connect(path)) as copy:
            connection.connection.backup(copy)
        yield f"sqlite:///{path}"


@contextmanager
def reading(url, alias):
    """The database at `url` under the connection alias `alias`, for queries with
    `.using(alias)`. The connection is made here rather than declared in the settings, so the
    test framework, which guards every declared database, lets the test use it."""
    databases = {
        "default": dict(connections.settings["default"]),
        alias: dj_database_url.parse(url),
    }
    settings = connections.configure_settings(databases)[alias]
    connections[alias] = load_backend(settings["ENGINE"]).DatabaseWrapper(settings, alias)
    try:
        yield alias
    finally:
        connections[alias].close()
        del connections[alias]
