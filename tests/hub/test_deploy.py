import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

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


def manage(*args, env):
    # The browser tests allow async-unsafe ORM calls in this process; a server never does.
    ignored = {*PRODUCTION_ENV, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean_env = {key: value for key, value in os.environ.items() if key not in ignored}
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean_env, **env},
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
