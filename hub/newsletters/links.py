"""Addresses written into e-mails: absolute, and signed to confirm or end a subscription."""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

from hub.newsletters.subscribers import Subscriber

# The salts keep their original values, so links in e-mails already sent still work.
CONFIRM_SALT = "hub.newsletter.confirm"
UNSUBSCRIBE_SALT = "hub.newsletter.unsubscribe"
CONFIRM_MAX_AGE = 60 * 60 * 24 * 7


def absolute(path):
    return f"{settings.SITE_BASE_URL}{path}"


def confirm_url(subscriber):
    token = signing.dumps(subscriber.pk, salt=CONFIRM_SALT)
    with translation.override(subscriber.language):
        return absolute(reverse("newsletter_confirm", args=[token]))


def unsubscribe_url(subscriber):
    token = signing.dumps(subscriber.pk, salt=UNSUBSCRIBE_SALT)
    with translation.override(subscriber.language):
        return absolute(reverse("newsletter_unsubscribe", args=[token]))


def subscriber_from_token(token, salt, max_age=None):
    try:
        subscriber_id = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:
        return None
    return Subscriber.objects.filter(pk=subscriber_id).first()
