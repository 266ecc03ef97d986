"""The review workflow's e-mails, sent by the task worker instead of in the editor's request.

Wagtail connects four notifiers to its workflow signals (`wagtail.admin.signal_handlers`) and
sends their e-mails while the editor waits, over one SMTP connection per action: a slow mail
server slows the admin, and a mail server that is down loses the message. The hub connects its
own receivers first, under Wagtail's `dispatch_uid`s, so Wagtail's own connections are ignored.
Each receiver queues a task with the ids of what happened, in the same transaction; the worker
calls Wagtail's notifier with them. The messages, their recipients and the recipient's admin
language are Wagtail's own.
"""

import logging

from django_tasks import task

from django.conf import settings
from django.contrib.auth import get_user_model

from wagtail.admin import signal_handlers as wagtail_notifiers
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected, workflow_submitted

from hub.newsletters.tasks import MAIL_PRIORITY

logger = logging.getLogger(__name__)

# What happened: (signal, sender, Wagtail's dispatch_uid, Wagtail's notifier).
EVENTS = {
    "task_submitted": (
        task_submitted,
        TaskState,
        "group_approval_task_submitted_email_notification",
        wagtail_notifiers.task_submission_email_notifier,
    ),
    "workflow_submitted": (
        workflow_submitted,
        WorkflowState,
        "workflow_state_submitted_email_notification",
        wagtail_notifiers.workflow_submission_email_notifier,
    ),
    "workflow_rejected": (
        workflow_rejected,
        WorkflowState,
        "workflow_state_rejected_email_notification",
        wagtail_notifiers.workflow_rejection_email_notifier,
    ),
    "workflow_approved": (
        workflow_approved,
        WorkflowState,
        "workflow_state_approved_email_notification",
        wagtail_notifiers.workflow_approval_email_notifier,
    ),
}


def connect():
    """Take over Wagtail's notifications; called before wagtail.admin's app is ready."""
    for event, (signal, sender, dispatch_uid, _notifier) in EVENTS.items():
        signal.connect(Receiver(event), sender=sender, dispatch_uid=dispatch_uid, weak=False)


class Receiver:
    def __init__(self, event):
        self.event = event

    def __call__(self, sender, instance, user=None, **kwargs):
        # A rejection's message quotes the reviewer's comment on the step that was rejected:
        # named now, as the writer may have resubmitted by the time the worker runs.
        step = instance.current_task_state_id if isinstance(instance, WorkflowState) else None
        send_review_notification.enqueue(
            event=self.event,
            instance_id=instance.pk,
            user_id=user.pk if user else None,
            task_state_id=step,
        )


@task(backend=settings.MAIL_TASKS_BACKEND, priority=MAIL_PRIORITY)
def send_review_notification(event, instance_id, user_id=None, task_state_id=None):
    """Send what Wagtail would have sent in the request. Wagtail's notifier logs a message the
    mail server refused and goes on with the next recipient; nothing is tried twice, so nobody
    gets the same notification twice."""
    _signal, sender, _uid, notifier = EVENTS[event]
    instance = sender.objects.filter(pk=instance_id).first()
    if instance is None:
        return {"sent": False}  # the page and its workflow were deleted since
    if task_state_id is not None:
        instance.current_task_state_id = task_state_id
    if isinstance(instance, TaskState):
        instance = instance.specific
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    sent = notifier(instance=instance, user=user)
    if not sent:
        logger.warning("Review notification %s for %s not sent to everyone", event, instance_id)
    return {"sent": sent}
