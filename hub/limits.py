"""Who is asking, and how often: the client's address and an atomic counter in the shared cache,
for the limits on sign-ups, password resets and search statistics."""

from django.conf import settings
from django.core.cache import cache


def client_address(request):
    """The visitor's address; behind a trusted proxy, the one it appended to X-Forwarded-For."""
    if settings.USE_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded.strip():
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "unknown")


def count(key, seconds):
    """Count one more under `key` for the next `seconds`; the count, this one included.

    `add` and `incr` are atomic in Redis and in the local-memory cache, so workers that share
    a cache never both read the same count."""
    cache.add(key, 0, timeout=seconds)
    try:
        counted = cache.incr(key)
    except ValueError:  # the period ended between the two calls: this one starts a new one
        cache.set(key, 1, timeout=seconds)
        counted = 1
    if counted == 1:
        # Redis's INCR makes a counter with no expiry if the old one expired just before it.
        cache.touch(key, seconds)
    return counted
