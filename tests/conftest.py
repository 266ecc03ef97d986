from contextlib import contextmanager

import pytest

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.utils import translation

from search.textsearch import has_compound_splitting
from tests.factories import CaseStudyIndexPageFactory
from tests.shared_cache import redis_cache
from tests.shared_rows import make_home, make_home_en, make_themes
from tests.utils import load_municipalities, turn_on_page_cache


@pytest.fixture(autouse=True)
def _reset_language_and_cache():
    """Each test starts in Swedish with an empty cache (Wagtail caches site root paths)."""
    translation.activate("sv")
    cache.clear()
    yield
    translation.activate("sv")


@pytest.fixture(params=["local memory", pytest.param("redis", marks=pytest.mark.redis)])
def each_cache(request):
    """The test runs twice: on each worker's own memory, and on a Redis server shared by all."""
    if request.param == "redis":
        with redis_cache():
            yield request.param
    else:
        yield request.param


@contextmanager
def kept_pages(settings, alias):
    """The page cache on in cache `alias`, or on the shared Redis server for "redis"."""
    if alias == "redis":
        # Both overrides in one stack: pytest-django's `settings` would restore, after the
        # test, the caches as they were inside this block.
        with redis_cache(), override_settings(PAGE_CACHE_SECONDS=600, PAGE_CACHE_ALIAS="default"):
            yield
    else:
        turn_on_page_cache(settings, alias)
        yield


@pytest.fixture(params=["default", "redis"])
def page_cache(request, settings):
    """The page cache on: in each worker's own memory, and on the Redis server that several
    workers share."""
    with kept_pages(settings, request.param):
        yield


@pytest.fixture
def swedish_municipalities(db):
    """All counties and municipalities (transactional tests empty what the migration filled)."""
    load_municipalities()


@pytest.fixture
def home(db):
    """The Swedish home page at the root of the default site, with the municipalities."""
    return make_home()


@pytest.fixture
def home_en(home):
    """The English translation of the home page."""
    return make_home_en(home)


@pytest.fixture
def library(home):
    """The Swedish case study library under the home page."""
    return CaseStudyIndexPageFactory(parent=home)


@pytest.fixture
def themes(db):
    return make_themes()


@pytest.fixture
def editor(client):
    """A signed-in editor with every permission."""
    user = get_user_model().objects.create_superuser("redaktor", "redaktor@example.org", "losen")
    client.force_login(user)
    return user


@pytest.fixture
def postgres():
    """Skip unless the test runs on PostgreSQL."""
    if connection.vendor != "postgresql":
        pytest.skip("Text search configurations, stemming and compound splitting need PostgreSQL.")


@pytest.fixture
def postgres_dictionary(postgres):
    """Skip unless PostgreSQL with the Swedish hunspell dictionary runs the test."""
    if not has_compound_splitting(connection):
        pytest.skip("The Swedish hunspell dictionary is not installed on this server.")
