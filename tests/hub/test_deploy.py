import os
import socket
import subprocess
import sys
import time
from io import StringIO
from pathlib import Path
from urllib.error import URLError
from urllib.request import urlopen

import pytest

from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "hub.settings.production",
    "SECRET_KEY": "x7!Rk2#pV9qL$wZ4nB8@cT1^yH6&mJ3*fD5(gS0)eA-uQ+iO=oP_lK~",
    "ALLOWED_HOSTS": "klimathubben.example.org",
    "SITE_BASE_URL": "https://klimathubben.example.org",
    "DATABASE_URL": "sqlite:///:memory:",
}


def server_environment(env):
    """This process's environment with `env` in place of the settings a test chooses."""
    # The browser tests allow async-unsafe ORM calls in this process; a server never does.
    ignored = {*PRODUCTION_ENV, "DJANGO_ALLOW_ASYNC_UNSAFE", "WEB_CONCURRENCY"}
    clean_env = {key: value for key, value in os.environ.items() if key not in ignored}
    return {**clean_env, **env}


def manage(*args, env):
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=server_environment(env),
        capture_output=True,
        text=True,
        check=False,
    )


def printed_settings(statement, values, env):
    """What the settings under `env` print for `values`, after `statement`, in a new process."""
    code = f"from django.conf import settings; {statement}; print({values})"
    return manage("shell", "--no-imports", "-c", code, env=env)


def test_production_settings_pass_the_deploy_check():
    """`check --deploy` finds nothing once the documented variables are set."""
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    """A production server without SECRET_KEY stops with a clear message."""
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.django_db
def test_no_missing_migrations():
    """Every model change has its migration."""
    output = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=output)
    except SystemExit:
        pytest.fail(f"Missing migrations:\n{output.getvalue()}")


def test_an_unknown_search_backend_stops_with_the_choices():
    """A mistyped SEARCH_BACKEND names the valid choices instead of failing later."""
    result = manage("check", env={**PRODUCTION_ENV, "SEARCH_BACKEND": "elastic"})
    assert result.returncode != 0
    assert "use database, elasticsearch8" in result.stderr


def test_a_search_cluster_is_chosen_by_environment_variable():
    """SEARCH_BACKEND and SEARCH_URL point Wagtail's search at Elasticsearch, Swedish analysis."""
    env = {
        **PRODUCTION_ENV,
        "SEARCH_BACKEND": "elasticsearch8",
        "SEARCH_URL": "https://search.example.org:9200",
    }
    result = printed_settings(
        "b = settings.WAGTAILSEARCH_BACKENDS['default']",
        "b['BACKEND'], b['URLS'][0], "
        "b['INDEX_SETTINGS']['settings']['analysis']['analyzer']['default']['type']",
        env=env,
    )
    assert result.stdout.split() == [
        "wagtail.search.backends.elasticsearch8",
        "https://search.example.org:9200",
        "swedish",
    ], result.stderr


def test_a_cache_url_of_another_kind_stops_with_the_choices():
    """A CACHE_URL that is not Redis names the valid forms, and not the URL's password."""
    env = {**PRODUCTION_ENV, "CACHE_URL": "memcached://hub:hemligt@cache.example.org:11211"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "use redis://host:6379/0" in result.stderr
    assert "hemligt" not in result.stderr


def test_cache_url_shares_the_cache_through_redis():
    """CACHE_URL and CACHE_KEY_PREFIX put Django's default cache on a Redis server."""
    env = {
        **PRODUCTION_ENV,
        "CACHE_URL": "redis://cache.example.org:6379/2",
        "CACHE_KEY_PREFIX": "kommun-a",
    }
    result = printed_settings(
        "c = settings.CACHES['default']", "c['BACKEND'], c['LOCATION'], c['KEY_PREFIX']", env=env
    )
    assert result.stdout.split() == [
        "django.core.cache.backends.redis.RedisCache",
        "redis://cache.example.org:6379/2",
        "kommun-a",
    ], result.stderr


def test_front_cache_urls_come_from_the_environment():
    """FRONTEND_CACHE_URL names each Varnish the hub purges; unset, there is none."""
    statement = "caches = settings.WAGTAILFRONTENDCACHE.values()"
    values = "[cache['LOCATION'] for cache in caches]"
    env = {**PRODUCTION_ENV, "FRONTEND_CACHE_URL": "http://10.0.0.5:6081, http://10.0.0.6:6081"}
    result = printed_settings(statement, values, env=env)
    assert result.stdout.strip() == "['http://10.0.0.5:6081', 'http://10.0.0.6:6081']"
    result = printed_settings(statement, values, env=PRODUCTION_ENV)
    assert result.stdout.strip() == "[]", result.stderr


def gunicorn(*args, env):
    return subprocess.Popen(  # noqa: S603 - the project's gunicorn with its own config
        [str(Path(sys.executable).with_name("gunicorn")), "-c", "deploy/gunicorn.conf.py", *args],
        cwd=ROOT,
        env=server_environment(env),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def test_gunicorn_config_sizes_workers_to_the_cores():
    """Without WEB_CONCURRENCY gunicorn starts two workers per core plus one."""
    output = gunicorn("--print-config", env=PRODUCTION_ENV).communicate(timeout=60)[0]
    pairs = (line.split(" = ", 1) for line in output.splitlines() if " = " in line)
    settings = {name.strip(): value.strip() for name, value in pairs}
    assert int(settings["workers"]) == 2 * os.cpu_count() + 1, output
    assert settings["wsgi_app"] == "hub.wsgi:application"


def test_gunicorn_serves_the_site_with_the_production_settings():
    """`gunicorn -c deploy/gunicorn.conf.py` answers on the address GUNICORN_BIND names."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {
        **PRODUCTION_ENV,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "1",
        # The database is empty (never migrated): the page cache, which reads the content
        # version on every anonymous request, stays out of this test of the server.
        "PAGE_CACHE_SECONDS": "0",
    }
    server = gunicorn(env=env)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=5) as response:  # noqa: S310
                    assert response.status == 200
                    assert response.headers["Server"] == "gunicorn"
                    assert "Sitemap:" in response.read().decode()
                break
            except URLError:
                assert server.poll() is None, server.communicate()[0]
                assert time.monotonic() < deadline, "gunicorn did not answer"
                time.sleep(0.1)
    finally:
        server.terminate()
        server.communicate(timeout=30)
