"""Counts over all content (a listing's filters with nothing chosen, tags in use, items per
municipality, the sitemap's files), kept in the cache.

Counting every tagged page on each visit to the tag overview grows with the hub; the counts
change only when editors publish, unpublish, move, restrict or delete pages, or edit tags. Those
changes start a new cache version, so the next visit counts once and the rest read the result.
The timeout bounds how long a count can lag where the cache is per process (each worker its own
local memory) and for coming events, which become past without anyone saving anything.
"""

from uuid import uuid4

from taggit.models import Tag, TaggedItemBase

from django.core.cache import cache
from django.db import transaction

from wagtail.models import Page, PageViewRestriction

VERSION_KEY = "hub:content-version"
TIMEOUT = 5 * 60
# What the counts read: pages, their tags and the restrictions that make pages private, and
# what content apps add with `watch()`: the rows linking pages to their themes, places and
# partners, and those terms themselves.
COUNTED = (Page, TaggedItemBase, Tag, PageViewRestriction)
_watched = set()


def watch(*models):
    """Forget the kept counts whenever one of `models` changes, too."""
    _watched.update(models)


def cached_count(name, locale, compute):
    """`compute()` for this language, from the cache while no page or tag has changed."""
    return cached_aggregate(f"{name}:{locale.language_code}", compute)


def cached_aggregate(name, compute):
    """`compute()`, from the cache while no page or tag has changed."""
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid4().hex
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY, version)
    key = f"hub:{name}:{version}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value


def start_new_version():
    cache.delete(VERSION_KEY)


def content_changed(sender, instance=None, action="post", **kwargs):
    """Forget the counts when a page, tag or restriction changes (signal receiver)."""
    if action.startswith("pre"):  # m2m_changed says so before and after a change
        return
    if instance is None or isinstance(instance, COUNTED) or sender in _watched:
        start_new_version()
        # Again once the change is committed, so that a visit during the transaction cannot
        # keep the old counts under the new version.
        transaction.on_commit(start_new_version)
