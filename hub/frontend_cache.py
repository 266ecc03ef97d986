"""What the front-end cache (Varnish, deploy/varnish/) forgets when editors change content.

A page is shown at its own address and in lists: its section's index page (the library, the
calendar, the newsletter archive), the home pages, the pages of its tags and municipalities, the
feeds, the sitemap, the API's listings and answer, and the pages that link to it or that it
links to. When a page is published, unpublished, moved or deleted, the hub purges all of those
addresses in every language. A change to something shown across the site (a snippet such as a
theme, municipality, organisation, event type or contact; an image or document; a redirect,
site, language or view restriction; a renamed tag; a page with pages below it) bans everything
instead: no list of addresses can miss a page, and the cache fills again on the next visits.

Purges are collected over one request (`PurgeMiddleware`) or one transaction and sent once it
has committed, so that a visitor arriving in between cannot put the old page back in the cache.
Search results cannot be listed by address; the VCL does not keep them.
"""

import http.client
import logging
import threading
from copy import copy
from urllib.parse import urlsplit

from django_tasks import task
from taggit.models import Tag, TaggedItemBase

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import translation

from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.utils import PurgeBatch, get_backends
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction, ReferenceIndex, Site
from wagtail.snippets.models import get_snippet_models

from hub.sections import content_sections, section_for
from hub.sitemap import OTHER_PAGES

logger = logging.getLogger("wagtail.frontendcache")

# Seconds to wait for the cache; a purge that cannot be sent is logged, never an editor's error.
TIMEOUT = 5
_local = threading.local()


class VarnishBackend(HTTPBackend):
    """Wagtail's PURGE backend, sent over one connection with a timeout, that can also ban
    everything (deploy/varnish/default.vcl says what PURGE and BAN do there)."""

    def __init__(self, params):
        params = dict(params)
        self.timeout = params.pop("TIMEOUT", TIMEOUT)
        super().__init__(params)

    def purge(self, url):
        self.purge_batch([url])

    def purge_batch(self, urls):
        self.send([("PURGE", url) for url in urls])

    def ban_everything(self):
        self.send([("BAN", "/")])

    def send(self, requests):
        if self.cache_scheme == "https":
            connection_class = http.client.HTTPSConnection
        else:
            connection_class = http.client.HTTPConnection
        cache = connection_class(self.cache_netloc, timeout=self.timeout)
        try:
            for method, url in requests:
                parts = urlsplit(url)
                path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
                headers = {"Host": parts.netloc or self.cache_netloc, "User-Agent": "Klimathubben"}
                cache.request(method, path, headers=headers)
                response = cache.getresponse()
                response.read()
                if response.status >= 400:
                    logger.error("%s %s: the cache answered %s", method, url, response.status)
        except (OSError, http.client.HTTPException) as error:
            logger.error("Could not reach the front-end cache at %s: %s", self.cache_netloc, error)
        finally:
            cache.close()


@task()
def ban_everything():
    """Tell every front-end cache to forget every page."""
    for name, backend in get_backends().items():
        if hasattr(backend, "ban_everything"):
            logger.info("[%s] Banning everything", name)
            backend.ban_everything()
        else:
            logger.warning("[%s] cannot ban everything; its pages expire by their age", name)


def enabled():
    """Whether any front-end cache is configured (FRONTEND_CACHE_URL)."""
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


class Changes:
    """The addresses one request or transaction has changed, or everything; sent when called."""

    def __init__(self):
        self.batch = PurgeBatch()
        self.everything = False
        self.pages = set()

    def __call__(self):
        if self.everything:
            ban_everything.enqueue()
        elif self.batch.urls:
            self.batch.purge()

    def add_page(self, page, old_url_path=None, old_parent=None):
        """The page and every list that shows it, in every language."""
        if self.everything or (page.pk in self.pages and old_url_path is None):
            return
        self.pages.add(page.pk)
        if page.depth <= 2 or page.numchild:
            # Home pages and pages with pages below them are in every menu and breadcrumb.
            self.everything = True
            return
        parents = [page.get_parent(), old_parent]
        keys = {page.translation_key, *(parent.translation_key for parent in parents if parent)}
        shown_with = Q(translation_key__in=keys) | Q(depth=2) | Q(pk__in=linked_pages(page))
        for shown in Page.objects.filter(shown_with).exclude(pk=page.pk).specific(defer=True):
            self.add_addresses(shown)
        self.add_addresses(page)
        if old_url_path:
            moved_from = copy(page)
            moved_from.url_path = old_url_path
            self.add_addresses(moved_from)
        section = section_for(page.specific_class)
        if section is not None:
            self.add_terms(section, page)
        self.add_views("feed_rss", "feed_atom", "tag_index", "municipality_index")
        self.add_sitemap()
        self.add_api(page)

    def add_addresses(self, page):
        """A page's address with the paths of its feeds and other routes of its own."""
        self.batch.add_page(page)
        specific = page.specific_deferred
        if not isinstance(specific, RoutablePageMixin):
            return
        url = page.get_full_url(self.batch)
        if url is None:
            return
        for pattern in specific.get_subpage_urls():
            if pattern.name and not pattern.pattern.regex.groups:
                subpath = specific.reverse_subpage(pattern.name)
                if subpath:
                    self.batch.add_url(url + subpath)

    def add_terms(self, section, page):
        """The pages of the tags and municipalities this page has now."""
        pages = section.model.objects.filter(pk=page.pk)
        for slug in pages.values_list(f"{section.tags}__slug", flat=True):
            if slug:
                self.add_views("tag_detail", slug=slug)
        if section.places:
            ids = pages.values_list(section.places, flat=True)
            add_place_links(self, [pk for pk in ids if pk is not None])

    def add_views(self, *names, **kwargs):
        base = settings.SITE_BASE_URL
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                self.batch.add_urls(base + reverse(name, kwargs=kwargs or None) for name in names)

    def add_api(self, page):
        """The API's page listings, whatever their filters (a PURGE forgets every query
        string of a path), and the page's own answer (docs/api.md)."""
        base = settings.SITE_BASE_URL
        self.batch.add_url(base + reverse("api:pages:listing"))
        self.batch.add_url(base + reverse("api:pages:detail", args=[page.pk]))

    def add_sitemap(self):
        base = settings.SITE_BASE_URL
        self.batch.add_url(base + reverse("sitemap"))
        files = [section.key for section in content_sections()] + [OTHER_PAGES]
        for name in files:
            for code, _name in settings.LANGUAGES:
                kwargs = {"name": name, "language": code}
                self.batch.add_url(base + reverse("sitemap_section", kwargs=kwargs))


