"""An alert's digest: what was first published in its period that matches it, by e-mail.

Runs in the worker (`send_alert_digest_task` in `tasks.py`). The hub's content is written in
Swedish first, so a page matches by its Swedish original's first publication; an English reader
gets the English translation where one is published, and the Swedish page, marked as such,
where none is. That way a page is in one digest only, whenever its translation comes.
"""

import logging
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from hub.newsletters.alerts import Alert, alert_words
from hub.newsletters.links import absolute, alerts_url, end_alert_url

logger = logging.getLogger(__name__)

# A digest lists at most this many pages of each kind and says how many more there are: a
# monthly alert on all of Sweden can match hundreds after a bulk import.
MOST_LISTED = 25


@dataclass
class Source:
    """A kind of page a digest lists, and the relation that holds its themes."""

    model: str
    themes: str
    # Events that have ended by the time the digest goes out are left out.
    upcoming_only: bool = False

    @property
    def page_model(self):
        return apps.get_model(self.model)

    def heading(self, count):
        if self.model == "events.EventPage":
            words = ngettext("%(count)s new event", "%(count)s new events", count)
        else:
            words = ngettext("%(count)s new case study", "%(count)s new case studies", count)
        return words % {"count": count}


SOURCES = [
    Source("casestudies.CaseStudyPage", "case_study_themes"),
    Source("events.EventPage", "event_themes", upcoming_only=True),
]


@dataclass
class Entry:
    title: str
    url: str
    summary: str
    in_other_language: bool


@dataclass
class Section:
    heading: str
    entries: list
    more: int


def matching(source, alert, since, until, now):
    """The source's Swedish pages first published in [since, until) that match the alert:
    any of its themes (if it has any) and any of its places (if it has any)."""
    model = source.page_model
    # Pages behind a password or sign-in are never named in an e-mail.
    pages = (
        model.objects.live()
        .public()
        .filter(
            locale__language_code=settings.LANGUAGE_CODE,
            first_published_at__gte=since,
            first_published_at__lt=until,
        )
    )
    if source.upcoming_only:
        pages = pages.filter(end__gte=now)
    theme_keys = [theme.translation_key for theme in alert.themes.all()]
    if theme_keys:
        themed = model.objects.filter(
            **{f"{source.themes}__theme__translation_key__in": theme_keys}
        ).values("pk")
        pages = pages.filter(pk__in=themed)
    counties = [county.pk for county in alert.counties.all()]
    municipalities = [municipality.pk for municipality in alert.municipalities.all()]
    if counties or municipalities:
        placed = model.objects.filter(
            Q(municipalities__in=municipalities) | Q(municipalities__county__in=counties)
        ).values("pk")
        pages = pages.filter(pk__in=placed)
    return pages.order_by("first_published_at", "pk")


def section(source, alert, since, until, now):
    """The source's part of the digest in the reader's language, or None when nothing matched."""
    pages = matching(source, alert, since, until, now)
    listed = list(pages.only("title", "summary", "url_path", "translation_key")[:MOST_LISTED])
    if not listed:
        return None
    more = pages.count() - len(listed) if len(listed) == MOST_LISTED else 0
    translated = {}
    if alert.language != settings.LANGUAGE_CODE:
        translated = {
            page.translation_key: page
            for page in source.page_model.objects.live()
            .filter(
                locale__language_code=alert.language,
                translation_key__in=[page.translation_key for page in listed],
            )
            .only("title", "summary", "url_path", "translation_key")
        }
    entries = []
    for page in listed:
        shown = translated.get(page.translation_key, page)
        entries.append(
            Entry(
                title=shown.title,
                url=absolute(shown.url),
                summary=shown.summary,
                in_other_language=shown is page and alert.language != settings.LANGUAGE_CODE,
            )
        )
    return Section(heading=source.heading(len(listed) + more), entries=entries, more=more)


def render_digest(alert, sections):
    """Subject, plain text and HTML of the digest, in the reader's language."""
    with translation.override(alert.language):
        words = alert_words(alert)
        context = {
            "alert": alert,
            "words": words,
            "sections": sections,
            "alerts_url": alerts_url(alert.subscriber),
            "end_url": end_alert_url(alert),
            "site_url": settings.SITE_BASE_URL,
            "language": alert.language,
        }
        subject = gettext("New on Klimathubben: %(alert)s") % {"alert": words}
        text = render_to_string("newsletter/alert_digest.txt", context)
        html = render_to_string("newsletter/alert_digest.html", context)
    return subject, text, html


def send_digest(alert_id, until, connection=None):
    """Send the alert's digest for the period up to `until`, or nothing when nothing matched,
    and record the period as covered. Returns how many pages it listed (None when the period
    was covered already, or the alert has ended).

    The period is recorded in the transaction the e-mail goes out in, by a conditional update
    that a second worker waits for and then finds done: a retry or a second worker sends
    nothing. If the mail server refuses or cannot be reached, the transaction rolls back and
    the period stays open for the retry.
    """
    now = timezone.now()
    alert = (
        Alert.objects.active()
        .select_related("subscriber")
        .prefetch_related("themes", "counties", "municipalities")
        .filter(pk=alert_id, last_sent_until__lt=until)
        .first()
    )
    if alert is None:
        return None
    since = alert.last_sent_until
    with transaction.atomic():
        taken = Alert.objects.active().filter(pk=alert_id, last_sent_until=since)
        if not taken.update(last_sent_until=until):
            return None
        with translation.override(alert.language):
            sections = [
                part for source in SOURCES if (part := section(source, alert, since, until, now))
            ]
        if not sections:
            logger.info("Alert %s: nothing new up to %s", alert_id, until.isoformat())
            return 0
        subject, text, html = render_digest(alert, sections)
        message = EmailMultiAlternatives(
            subject=subject,
            body=text,
            to=[alert.subscriber.email],
            connection=connection,
            headers={
                "List-Unsubscribe": f"<{end_alert_url(alert)}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )
        message.attach_alternative(html, "text/html")
        message.send()
    listed = sum(len(part.entries) + part.more for part in sections)
    logger.info("Alert %s: digest of %s sent up to %s", alert_id, listed, until.isoformat())
    return listed
