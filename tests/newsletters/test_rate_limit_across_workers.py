"""The sign-up limit holds for the whole site when its workers share one Redis cache."""

import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import ExitStack, contextmanager
from http.cookiejar import CookieJar
from pathlib import Path

import pytest

from django.conf import settings
from django.db import connection

from hub.models import Subscriber
from tests.newsletters.test_subscriptions import sign_up, started_long_ago
from tests.shared_cache import NO_REDIS, REDIS_URL, key_prefix, redis_cache

pytestmark = [pytest.mark.redis, pytest.mark.skipif(not REDIS_URL, reason=NO_REDIS)]

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
SIGN_UP = "/sv/nyhetsbrev/prenumerera/"


def free_port():
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def database_url_for_servers(tmp_path):
    """An address of the test database that other processes can open: PostgreSQL's test
    database itself, or a copy of SQLite's in-memory one in a file."""
    if connection.vendor == "sqlite":
        path = tmp_path / "servers.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(path) as copy:
            connection.connection.backup(copy)
        return f"sqlite:///{path}"
    db = connection.settings_dict
    password = urllib.parse.quote(db["PASSWORD"] or "", safe="")
    login = f"{db['USER']}:{password}" if password else db["USER"]
    return f"postgres://{login}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@contextmanager
def gunicorn(env, log_path):
    """One gunicorn server with one worker on a free loopback port; yields its base URL."""
    port = free_port()
    command = [
        sys.executable, "-m", "gunicorn", "hub.wsgi:application", "--workers", "1",
        "--bind", f"{HOST}:{port}", "--chdir", str(ROOT), "--log-level", "warning",
    ]  # fmt: skip
    with open(log_path, "w") as log:
        process = subprocess.Popen(command, env=env, stdout=log, stderr=log)  # noqa: S603
        try:
            yield f"http://{HOST}:{port}", process
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def wait_until_serving(base_url, process, log_path, limit=60):
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"gunicorn stopped at start:\n{log_path.read_text()}")
        try:
            with urllib.request.urlopen(base_url + SIGN_UP, timeout=limit):  # noqa: S310
                return
        except OSError:  # not listening yet
            time.sleep(0.1)
    pytest.fail(f"gunicorn did not answer within {limit} s:\n{log_path.read_text()}")


class Visitor:
    """A person with one browser: the form's CSRF cookie goes with every request."""

    def __init__(self):
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))

    def form_token(self, base_url):
        with self.opener.open(base_url + SIGN_UP, timeout=10) as response:
            page = response.read().decode()
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    def sign_up(self, base_url, token, email):
        form = {
            "csrfmiddlewaretoken": token,
            "email": email,
            "consent": "on",
            "website": "",
            "started": started_long_ago(),
        }
        request = urllib.request.Request(  # noqa: S310 - a loopback address of our own
            base_url + SIGN_UP, data=urllib.parse.urlencode(form).encode(), method="POST"
        )
        try:
            with self.opener.open(request, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code


@pytest.mark.django_db(transaction=True)
def test_two_servers_sharing_redis_let_an_address_sign_up_five_times_in_all(tmp_path):
    """Sign-ups sent by turns to two servers: the sixth is refused, whichever server gets it."""
    with redis_cache() as prefix:
        env = {
            **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
            "DJANGO_SETTINGS_MODULE": "hub.settings.dev",
            "DEBUG": "0",
            "SECRET_KEY": settings.SECRET_KEY,  # the same signed form timestamps as the test
            "DATABASE_URL": database_url_for_servers(tmp_path),
            "CACHE_URL": REDIS_URL,
            "CACHE_KEY_PREFIX": prefix,
        }
        with ExitStack() as stack:
            servers = []
            for name in ("a", "b"):
                log_path = tmp_path / f"gunicorn-{name}.log"
                servers.append((*stack.enter_context(gunicorn(env, log_path)), log_path))
            for base_url, process, log_path in servers:
                wait_until_serving(base_url, process, log_path)
            first, second = (base_url for base_url, _process, _log in servers)

            visitor = Visitor()
            token = visitor.form_token(first)
            statuses = [
                visitor.sign_up(
                    first if number % 2 == 0 else second, token, f"p{number}@example.org"
                )
                for number in range(7)
            ]
    assert statuses == [200, 200, 200, 200, 200, 429, 429]
    if connection.vendor == "postgresql":  # the servers wrote to the test database itself
        assert Subscriber.objects.count() == 5


@pytest.mark.django_db
def test_sites_sharing_one_redis_count_their_own_sign_ups(client, archive):
    """Two hubs on one Redis database, told apart by CACHE_KEY_PREFIX, keep separate limits."""
    with redis_cache(key_prefix("kommun-a")):
        for number in range(5):
            sign_up(client, email=f"person{number}@example.org")
        assert sign_up(client, email="person6@example.org").status_code == 429
        with redis_cache(key_prefix("kommun-b")):
            assert sign_up(client, email="person7@example.org").status_code == 200
