"""Subscribers and the record of which issue each one has been sent."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# A pending address gets at most one confirmation e-mail in this time, however often it is
# signed up: the form cannot be used to flood someone else's inbox.
CONFIRMATION_INTERVAL = timedelta(hours=24)


def confirmation_due(now):
    """Subscribers who may be sent a confirmation e-mail at `now`: none was sent in the last
    `CONFIRMATION_INTERVAL`, or they have unsubscribed since the last one (only they can)."""
    return (
        Q(confirmation_sent_at__isnull=True)
        | Q(confirmation_sent_at__lte=now - CONFIRMATION_INTERVAL)
        | Q(unsubscribed_at__gt=F("confirmation_sent_at"))
    )


class Subscriber(models.Model):
    """Someone who asked for the newsletter. Confirmed only through the link in their e-mail."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")

    email = models.EmailField(_("e-mail"), unique=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    consent = models.TextField(_("what they agreed to"), blank=True)
    created_at = models.DateTimeField(_("signed up"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    # Set by a sign-up, cleared by the worker that takes it on before the e-mail goes out: a
    # retry, or a second worker, finds nothing to send.
    confirmation_requested_at = models.DateTimeField(
        _("confirmation e-mail requested"), null=True, blank=True
    )
    confirmation_sent_at = models.DateTimeField(
        _("confirmation e-mail sent"), null=True, blank=True
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")

    def __str__(self):
        return self.email

    def confirm(self):
        self.status = self.Status.CONFIRMED
        self.confirmed_at = timezone.now()
        self.unsubscribed_at = None
        self.save(update_fields=["status", "confirmed_at", "unsubscribed_at"])

    def alerts_waiting(self):
        """The alerts that confirming the address starts."""
        return self.alerts.pending().prefetch_related("themes", "counties", "municipalities")

    def unsubscribe(self):
        self.status = self.Status.UNSUBSCRIBED
        self.unsubscribed_at = timezone.now()
        self.save(update_fields=["status", "unsubscribed_at"])


class Delivery(models.Model):
    """One issue to one subscriber. The row exists before the e-mail goes out, so a retry
    skips it: better to miss one message after a crash than to send anyone an issue twice.

    Only a message the mail server refused (FAILED) is tried again; one whose fate is unknown
    (the connection broke while it went out, or the worker died) never is.
    """

    class Status(models.TextChoices):
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Refused by the mail server")
        UNKNOWN = "unknown", _("Outcome unknown")

    issue = models.ForeignKey(
        "hub.NewsletterIssuePage", on_delete=models.CASCADE, related_name="deliveries"
    )
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SENDING)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issue", "subscriber"], name="one_delivery_per_issue")
        ]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")

    def __str__(self):
        return f"{self.issue_id} → {self.subscriber_id}: {self.status}"
