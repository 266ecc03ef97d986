"""Rebuilding the files in the background when what they show changes.

A publish, unpublish, move or deletion of a page of a dataset's type, or a change to what
the files name (themes, municipalities, counties, organisations, tags, event types), queues
a rebuild once its transaction has committed, unless one is already waiting: a burst of
changes, such as an import, waits for one rebuild, and a change made while a rebuild runs
gets one more afterwards.
"""

from django_tasks import TaskResultStatus, task
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from django.conf import settings
from django.db import transaction

from hub.open_data.building import build_all
from hub.open_data.registry import datasets


@task(backend=settings.OPEN_DATA_TASKS_BACKEND)
def build_open_data_task():
    report = build_all()
    return {"files": len(report), "rows": sum(built.rows for built in report)}


def rebuild_waiting():
    """Whether a rebuild is queued and not yet started."""
    if not isinstance(build_open_data_task.get_backend(), DatabaseBackend):
        return False
    return DBTaskResult.objects.filter(
        task_path=build_open_data_task.module_path, status=TaskResultStatus.READY
    ).exists()


def queue_rebuild():
    """Queue one rebuild, unless one is waiting already."""
    if not rebuild_waiting():
        build_open_data_task.enqueue()


def page_changed(sender, instance, **kwargs):
    """A page of a dataset's type published, unpublished, moved or deleted (receiver of
    page_published, page_unpublished, post_page_move and post_delete)."""
    if any(isinstance(instance, dataset.model) for dataset in datasets()):
        transaction.on_commit(queue_rebuild, robust=True)


def name_changed(sender, instance, raw=False, **kwargs):
    """A theme, place, organisation, tag or type that the files name saved or deleted
    (receiver of post_save and post_delete)."""
    if not raw and any(isinstance(instance, dataset.shows) for dataset in datasets()):
        transaction.on_commit(queue_rebuild, robust=True)
