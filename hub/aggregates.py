"""Counts over all content (a listing's filters with nothing chosen, tags in use, items per
municipality, the sitemap's files), kept in the cache.

Counting every tagged page on each visit to the tag overview grows with the hub; the counts
change only when editors publish, unpublish, move, restrict or delete pages, or edit tags. Those
changes start a new content version (hub/versions.py), so the next visit counts once and the
rest read the result. The timeout is for coming events, which become past without anyone
saving anything.
"""

from taggit.models import Tag, TaggedItemBase

from django.core.cache import cache

from wagtail.models import Locale, Page, PageViewRestriction, Site

from hub.versions import content_version, new_version

TIMEOUT = 5 * 60
# What the counts and remembered values read: pages, their tags, the restrictions that make
# pages private, the sites and languages that place them at an address, and
# what content apps add with `watch()`: the rows linking pages to their themes, places and
# partners, and those terms themselves.
COUNTED = (Page, TaggedItemBase, Tag, PageViewRestriction, Site, Locale)
_watched = set()


def watch(*models):
    """Forget the kept counts whenever one of `models` changes, too."""
    _watched.update(models)


def cached_count(name, locale, compute):
    """`compute()` for this language, from the cache while no page or tag has changed."""
    return cached_aggregate(f"{name}:{locale.language_code}", compute)


def cached_aggregate(name, compute):
    """`compute()`, from the cache while no page or tag has changed."""
    key = f"hub:{name}:{content_version()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value


def content_changed(sender, instance=None, action="post", **kwargs):
    """Forget the counts when a page, tag or restriction changes (signal receiver)."""
    if action.startswith("pre"):  # m2m_changed says so before and after a change
        return
    if instance is None or isinstance(instance, COUNTED) or sender in _watched:
        new_version()
