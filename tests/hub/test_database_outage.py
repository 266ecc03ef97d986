"""With its PostgreSQL server stopped, the site answers a translated 503 page made without the
database, and serves pages again as soon as the server is back, without a restart."""

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest

from bench.site_load import HOST, ROOT, free_port, gunicorn

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))

needs_postgres_binaries = pytest.mark.skipif(
    not (PG_BIN / "initdb").exists(), reason=f"no PostgreSQL server binaries in {PG_BIN}"
)

# Tables straight from the models, as pytest-django's --nomigrations makes them (the migrations
# take twenty seconds), the search's text configurations, and a Swedish home page at the root
# of the default site.
MAKE_SITE = """
import django

django.setup()

from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from wagtail.models import Locale

from search.textsearch import ensure_configurations
from tests.utils import default_home

with override_settings(MIGRATION_MODULES={app.label: None for app in apps.get_app_configs()}):
    call_command("migrate", run_syncdb=True, verbosity=0)
ensure_configurations(connection)  # what search's first migration does
Locale.objects.create(language_code="en")
default_home(Locale.objects.create(language_code="sv"), title="Klimathubben")
"""


class Cluster:
    """A PostgreSQL server of the test's own: its own folder and port, never the suite's."""

    def __init__(self, folder):
        self.folder = folder
        self.port = free_port()
        self.url = f"postgres://postgres@{HOST}:{self.port}/klimathubben"
        # PostgreSQL refuses to run as root (scripts/with-postgres does the same).
        self.run_as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.run_as:
            shutil.chown(folder, "postgres")

    def tool(self, name, *arguments, run_as=True):
        command = [*(self.run_as if run_as else []), str(PG_BIN / name), *arguments]
        subprocess.run(command, check=True, capture_output=True)  # noqa: S603

    def sql(self, statement):
        connection = ["-h", HOST, "-p", str(self.port), "-U", "postgres", "-d", "klimathubben"]
        self.tool("psql", *connection, "-c", statement, run_as=False)

    def start(self):
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses={HOST} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        data, log = str(self.folder / "data"), str(self.folder / "server.log")
        self.tool("pg_ctl", "-D", data, "-l", log, "-w", "-s", "-o", options, "start")

    def stop(self, mode="fast"):
        self.tool("pg_ctl", "-D", str(self.folder / "data"), "-m", mode, "-w", "-s", "stop")


@contextmanager
def own_cluster():
    """A new server with the `klimathubben` database, removed however the block ends."""
    folder = Path(tempfile.mkdtemp(prefix="klimathubben-outage-"))
    cluster = Cluster(folder)
    try:
        cluster.tool("initdb", "-D", str(folder / "data"), "-U", "postgres", "-A", "trust",
                     "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")  # fmt: skip
        cluster.start()
        cluster.tool("createdb", "-h", HOST, "-p", str(cluster.port), "-U", "postgres",
                     "klimathubben", run_as=False)  # fmt: skip
        yield cluster
    finally:
        with suppress(subprocess.CalledProcessError):  # not running
            cluster.stop("immediate")
        shutil.rmtree(folder, ignore_errors=True)


def fetch(port, path, language=None):
    """(status, headers, body) of a GET, with the browser's Accept-Language if given."""
    headers = {"Accept-Language": language} if language else {}
    request = urllib.request.Request(f"http://{HOST}:{port}{path}", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=15) as response:  # noqa: S310 (loopback)
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def assert_unavailable_page(response, lang, title, heading):
    status, headers, html = response
    assert status == 503
    assert re.fullmatch(r"\d+", headers["Retry-After"])
    assert headers["Cache-Control"] == "no-store"
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert "script-src 'self';" in headers["Content-Security-Policy"]
    assert "Set-Cookie" not in headers
    assert f'<html lang="{lang}">' in html
    assert f"<title>{title} – Klimathubben</title>" in html
    assert f"<h1>{heading}</h1>" in html
    assert '<meta name="description" content="Klimathubben ' in html
    assert '<link rel="stylesheet" href="/static/hub/css/site.css">' in html
    assert "<script" not in html and "style=" not in html
    assert "Traceback" not in html and "OperationalError" not in html


