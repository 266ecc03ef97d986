"""What the search page reuses between requests: each search's candidates and each result's
excerpt, kept under the content version (hub/versions.py), which changes whenever a page's
search entry is written or deleted, as well as whenever editors change content.

Every worker reads the version from the database once a request, so each sees a change as
soon as it is committed; the values themselves live in Django's cache, one per process by
default. `SEARCH_REUSE_SECONDS` (settings) is how long a value is kept; 0 reuses nothing, as
the site benchmark runs to time searches as a first visit.
"""

import hashlib
import json

from django.conf import settings
from django.core.cache import cache

from hub.versions import content_version, new_version


def current():
    """The token in effect, or None when nothing is to be reused."""
    return content_version() if settings.SEARCH_REUSE_SECONDS else None


def renew():
    """A new token: what was kept before is no longer read."""
    new_version()


def key(token, kind, *parts):
    text = json.dumps(parts, default=str, ensure_ascii=False)
    digest = hashlib.sha256(text.encode()).hexdigest()[:40]
    return f"search:{kind}:{token}:{digest}"


def reuse(token, kind, parts, compute):
    """The value kept for `parts` under `token`, else `compute()`, kept for next time."""
    if token is None:
        return compute()
    name = key(token, kind, *parts)
    value = cache.get(name)
    if value is None:
        value = compute()
        cache.set(name, value, settings.SEARCH_REUSE_SECONDS)
    return value


def reuse_each(token, kind, parts, ids, compute):
    """{id: value} for these ids: those kept under `token`, the others from `compute(ids)`."""
    if token is None:
        return compute(ids)
    names = {item: key(token, kind, *parts, item) for item in ids}
    kept = cache.get_many(names.values())
    found = {item: kept[name] for item, name in names.items() if name in kept}
    missing = [item for item in ids if item not in found]
    if missing:
        computed = compute(missing)
        cache.set_many(
            {names[item]: computed.get(item, "") for item in missing},
            settings.SEARCH_REUSE_SECONDS,
        )
        found.update({item: computed.get(item, "") for item in missing})
    return found
