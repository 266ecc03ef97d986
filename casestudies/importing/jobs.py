"""An import started in the admin: its file until the worker is done, its progress, its report."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportJob(models.Model):
    """One uploaded file and what became of it.

    The file is kept in the database, where both the web server and the task worker reach it
    and nobody else does, and emptied once an import has written it.
    """

    class Mode(models.TextChoices):
        DRY_RUN = "dry_run", _("Dry run: show what would change")
        DRAFT = "draft", _("Import as drafts")
        PUBLISH = "publish", _("Import and publish")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting for the worker")
        CHECKING = "checking", _("Checking every row")
        WRITING = "writing", _("Writing pages")
        DONE = "done", _("Done")
        REFUSED = "refused", _("Refused: nothing was written")
        FAILED = "failed", _("Stopped by an error")

    FINISHED = (Status.DONE, Status.REFUSED, Status.FAILED)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    library = models.ForeignKey(
        "casestudies.CaseStudyIndexPage", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    file_name = models.CharField(max_length=255)
    content = models.BinaryField(null=True)
    mode = models.CharField(max_length=10, choices=Mode.choices)
    # The admin language of the editor, for the worker's messages.
    language = models.CharField(max_length=10, default="sv")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    report = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("case study import")
        verbose_name_plural = _("case study imports")
        indexes = [models.Index(fields=["user", "-created_at"], name="importjob_user_newest")]

    def __str__(self):
        return self.file_name

    @property
    def finished(self):
        return self.status in self.FINISHED
