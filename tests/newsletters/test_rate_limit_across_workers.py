"""The sign-up limit holds for the whole site when its workers share one Redis cache."""

import os
import re
import sqlite3
import urllib.error
import urllib.parse
import urllib.request
from contextlib import ExitStack
from http.cookiejar import CookieJar

import pytest

from django.conf import settings
from django.db import connection

from bench.site_load import HOST, free_port, gunicorn
from hub.models import Subscriber
from tests.newsletters.test_subscriptions import sign_up, started_long_ago
from tests.shared_cache import NO_REDIS, REDIS_URL, key_prefix, redis_cache

pytestmark = [pytest.mark.redis, pytest.mark.skipif(not REDIS_URL, reason=NO_REDIS)]

SIGN_UP = "/sv/nyhetsbrev/prenumerera/"


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
            for _ in range(2):
                port = free_port()
                log_path = tmp_path / f"gunicorn-{port}.log"
                stack.enter_context(gunicorn(env, port, 1, log_path, probe_path=SIGN_UP))
                servers.append(f"http://{HOST}:{port}")
            first, second = servers

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
