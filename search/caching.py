"""What the search page reuses between requests: each search's candidates and each result's
excerpt, kept under a token that changes whenever a page's search entry is written or deleted.

The token lives in the database (`SearchVersion`, one query per search), so every worker
process sees a change as soon as it is committed; the values themselves live in Django's
cache, one per process by default. The token is random rather than a counter, which a
rolled-back transaction would set back to a value already used. Without a token (a database
that was flushed) nothing is reused.
"""

import hashlib
import json
import uuid

from django.core.cache import cache

from search.models import SearchVersion

TIMEOUT = 60 * 60
VERSION_ID = 1


def current():
    """The token in effect, or None."""
    return SearchVersion.objects.filter(pk=VERSION_ID).values_list("token", flat=True).first()


def renew():
    """A new token: what was kept before is no longer read."""
    token = uuid.uuid4().hex
    if not SearchVersion.objects.filter(pk=VERSION_ID).update(token=token):
        SearchVersion.objects.create(pk=VERSION_ID, token=token)


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
        cache.set(name, value, TIMEOUT)
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
        cache.set_many({names[item]: computed.get(item, "") for item in missing}, TIMEOUT)
        found.update({item: computed.get(item, "") for item in missing})
    return found
