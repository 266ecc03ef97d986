import logging

from django.conf import settings
from django.db import DatabaseError, transaction

from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.index import class_is_indexed, insert_or_update_object
from wagtail.snippets.models import get_snippet_models

from search import caching, facetkeys

logger = logging.getLogger(__name__)

FILLING_MIGRATIONS = {"0005_facet_keys", "0006_search_entries"}


def reindex_published_page(sender, instance, **kwargs):
    """Index a page again once publishing has saved its tags, themes and places.

    modelsearch indexes on post_save, which modelcluster sends before it writes the page's
    child relations and parental many-to-many fields; without this, a page's new tags would
    reach the index only with its next save.
    """
    transaction.on_commit(lambda: insert_or_update_object(instance))


def index_snippets_after_migrate(sender, plan=None, **kwargs):
    """Index the snippets again after migrations have run.

    modelsearch indexes an object when it is saved, and a data migration's rows never are:
    the 290 municipalities and 21 counties would be missing from the admin's choosers. A
    change to a model's search fields also changes what its existing rows should have in the
    index. The snippets are a few hundred rows, so they are indexed whole. A search cluster
    is filled by `update_index` (docs/search.md); this covers the database backends.
    """
    if not plan or settings.SEARCH_BACKEND != "database":
        return  # Nothing migrated (or a flush), or the index lives elsewhere.
    backend = get_search_backend()
    try:
        for model in get_snippet_models():
            if class_is_indexed(model):
                backend.add_bulk(model, model.get_indexed_objects())
    except DatabaseError:
        # Migrated to an earlier state than the models describe.
        logger.warning("Snippets not indexed after migrating; run `manage.py update_index`.")


def refresh_facet_keys(sender, instance, **kwargs):
    """Keep a page's facet keys in step when it is published, unpublished or moved.

    The database backends also refresh them whenever they index a page; this covers a search
    cluster, which indexes elsewhere.
    """
    page_id = instance.pk
    transaction.on_commit(lambda: facetkeys.refresh([page_id]))


def fill_facet_keys_after_migrate(sender, plan=None, **kwargs):
    """Derive every page's entry and facet keys when the migrations that add what they hold
    have just run (`search.0005`, `search.0006`)."""
    created = any(
        migration.app_label == "search" and migration.name in FILLING_MIGRATIONS and not backwards
        for migration, backwards in plan or []
    )
    if created and Page.objects.exclude(depth=1).exists():
        facetkeys.refresh_all()


def renew_search_version(sender, instance, **kwargs):
    """A deleted page leaves the searches and excerpts kept in the cache."""
    caching.renew()
