"""Search and reference index updates for imported pages: one task per chunk, not two per page.

Saved one at a time, each imported page would be indexed on every save (creating it, then its
revision), each index update a task of its own that reads the page and its relations anew.
The importer writes with those updates off, then queues one task per chunk of pages that
indexes them together, their relations read in a few queries (hub/indexing.py).
"""

from contextlib import contextmanager

from django_tasks import task

from django.db.models.signals import post_save

from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import ReferenceIndex
from wagtail.search.backends import get_search_backends
from wagtail.signal_handlers import disable_reference_index_auto_update

from casestudies.models import CaseStudyPage


@contextmanager
def indexed_afterwards():
    """Case study saves in this block update neither index; `index_pages_task` does it after.

    The search handler is a process-wide receiver: the import runs in the task worker or a
    management command, where nothing else saves case studies meanwhile.
    """
    post_save.disconnect(post_save_signal_handler, sender=CaseStudyPage)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        post_save.connect(post_save_signal_handler, sender=CaseStudyPage)


@task()
def index_pages_task(page_ids):
    pages = CaseStudyPage.get_indexed_objects().filter(pk__in=page_ids)
    for backend in get_search_backends():
        backend.add_bulk(CaseStudyPage, pages)
    for page in CaseStudyPage.objects.filter(pk__in=page_ids):
        ReferenceIndex.create_or_update_for_object(page)