def linked_pages(page):
    """Ids of the pages that link to this one or that it links to (they may list it back)."""
    page_type = ContentType.objects.get_for_model(Page)
    to_page = ReferenceIndex.objects.filter(
        base_content_type=page_type, to_content_type=page_type, to_object_id=str(page.pk)
    ).values_list("object_id", flat=True)
    from_page = ReferenceIndex.objects.filter(
        base_content_type=page_type, object_id=str(page.pk), to_content_type=page_type
    ).values_list("to_object_id", flat=True)
    return {int(pk) for pk in [*to_page, *from_page] if pk.isdigit()}


def pending():
    """(the changes being collected, whether to send them now): one request's, one
    transaction's, or, outside both, this change's own."""
    changes = getattr(_local, "request_changes", None)
    if changes is not None:
        return changes, False
    if not connection.in_atomic_block:
        return Changes(), True
    changes = getattr(_local, "transaction_changes", None)
    if changes is None or not any(
        func is changes for _ids, func, _robust in connection.run_on_commit
    ):
        # A new transaction, or the last one was rolled back with what it had collected.
        changes = _local.transaction_changes = Changes()
        transaction.on_commit(changes, robust=True)
    return changes, False


def record(add):
    """Call `add(changes)` on the pending changes, and send them if nothing else will."""
    changes, send_now = pending()
    try:
        add(changes)
    except Exception:
        # The change is saved; what it touched could not be worked out, so forget everything.
        logger.exception("Could not list what a change shows on; banning everything")
        changes.everything = True
    if send_now:
        changes()


class PurgeMiddleware:
    """Sends what a request changed in one batch, after its transactions have committed and
    before the editor sees the answer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not enabled():
            return self.get_response(request)
        changes = _local.request_changes = Changes()
        try:
            return self.get_response(request)
        finally:
            _local.request_changes = None
            changes()


def bans_everything(model, instance, created, update_fields):
    if isinstance(instance, (get_image_model(), get_document_model())):
        # A new upload is on no page yet; Wagtail fills in an image's size or hash on its own.
        return not created and update_fields is None
    if isinstance(instance, Tag):
        return not created  # a renamed or deleted tag, shown on cards
    return model in get_snippet_models() or isinstance(
        instance, (Redirect, Site, Locale, PageViewRestriction)
    )


def page_changed(sender, instance, url_path_before=None, parent_page_before=None, **kwargs):
    """Purge a published, unpublished or moved page and its lists (signal receiver)."""
    if not enabled():
        return
    moved = url_path_before is not None and url_path_before != instance.url_path
    record(
        lambda changes: changes.add_page(
            instance,
            old_url_path=url_path_before if moved else None,
            old_parent=parent_page_before,
        )
    )


def row_changed(sender, instance, created=False, update_fields=None, **kwargs):
    """Purge what a deleted page, a changed link to a tag or a changed term showed on
    (post_save and post_delete receiver)."""
    if not enabled() or kwargs.get("raw"):
        return
    if isinstance(instance, Page):
        if "origin" in kwargs:  # deleted
            record(lambda changes: changes.add_page(instance))
    elif isinstance(instance, TaggedItemBase):
        record(lambda changes: add_term_links(changes, "tag_detail", Tag, [instance.tag_id]))
    elif places_link(sender) is not None:
        ids = [getattr(instance, places_link(sender))]
        record(lambda changes: add_place_links(changes, ids))
    elif bans_everything(sender, instance, created, update_fields):
        record(lambda changes: setattr(changes, "everything", True))


def links_changed(sender, instance, action, reverse=False, pk_set=None, **kwargs):
    """Purge the municipality pages a page was added to or taken from (m2m_changed receiver)."""
    if not enabled() or action not in {"post_add", "post_remove"} or places_link(sender) is None:
        return
    ids = [instance.pk] if reverse else list(pk_set or ())
    record(lambda changes: add_place_links(changes, ids))


def places_link(model):
    """The field naming the municipality on `model`, if it links pages to municipalities."""
    for section in content_sections():
        link = section.links("places")
        if link is not None and link[0] is model:
            return f"{link[2]}_id"
    return None


def add_term_links(changes, view_name, model, ids):
    for slug in model.objects.filter(pk__in=ids).values_list("slug", flat=True):
        changes.add_views(view_name, slug=slug)


def add_place_links(changes, municipality_ids):
    """The pages of these municipalities and of their counties."""
    from hub.models import Municipality

    rows = Municipality.objects.filter(pk__in=municipality_ids).values_list("slug", "county__slug")
    for slug, county in rows:
        changes.add_views("municipality_detail", slug=slug)
        changes.add_views("county_detail", slug=county)