def server_env(database_url, **settings):
    """gunicorn's environment: the test settings on `database_url`."""
    return {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "hub.settings.test",
        "DATABASE_URL": database_url,
        "PYTHONPATH": str(ROOT),
        **settings,
    }


SWEDISH = ("sv", "Tillfälligt otillgänglig", "Klimathubben är tillfälligt otillgänglig")
ENGLISH = ("en", "Temporarily unavailable", "Klimathubben is temporarily unavailable")


@needs_postgres_binaries
def test_pages_answer_503_while_the_database_is_down_and_come_back_with_it(tmp_path):
    """Pages, then a translated 503 page while the server is stopped, then pages again."""
    with own_cluster() as cluster:
        # Persistent connections, as on a server.
        env = server_env(cluster.url, CONN_MAX_AGE="600")
        port = free_port()
        log_path = tmp_path / "gunicorn.log"
        # The site is made while gunicorn starts; it is asked only for a static file until then.
        with (
            subprocess.Popen([sys.executable, "-c", MAKE_SITE], env=env, cwd=ROOT) as making,  # noqa: S603
            gunicorn(env, port, 2, log_path, probe_path="/static/hub/css/site.css"),
        ):
            assert making.wait(timeout=120) == 0
            for _ in range(4):
                assert fetch(port, "/sv/")[0] == 200
            # The server drops the workers' connections (a restart, a failover): the health
            # check finds them dead and the next request opens another, with no error.
            cluster.sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE datname = 'klimathubben' AND pid <> pg_backend_pid()")  # fmt: skip
            assert [fetch(port, "/sv/")[0] for _ in range(4)] == [200] * 4
            # Both workers hold a connection to the server that is about to stop.

            cluster.stop("fast")
            stopped = time.monotonic()
            assert_unavailable_page(fetch(port, "/sv/"), *SWEDISH)
            assert_unavailable_page(fetch(port, "/sv/"), *SWEDISH)  # the other worker too
            assert_unavailable_page(fetch(port, "/en/", language="sv"), *ENGLISH)
            assert_unavailable_page(fetch(port, "/sv/kommuner/", language="en"), *SWEDISH)
            # Without a language in the address, the browser's; the admin gets the same page.
            assert_unavailable_page(fetch(port, "/", language="en-GB,en;q=0.8"), *ENGLISH)
            assert_unavailable_page(fetch(port, "/", language="sv"), *SWEDISH)
            assert_unavailable_page(fetch(port, "/admin/", language="en"), *ENGLISH)
            assert_unavailable_page(fetch(port, "/admin/login/", language="sv"), *SWEDISH)
            # The same stylesheet, which needs no database.
            assert fetch(port, "/static/hub/css/site.css")[0] == 200
            assert time.monotonic() - stopped < 10  # refused at once, no waiting

            cluster.start()
            statuses = [fetch(port, "/sv/")[0] for _ in range(4)]
            statuses.append(fetch(port, "/admin/login/")[0])
            assert statuses == [200] * 5

    log = log_path.read_text()
    assert "Database unavailable, answering 503" in log
    assert "Traceback" not in log


def test_a_database_host_that_never_answers_gives_503_within_seconds(tmp_path):
    """A host that takes the connection and then says nothing: 503 after the connect timeout."""
    with socket.socket() as silent:
        silent.bind((HOST, 0))
        silent.listen(64)  # connections complete in the kernel and are never read
        address = f"postgres://postgres@{HOST}:{silent.getsockname()[1]}/klimathubben"
        env = server_env(address, DATABASE_CONNECT_TIMEOUT="2")
        port = free_port()
        with gunicorn(
            env, port, 1, tmp_path / "gunicorn.log", probe_path="/static/hub/css/site.css"
        ):
            started = time.monotonic()
            response = fetch(port, "/en/")
            waited = time.monotonic() - started
    assert_unavailable_page(response, *ENGLISH)
    assert waited < 10
