"""CACHE_URL: which cache the hub uses, and the addresses it refuses."""

import pytest

from django.core.exceptions import ImproperlyConfigured

from hub.settings.base import cache_from_url

LOCAL_MEMORY = "django.core.cache.backends.locmem.LocMemCache"
REDIS = "django.core.cache.backends.redis.RedisCache"


def test_without_cache_url_each_worker_keeps_its_own():
    assert cache_from_url("", "klimathubben")["BACKEND"] == LOCAL_MEMORY


@pytest.mark.parametrize(
    "url",
    [
        "redis://127.0.0.1:6379/0",
        "redis://cache.example.org",
        "redis://:hemligt@cache.example.org:6380/3",
        "rediss://cache.example.org:6379/1",
        "unix:///run/redis/redis.sock?db=2",
    ],
)
def test_redis_addresses_share_the_cache(url):
    """Every form of Redis address goes to Redis as written, under the site's prefix."""
    config = cache_from_url(url, "kommun-a")
    assert (config["BACKEND"], config["LOCATION"], config["KEY_PREFIX"]) == (REDIS, url, "kommun-a")


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("memcached://127.0.0.1:11211", "scheme 'memcached' is not supported"),
        ("locmem://", "scheme 'locmem' is not supported"),
        ("127.0.0.1:6379", "is not supported"),
        ("cache.example.org", "scheme '' is not supported"),
        ("redis://", "needs a host"),
        ("redis://cache.example.org:port/0", "needs a host"),
        ("redis://cache.example.org:6379/cache", "needs a host"),
    ],
)
def test_other_addresses_stop_the_site_with_a_clear_message(url, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        cache_from_url(url, "klimathubben")
