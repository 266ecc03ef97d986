"""Mail that goes out: the confirmation link, and an issue to its subscribers in the background."""

import logging
from dataclasses import dataclass

from django_tasks import task

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext

from hub.newsletters.email import email_context, render_issue_email
from hub.newsletters.links import confirm_url, unsubscribe_url
from hub.newsletters.pages import NewsletterIssuePage
from hub.newsletters.subscribers import Delivery, Subscriber

logger = logging.getLogger(__name__)


def send_confirmation(subscriber):
    with translation.override(subscriber.language):
        context = {"confirm_url": confirm_url(subscriber), "site_url": settings.SITE_BASE_URL}
        message = EmailMultiAlternatives(
            subject=gettext("Confirm your subscription to Klimathubben's newsletter"),
            body=render_to_string("newsletter/confirm_email.txt", context),
            to=[subscriber.email],
        )
        message.send()


def build_message(issue, subscriber, connection, shared):
    subject, text, html = render_issue_email(issue, subscriber, shared)
    unsubscribe = unsubscribe_url(subscriber)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[subscriber.email],
        connection=connection,
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


@dataclass
class SendReport:
    sent: int = 0
    failed: int = 0
    already: int = 0


def confirmed_subscribers(language):
    return Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED, language=language)


def waiting_subscribers(issue):
    """Confirmed subscribers of the issue's language who have not had it."""
    return confirmed_subscribers(issue.locale.language_code).exclude(deliveries__issue=issue)


def send_issue(issue, batch_size=None):
    """Send `issue` to every confirmed subscriber of its language who has not had it.

    Each subscriber's delivery row is written before the message goes out; a retry, or a
    second sender running at the same time, skips every subscriber that has a row.
    """
    batch_size = batch_size or settings.NEWSLETTER_BATCH_SIZE
    report = SendReport(already=issue.deliveries.count())
    waiting = waiting_subscribers(issue)
    shared = email_context(issue)  # the issue itself is rendered once, not per subscriber
    while batch := list(waiting.order_by("pk")[:batch_size]):
        connection = get_connection()
        connection.open()
        try:
            for subscriber in batch:
                try:
                    with transaction.atomic():
                        delivery = Delivery.objects.create(issue=issue, subscriber=subscriber)
                except IntegrityError:
                    continue  # Someone else is sending this one.
                try:
                    build_message(issue, subscriber, connection, shared).send()
                except Exception:
                    logger.exception("Newsletter delivery %s failed", delivery.pk)
                    delivery.status = Delivery.Status.FAILED
                    report.failed += 1
                else:
                    delivery.status = Delivery.Status.SENT
                    delivery.sent_at = timezone.now()
                    report.sent += 1
                delivery.save(update_fields=["status", "sent_at"])
        finally:
            connection.close()
    logger.info(
        "Newsletter issue %s: %s sent, %s failed, %s sent before",
        issue.pk,
        report.sent,
        report.failed,
        report.already,
    )
    return report


@task()
def send_issue_task(issue_id):
    issue = NewsletterIssuePage.objects.get(pk=issue_id)
    report = send_issue(issue)
    return {"sent": report.sent, "failed": report.failed, "already": report.already}
