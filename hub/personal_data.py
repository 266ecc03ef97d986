"""Everything the hub holds about one e-mail address: exported, or erased.

Held: a newsletter subscriber (with its consent, its delivery records and its alerts, each
with its own consent), contacts (a name,
role, workplace and phone shown on case studies and events, in each language, with the copy
wagtail-localize keeps for translating them and the admin's history of edits to them) and
admin accounts. The search statistics (queries, and how often they were made) are about no
one. The hub has no other forms that store what visitors send.

Erasing deletes the subscriber and the contacts. Pages that showed a contact stay published
and valid: their link to it goes with it, and their revisions leave it out when they are
opened. Admin accounts are exported but never erased here: they own revisions and the
history, and are deactivated or deleted in the admin (Settings → Users).
"""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from wagtail.models import ModelLogEntry
from wagtail_localize.models import TranslatableObject, TranslationSource

from hub.models import Contact, Subscriber

ERASED_LABEL = "(erased)"


def address(email):
    """`email` without surrounding spaces; ValueError unless it is an e-mail address (a blank
    one would match every contact without an address)."""
    email = email.strip()
    try:
        validate_email(email)
    except ValidationError as error:
        raise ValueError(f"Not an e-mail address: {email!r}") from error
    return email


def contacts_of(email):
    """The contacts with this address, in every language (their translations share it)."""
    keys = Contact.objects.filter(email__iexact=email).values("translation_key")
    return Contact.objects.filter(translation_key__in=keys).select_related(
        "locale", "organisation", "municipality"
    )


def contact_links(contacts):
    """The rows linking pages to these contacts (case study contacts, event speakers, ...)."""
    ids = [contact.pk for contact in contacts]
    links = []
    for relation in Contact._meta.get_fields(include_hidden=True):
        if relation.one_to_many and relation.auto_created and not relation.concrete:
            rows = relation.related_model.objects.filter(**{relation.field.name + "__in": ids})
            links += list(rows.select_related("page").order_by("pk"))
    return links


def contact_history(contacts):
    content_type = ContentType.objects.get_for_model(Contact)
    return ModelLogEntry.objects.filter(
        content_type=content_type, object_id__in=[str(contact.pk) for contact in contacts]
    )


def export(email):
    """A JSON-ready dict of everything held about `email` (any letter case)."""
    email = address(email)
    subscribers = Subscriber.objects.filter(email__iexact=email).order_by("pk")
    contacts = list(contacts_of(email))
    links = contact_links(contacts)
    accounts = get_user_model().objects.filter(email__iexact=email).order_by("pk")
    return {
        "email": email,
        "newsletter_subscribers": [export_subscriber(subscriber) for subscriber in subscribers],
        "contacts": [export_contact(contact, links) for contact in contacts],
        "admin_accounts": [
            {
                "username": user.get_username(),
                "first_name": user.first_name,
                "last_name": user.last_name,
                "email": user.email,
                "active": user.is_active,
                "joined": user.date_joined,
                "last_login": user.last_login,
            }
            for user in accounts
        ],
    }


def export_subscriber(subscriber):
    deliveries = subscriber.deliveries.select_related("issue").order_by("created_at", "pk")
    return {
        "email": subscriber.email,
        "language": subscriber.language,
        "status": subscriber.status,
        "consent": subscriber.consent,
        "signed_up": subscriber.created_at,
        "consent_given": subscriber.confirmed_at,
        "unsubscribed": subscriber.unsubscribed_at,
        "confirmation_email_sent": subscriber.confirmation_sent_at,
        "issues_sent": [
            {
                "issue": delivery.issue.title,
                "number": delivery.issue.number,
                "status": delivery.status,
                "queued": delivery.created_at,
                "sent": delivery.sent_at,
            }
            for delivery in deliveries
        ],
        "alerts": [
            {
                "alert": alert.description(),
                "rhythm": alert.rhythm,
                "consent": alert.consent,
                "consent_language": alert.consent_language,
                "asked_for": alert.created_at,
                "consent_given": alert.confirmed_at,
                "ended": alert.ended_at,
                "sent_up_to": alert.last_sent_until,
            }
            for alert in subscriber.alerts.prefetch_related("themes", "counties", "municipalities")
        ],
    }


def export_contact(contact, links):
    return {
        "language": contact.locale.language_code,
        "name": contact.name,
        "role": contact.role,
        "organisation": contact.workplace if contact.organisation_id else None,
        "municipality": contact.municipality.name if contact.municipality_id else None,
        "email": contact.email,
        "phone": contact.phone,
        "shown_on": [
            {"title": link.page.title, "url": link.page.url}
            for link in links
            if link.contact_id == contact.pk
        ],
    }


@transaction.atomic
def erase(email):
    """Delete the subscriber and the contacts with `email` (any letter case), and what is
    kept with them. Returns how many of each were erased."""
    email = address(email)
    contacts = list(contacts_of(email))
    links = contact_links(contacts)
    history = contact_history(contacts).update(label=ERASED_LABEL, data={})
    # The copy of each contact that wagtail-localize translates from, and its translations;
    # the sources go first, as their segments protect the translation contexts.
    objects = TranslatableObject.objects.filter(
        translation_key__in={contact.translation_key for contact in contacts}
    )
    TranslationSource.objects.filter(object__in=objects).delete()
    objects.delete()
    for contact in contacts:  # one by one, so each leaves the search index and page caches
        contact.delete()
    subscribers = Subscriber.objects.filter(email__iexact=email)
    deliveries = sum(subscriber.deliveries.count() for subscriber in subscribers)
    erased_subscribers = subscribers.count()
    subscribers.delete()
    return {
        "newsletter_subscribers": erased_subscribers,
        "deliveries": deliveries,
        "contacts": len(contacts),
        "page_links": len(links),
        "history_entries": history,
    }
