"""Mail that goes out: the confirmation link, and an issue to its subscribers.

Both run in the worker (`hub/newsletters/tasks.py`), never in a visitor's or editor's request.
"""

import logging
import smtplib
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext

from hub.newsletters.email import email_context, render_issue_email
from hub.newsletters.links import confirm_url, unsubscribe_url
from hub.newsletters.subscribers import Delivery, Subscriber, confirmation_due

logger = logging.getLogger(__name__)

# The mail server answered "no": the message was not taken, so sending it again is safe.
# Any other error while a message goes out (a broken connection, a timeout) leaves it unknown
# whether the server took it.
REFUSED = (smtplib.SMTPResponseException, smtplib.SMTPRecipientsRefused)


class SendingInterrupted(Exception):
    """The connection to the mail server broke while a message went out."""


def send_confirmation(subscriber, connection=None):
    with translation.override(subscriber.language):
        context = {
            "confirm_url": confirm_url(subscriber),
            "site_url": settings.SITE_BASE_URL,
            # What the link also starts, so the reader knows what they agree to.
            "alerts": [alert.description() for alert in subscriber.alerts_waiting()],
        }
        message = EmailMultiAlternatives(
            subject=gettext("Confirm your subscription to Klimathubben's newsletter"),
            body=render_to_string("newsletter/confirm_email.txt", context),
            to=[subscriber.email],
            connection=connection,
        )
        message.send()


def send_pending_confirmation(subscriber_id):
    """Send the confirmation e-mail a sign-up asked for, unless another worker has taken it on
    or the address had one within `CONFIRMATION_INTERVAL` (then the request is dropped).

    Returns True when it went out, False when there was nothing to send. Raises when the mail
    server could not be reached or refused it; the request is then put back for a retry.
    """
    owed = Subscriber.objects.filter(
        pk=subscriber_id, status=Subscriber.Status.PENDING, confirmation_requested_at__isnull=False
    )
    subscriber = owed.first()
    if subscriber is None:
        return False
    requested = subscriber.confirmation_requested_at
    sent_before = subscriber.confirmation_sent_at
    connection = get_connection()
    connection.open()  # Nothing is taken on while the mail server cannot be reached.
    try:
        # Taken on before it goes out: whoever clears the request sends the e-mail. The stamp
        # is written in the same statement, so no other worker sends one for a day.
        now = timezone.now()
        if not owed.filter(confirmation_due(now), confirmation_requested_at=requested).update(
            confirmation_requested_at=None, confirmation_sent_at=now
        ):
            if owed.filter(confirmation_requested_at=requested).update(
                confirmation_requested_at=None
            ):
                logger.info("Subscriber %s had a confirmation lately: none sent", subscriber_id)
            return False
        try:
            send_confirmation(subscriber, connection)
        except REFUSED:
            Subscriber.objects.filter(pk=subscriber_id, confirmation_sent_at=now).update(
                confirmation_sent_at=sent_before
            )
            Subscriber.objects.filter(
                pk=subscriber_id, confirmation_requested_at__isnull=True
            ).update(confirmation_requested_at=requested)
            raise
    finally:
        connection.close()
    Subscriber.objects.filter(pk=subscriber_id).update(confirmation_sent_at=timezone.now())
    logger.info("Newsletter confirmation sent to subscriber %s", subscriber_id)
    return True


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
    """Confirmed subscribers of the issue's language who have not had it: no delivery yet, or
    one the mail server refused."""
    had = issue.deliveries.exclude(status=Delivery.Status.FAILED).values("subscriber")
    return confirmed_subscribers(issue.locale.language_code).exclude(pk__in=had)


def take_on(issue, subscriber):
    """The subscriber's delivery row, written before the message goes out; None when another
    sender has it or has sent it."""
    try:
        with transaction.atomic():
            return Delivery.objects.create(issue=issue, subscriber=subscriber)
    except IntegrityError:
        pass
    refused = Delivery.objects.filter(
        issue=issue, subscriber=subscriber, status=Delivery.Status.FAILED
    )
    if refused.update(status=Delivery.Status.SENDING):
        return Delivery.objects.get(issue=issue, subscriber=subscriber)
    return None


def send_issue(issue, batch_size=None):
    """Send `issue` to every confirmed subscriber of its language who has not had it.

    Each subscriber's delivery row is written before the message goes out; a retry, or a
    second sender running at the same time, skips every subscriber that has a row, except one
    the mail server refused. When the connection breaks while a message goes out, that one is
    marked unknown and sending stops with `SendingInterrupted`, for a retry to go on later.
    """
    batch_size = batch_size or settings.NEWSLETTER_BATCH_SIZE
    report = SendReport(already=issue.deliveries.exclude(status=Delivery.Status.FAILED).count())
    waiting = waiting_subscribers(issue).order_by("pk")
    shared = email_context(issue)  # the issue itself is rendered once, not per subscriber
    last = 0  # by key, so a refused subscriber is tried once per run
    while batch := list(waiting.filter(pk__gt=last)[:batch_size]):
        last = batch[-1].pk
        connection = get_connection()
        try:
            for subscriber in batch:
                # Open before taking anyone on: a server that cannot be reached costs nobody
                # their message. After a refusal the server may have hung up, so reconnect.
                connection.open()
                if (delivery := take_on(issue, subscriber)) is None:
                    continue
                try:
                    build_message(issue, subscriber, connection, shared).send()
                except REFUSED:
                    logger.warning("Newsletter delivery %s refused", delivery.pk, exc_info=True)
                    delivery.status = Delivery.Status.FAILED
                    report.failed += 1
                    connection.close()
                except Exception as error:
                    delivery.status = Delivery.Status.UNKNOWN
                    delivery.save(update_fields=["status"])
                    raise SendingInterrupted(f"Newsletter delivery {delivery.pk}") from error
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
