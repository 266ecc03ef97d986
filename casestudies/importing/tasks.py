"""An import started in the admin, run by `manage.py db_worker`, with its progress on the job."""

import logging

from django_tasks import task

from django.conf import settings
from django.utils import translation

from casestudies.importing.importer import import_file
from casestudies.importing.jobs import ImportJob

logger = logging.getLogger(__name__)


@task(backend=settings.IMPORT_TASKS_BACKEND)
def import_case_studies_task(job_id):
    job = ImportJob.objects.select_related("library", "user").filter(pk=job_id).first()
    if job is None or job.finished or job.content is None:
        return {"imported": False}
    jobs = ImportJob.objects.filter(pk=job.pk)
    jobs.update(status=ImportJob.Status.CHECKING)

    def progress(done, total):
        jobs.update(status=ImportJob.Status.WRITING, done=done, total=total)

    if job.library is None:
        jobs.update(status=ImportJob.Status.FAILED, content=None)
        return {"imported": False}
    try:
        with translation.override(job.language):
            report = import_file(
                job.file_name,
                bytes(job.content),
                job.library,
                user=job.user,
                dry_run=job.mode == ImportJob.Mode.DRY_RUN,
                publish=job.mode == ImportJob.Mode.PUBLISH,
                progress=progress,
            )
    except Exception:
        # What was written in whole chunks stays; importing the file again finishes the rest.
        logger.exception("Case study import %s stopped", job.pk)
        jobs.update(status=ImportJob.Status.FAILED, content=None)
        return {"imported": False}
    status = ImportJob.Status.REFUSED if report.refused else ImportJob.Status.DONE
    # A dry run keeps its file, so that the editor can import it without uploading it again.
    kept = job.content if job.mode == ImportJob.Mode.DRY_RUN and not report.refused else None
    jobs.update(status=status, report=report.as_json(), content=kept)
    return {"imported": report.written}


def start_import(job):
    import_case_studies_task.enqueue(job_id=str(job.pk))
