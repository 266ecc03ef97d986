"""What the hub remembers between requests, for as long as the content has not changed.

Every change editors make to pages, tags, terms or view restrictions gives the content a new
version (a token in the database, `ContentVersion`). A request reads the token once; each
worker keeps what it worked out (the page at an address, the menu, the language links, counts)
under the token it was worked out for, and forgets it all when the token changes. All workers
read the same token, so a change shows on every worker's next request, with no shared cache.
"""

import threading
from uuid import uuid4

from django.core.signals import request_finished, request_started
from django.db import connection

# Keys remembered at most, so a crawl of every address cannot grow a worker without bound.
MAX_ENTRIES = 20_000

_local = threading.local()
_remembered = {}
_remembered_version = [None]


def content_version():
    """The current token: read once per request, and again after a change. Outside a request
    (a management command, a task worker) it is read each time it is asked for, as nothing
    tells a long-running process when to read it again."""
    version = getattr(_local, "version", None)
    if version is None:
        from hub.models import ContentVersion

        with connection.cursor() as cursor:
            cursor.execute("SELECT token FROM hub_contentversion WHERE id = 1")
            row = cursor.fetchone()
        if row is None:  # a database emptied since it was migrated
            row = [ContentVersion.objects.get_or_create(pk=1)[0].token]
        version = str(row[0])
        if getattr(_local, "in_request", False):
            _local.version = version
    return version


def new_version():
    """Start a new version: what anyone remembered no longer holds."""
    from hub.models import ContentVersion

    if not ContentVersion.objects.filter(pk=1).update(token=uuid4()):
        ContentVersion.objects.update_or_create(pk=1, defaults={"token": uuid4()})
    _local.version = None


def request_starts(**kwargs):
    """Read the version anew in each request (request_started receiver)."""
    _local.in_request = True
    _local.version = None


def request_ends(**kwargs):
    """Outside requests the version is not kept (request_finished receiver)."""
    _local.in_request = False
    _local.version = None


request_started.connect(request_starts, dispatch_uid="hub_content_version_start")
request_finished.connect(request_ends, dispatch_uid="hub_content_version_end")


def remember(key, compute):
    """`compute()`, worked out once per content version in this worker.

    For what every request asks and a change to the content can alter: keep the values small
    and treat them as read-only, as the next request gets the same objects. Each value is kept
    with its version, so a request that started before a change can never store its value as
    the new version's (threads of one worker share what it remembers).
    """
    version = _current_version()
    found = _remembered.get(key)
    if found is not None and found[0] == version:
        return found[1]
    value = compute()
    _keep({key: value}, version)
    return value


def remember_each(key, items, compute):
    """The values of `items`, in their order, each remembered as `(*key, item)` per content
    version in this worker; `compute(missing)` works out {item: value} for those not yet
    remembered, all at once. An item that `compute()` does not find is left out."""
    version = _current_version()
    found = {}
    for item in items:
        entry = _remembered.get((*key, item))
        if entry is not None and entry[0] == version:
            found[item] = entry[1]
    missing = [item for item in items if item not in found]
    if missing:
        computed = compute(missing)
        _keep({(*key, item): value for item, value in computed.items()}, version)
        found.update(computed)
    return [found[item] for item in items if item in found]


def _current_version():
    """The content version, having forgotten what was remembered under an earlier one."""
    version = content_version()
    if _remembered_version[0] != version:
        _remembered.clear()
        _remembered_version[0] = version
    return version


def _keep(values, version):
    if len(_remembered) + len(values) > MAX_ENTRIES:
        _remembered.clear()
    for key, value in values.items():
        _remembered[key] = (version, value)


def remember_for(request, key, compute):
    """`remember()`, but worked out anew for a preview, which shows unsaved edits."""
    if getattr(request, "is_preview", False):
        return compute()
    return remember(key, compute)
