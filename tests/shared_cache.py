"""The test Redis server: `scripts/with-redis` starts one and names it in REDIS_URL."""

import os
from contextlib import contextmanager

import pytest
import redis

from django.test import override_settings

from hub.settings.base import cache_from_url

REDIS_URL = os.environ.get("REDIS_URL", "")
NO_REDIS = "REDIS_URL is not set: run the tests under scripts/with-redis (make test does)"


def key_prefix(site="klimathubben-test"):
    """A prefix of this test process's own, so runs that share one Redis never meet."""
    return f"{site}-{os.getpid()}"


def forget(prefix):
    """Delete every key under `prefix`: `cache.clear()` on Redis empties the whole database."""
    client = redis.Redis.from_url(REDIS_URL)
    try:
        keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
        if keys:
            client.delete(*keys)
    finally:
        client.close()


@contextmanager
def redis_cache(prefix=None):
    """Django's default cache on the test Redis server, empty under its prefix."""
    if not REDIS_URL:
        pytest.skip(NO_REDIS)
    prefix = prefix or key_prefix()
    forget(prefix)
    try:
        with override_settings(CACHES={"default": cache_from_url(REDIS_URL, prefix)}):
            yield prefix
    finally:
        forget(prefix)
