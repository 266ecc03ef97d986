"""Copies of the database in one consistent state, and their restore, for each engine.

PostgreSQL goes through the server's own `pg_dump` and `pg_restore`, SQLite through its online
backup API: neither reads a database file that a running site may be writing.
"""

import os
import shutil
import sqlite3
import subprocess
from contextlib import closing, contextmanager
from pathlib import Path

from django.core.management import CommandError, call_command, get_commands
from django.db.backends.postgresql.client import DatabaseClient

# Text search dictionaries name files on the database server, which the server a backup comes
# back to may not have: they are made again for that server after the restore.
SERVER_DEPENDENT = ("TEXT SEARCH CONFIGURATION", "TEXT SEARCH DICTIONARY")


def quote(table):
    return '"{}"'.format(table.replace('"', '""'))


def snapshot_facts(cursor, tables):
    """The row count of each table and the last migration of each app, read through `cursor`."""
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 - model tables
        counts[table] = cursor.fetchone()[0]
    cursor.execute("SELECT app, name FROM django_migrations")
    migrations = {}
    for app, name in cursor.fetchall():
        migrations[app] = max(migrations.get(app, name), name)
    return counts, dict(sorted(migrations.items()))


def for_connection(connection):
    engines = {"postgresql": PostgresDatabase, "sqlite": SqliteDatabase}
    if connection.vendor not in engines:
        raise CommandError(f"Backups of {connection.vendor} databases are not supported.")
    return engines[connection.vendor](connection)


class SqliteDatabase:
    """A SQLite database, copied page by page through the backup API."""

    file_name = "database.sqlite3"

    def __init__(self, connection):
        self.connection = connection

    def raw(self):
        self.connection.ensure_connection()
        return self.connection.connection

    def dump(self, path, tables, skip_data):
        """Copy the database to `path`; the facts come from the copy, so they match it."""
        with closing(sqlite3.connect(path)) as copy:
            self.raw().backup(copy)
            for table in skip_data:
                copy.execute(f"DELETE FROM {quote(table)}")  # noqa: S608 - model tables
            copy.commit()
            copy.execute("VACUUM")
            present = {row[0] for row in copy.execute("SELECT name FROM sqlite_master")}
            return snapshot_facts(copy.cursor(), [table for table in tables if table in present])

    def server_version(self):
        return sqlite3.sqlite_version

    def empty(self):
        """Nothing to do: the backup API replaces whatever the database holds."""

    def restore(self, path):
        with closing(sqlite3.connect(path)) as archived:
            archived.backup(self.raw())
        self.connection.close()


class PostgresDatabase:
    """A PostgreSQL database, dumped by `pg_dump` in its custom format."""

    file_name = "database.dump"

    def __init__(self, connection):
        self.connection = connection

    def program(self, name):
        """The server's own version of `name` first: pg_dump refuses newer servers."""
        self.connection.ensure_connection()
        major = self.connection.pg_version // 10000
        bundled = Path(f"/usr/lib/postgresql/{major}/bin") / name
        found = str(bundled) if bundled.is_file() else shutil.which(name)
        if found is None:
            raise CommandError(
                f"{name} was not found in /usr/lib/postgresql/{major}/bin or on PATH: install "
                f"the PostgreSQL {major} client programs."
            )
        return found

    def environment(self):
        """Where and how to connect, as libpq's variables: the password stays off the command
        line that `ps` shows."""
        settings = self.connection.settings_dict
        _args, env = DatabaseClient.settings_to_cmd_args_env(settings, [])
        env = {**os.environ, **(env or {})}
        for key, variable in [("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")]:
            if settings.get(key):
                env[variable] = str(settings[key])
        return env

    def run(self, name, *args):
        result = subprocess.run(  # noqa: S603 - the server's own programs, our own arguments
            [self.program(name), *args],
            env=self.environment(),
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise CommandError(f"{name} failed:\n{result.stderr.strip()}")
        return result.stdout

    @contextmanager
    def snapshot(self):
        """A read-only transaction whose view of the data `pg_dump` shares."""
        if self.connection.in_atomic_block:
            raise CommandError("A backup cannot be taken inside a transaction.")
        with self.connection.cursor() as cursor:
            cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            try:
                cursor.execute("SELECT pg_export_snapshot()")
                yield cursor, cursor.fetchone()[0]
            finally:
                cursor.execute("COMMIT")

    def dump(self, path, tables, skip_data):
        with self.snapshot() as (cursor, snapshot):
            facts = snapshot_facts(cursor, tables)
            self.run(
                "pg_dump",
                "--format=custom",
                f"--file={path}",
                f"--snapshot={snapshot}",
                *(f"--exclude-table-data={table}" for table in skip_data),
                self.connection.settings_dict["NAME"],
            )
        return facts

    def server_version(self):
        self.connection.ensure_connection()
        return str(self.connection.pg_version)

    def empty(self):
        """Drop everything in the public schema, for a restore with --force."""
        with self.connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
        self.connection.close()

    def restore(self, path):
        listing = self.run("pg_restore", "--list", str(path))
        wanted = [line for line in listing.splitlines() if not line.startswith(";")]
        kept = [line for line in wanted if not any(kind in line for kind in SERVER_DEPENDENT)]
        list_file = Path(path).with_suffix(".list")
        list_file.write_text("\n".join(kept) + "\n")
        self.connection.close()
        self.run(
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            f"--use-list={list_file}",
            f"--dbname={self.connection.settings_dict['NAME']}",
            str(path),
        )
        with self.connection.cursor() as cursor:
            # pg_restore leaves the planner no statistics, which leads it to plans that run
            # for minutes (docs/deployment.md, "PostgreSQL server settings").
            cursor.execute("ANALYZE")
        if len(kept) < len(wanted) and "setup_search_language" in get_commands():
            # The search app's configurations, made for this server's dictionaries.
            call_command("setup_search_language", verbosity=0)
