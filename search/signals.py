from django.db import transaction

from wagtail.search.index import insert_or_update_object


def reindex_published_page(sender, instance, **kwargs):
    """Index a page again once publishing has saved its tags, themes and places.

    modelsearch indexes on post_save, which modelcluster sends before it writes the page's
    child relations and parental many-to-many fields; without this, a page's new tags would
    reach the index only with its next save.
    """
    transaction.on_commit(lambda: insert_or_update_object(instance))
