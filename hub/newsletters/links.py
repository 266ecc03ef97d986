"""Addresses written into e-mails: absolute, and signed to confirm or end a subscription."""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

from hub.newsletters.alerts import Alert
from hub.newsletters.subscribers import Subscriber

# The salts keep their original values, so links in e-mails already sent still work.
CONFIRM_SALT = "hub.newsletter.confirm"
UNSUBSCRIBE_SALT = "hub.newsletter.unsubscribe"
CONFIRM_MAX_AGE = 60 * 60 * 24 * 7


def absolute(path):
    return f"{settings.SITE_BASE_URL}{path}"


def unsubscribed_stamp(subscriber):
    """When the subscriber last unsubscribed, as a confirmation link carries it (or None)."""
    if subscriber.unsubscribed_at is None:
        return None
    return subscriber.unsubscribed_at.isoformat()


def confirm_url(subscriber):
    # The link holds the moment of the last unsubscribe, so a link sent before it cannot
    # start the subscription again.
    token = signing.dumps([subscriber.pk, unsubscribed_stamp(subscriber)], salt=CONFIRM_SALT)
    with translation.override(subscriber.language):
        return absolute(reverse("newsletter_confirm", args=[token]))


def unsubscribe_url(subscriber):
    token = signing.dumps(subscriber.pk, salt=UNSUBSCRIBE_SALT)
    with translation.override(subscriber.language):
        return absolute(reverse("newsletter_unsubscribe", args=[token]))


def subscriber_from_token(token, salt, max_age=None):
    return object_from_token(Subscriber.objects.all(), token, salt, max_age)


def object_from_token(queryset, token, salt, max_age=None):
    """The row of `queryset` whose id `token` carries, signed with `salt`; None for a bad or
    expired link or a row since deleted."""
    try:
        pk = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    return queryset.filter(pk=pk).first()


def confirmation_from_token(token):
    """The subscriber a confirmation link is for, and whether the link is still theirs to
    use: False when they unsubscribed after it was sent. (None, False) for a bad link."""
    try:
        payload = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:
        return None, False
    if isinstance(payload, int):  # sent before links held the stamp: valid until an unsubscribe
        payload = [payload, None]
    if not (isinstance(payload, list) and len(payload) == 2 and isinstance(payload[0], int)):
        return None, False
    subscriber = Subscriber.objects.filter(pk=payload[0]).first()
    if subscriber is None:
        return None, False
    return subscriber, payload[1] == unsubscribed_stamp(subscriber)


# A "manage my alerts" link lets its holder add alerts, so it expires; the link that ends one
# alert does not, like the unsubscribe link.
ALERTS_SALT = "hub.alerts.manage"
END_ALERT_SALT = "hub.alerts.end"
ALERTS_MAX_AGE = 60 * 60 * 24 * 180


def alerts_path(subscriber):
    """The subscriber's "manage my alerts" address, in the active language."""
    return reverse("alerts_manage", args=[signing.dumps(subscriber.pk, salt=ALERTS_SALT)])


def alerts_url(subscriber):
    with translation.override(subscriber.language):
        return absolute(alerts_path(subscriber))


def end_alert_url(alert):
    token = signing.dumps(alert.pk, salt=END_ALERT_SALT)
    with translation.override(alert.subscriber.language):
        return absolute(reverse("alert_end", args=[token]))


def alerts_token_subscriber(token):
    """The subscriber a "manage my alerts" link is for; None for a bad or expired link."""
    return subscriber_from_token(token, ALERTS_SALT, max_age=ALERTS_MAX_AGE)


def alert_from_token(token):
    """The alert a link to end it is for; None for a bad link or an alert since deleted."""
    return object_from_token(Alert.objects.select_related("subscriber"), token, END_ALERT_SALT)
