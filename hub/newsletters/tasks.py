"""Mail as background tasks, run by `manage.py db_worker`, and what the admin shows of them.

A task that could not reach the mail server, or whose messages it refused, enqueues itself
again a little later, up to `MAIL_ATTEMPTS` times in all. The delivery rows and the sign-up's
request for a confirmation (`sending.py`) make sure a retry never sends anyone a message twice.
"""

import logging
import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta

from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult, get_date_max

from django.conf import settings
from django.db.models import Count
from django.utils import timezone

from hub.newsletters.alerts import Alert, period_end
from hub.newsletters.digests import send_digest
from hub.newsletters.pages import NewsletterIssuePage
from hub.newsletters.sending import SendingInterrupted, send_issue, send_pending_confirmation
from hub.newsletters.subscribers import Delivery

logger = logging.getLogger(__name__)

# Mail goes ahead of Wagtail's index updates in the queue: someone is waiting for it, and a bulk
# import can queue thousands of those.
MAIL_PRIORITY = 10
# What a mail server that is down, slow or unwilling raises.
MAIL_TROUBLE = (OSError, smtplib.SMTPException, SendingInterrupted)


def retry_later(task_, attempt, **kwargs):
    """Enqueue `task_` again for attempt `attempt + 1`, later each time; False after the last."""
    if attempt >= settings.MAIL_ATTEMPTS or not task_.get_backend().supports_defer:
        logger.error("%s %s: giving up after %s attempts", task_.name, kwargs, attempt)
        return False
    run_after = timezone.now() + timedelta(seconds=settings.MAIL_RETRY_SECONDS * attempt)
    task_.using(run_after=run_after).enqueue(attempt=attempt + 1, **kwargs)
    return True


@task(backend=settings.MAIL_TASKS_BACKEND, priority=MAIL_PRIORITY)
def send_confirmation_task(subscriber_id, attempt=1):
    try:
        sent = send_pending_confirmation(subscriber_id)
    except MAIL_TROUBLE:
        logger.warning("Confirmation for subscriber %s not sent", subscriber_id, exc_info=True)
        retried = retry_later(send_confirmation_task, attempt, subscriber_id=subscriber_id)
        return {"sent": False, "retry": retried}
    return {"sent": sent, "retry": False}


@task(backend=settings.MAIL_TASKS_BACKEND, priority=MAIL_PRIORITY)
def send_issue_task(issue_id, attempt=1):
    issue = NewsletterIssuePage.objects.filter(pk=issue_id).first()
    if issue is None:
        return {"sent": 0, "failed": 0, "retry": False}  # deleted since the editor sent it
    try:
        report = send_issue(issue)
    except MAIL_TROUBLE:
        logger.warning("Newsletter issue %s interrupted", issue_id, exc_info=True)
        return {"retry": retry_later(send_issue_task, attempt, issue_id=issue_id)}
    retried = bool(report.failed) and retry_later(send_issue_task, attempt, issue_id=issue_id)
    return {"sent": report.sent, "failed": report.failed, "retry": retried}


def enqueue_issue(issue):
    return send_issue_task.enqueue(issue_id=issue.pk)


@task(backend=settings.MAIL_TASKS_BACKEND, priority=MAIL_PRIORITY)
def send_alert_digest_task(alert_id, until, attempt=1):
    """The digest of one alert for the period that ends at `until` (an ISO 8601 time)."""
    try:
        listed = send_digest(alert_id, datetime.fromisoformat(until))
    except MAIL_TROUBLE:
        logger.warning("Digest of alert %s not sent", alert_id, exc_info=True)
        retried = retry_later(send_alert_digest_task, attempt, alert_id=alert_id, until=until)
        return {"listed": None, "retry": retried}
    return {"listed": listed, "retry": False}


def enqueue_due_digests(now=None):
    """One task per alert whose period has ended since its last digest; the number queued."""
    now = now or timezone.now()
    queued = 0
    for alert_id, rhythm in Alert.objects.due(now).order_by("pk").values_list("pk", "rhythm"):
        until = period_end(rhythm, now).isoformat()
        send_alert_digest_task.enqueue(alert_id=alert_id, until=until)
        queued += 1
    return queued


@dataclass
class SendingState:
    """How far sending an issue has come, for the admin."""

    queued: bool = False  # a send waits for the worker
    retry_at: datetime | None = None  # when that waiting send is a retry: not before then
    # When the worker sending it now started. A worker killed outright (not stopped with
    # SIGTERM) leaves its task looking busy, so this never blocks another send.
    running_since: datetime | None = None
    sent: int = 0
    refused: int = 0
    unknown: int = 0


def sending_state(issue):
    tasks = DBTaskResult.objects.filter(
        task_path=send_issue_task.module_path, args_kwargs__kwargs__issue_id=issue.pk
    )
    running = tasks.running().order_by("started_at").first()
    waiting = tasks.filter(status=TaskResultStatus.READY).order_by("run_after").first()
    counts = dict(issue.deliveries.values_list("status").annotate(count=Count("pk")).order_by())
    # A message taken on by no running worker is one whose worker died while it went out.
    unknown = counts.get(Delivery.Status.UNKNOWN, 0)
    if not running:
        unknown += counts.get(Delivery.Status.SENDING, 0)
    return SendingState(
        queued=waiting is not None,
        retry_at=waiting.run_after if waiting and waiting.run_after < get_date_max() else None,
        running_since=running.started_at if running else None,
        sent=counts.get(Delivery.Status.SENT, 0),
        refused=counts.get(Delivery.Status.FAILED, 0),
        unknown=unknown,
    )
