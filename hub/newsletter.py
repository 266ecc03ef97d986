"""Newsletter subscriptions (double opt-in) and the e-mail edition of each issue."""

import logging
import re
from dataclasses import dataclass

from bs4 import BeautifulSoup
from django_tasks import task

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from hub.models import Delivery, NewsletterIndexPage, NewsletterIssuePage, Subscriber

logger = logging.getLogger(__name__)

CONFIRM_SALT = "hub.newsletter.confirm"
UNSUBSCRIBE_SALT = "hub.newsletter.unsubscribe"
FORM_SALT = "hub.newsletter.form"
CONFIRM_MAX_AGE = 60 * 60 * 24 * 7
SIGNUPS_PER_ADDRESS_PER_HOUR = 5
FASTEST_HUMAN_SECONDS = 2
CONSENT_TEXT = _(
    "I want Klimathubben's newsletter by e-mail. My address is used for nothing else, and I can "
    "unsubscribe with one click in every issue."
)


class SubscribeForm(forms.Form):
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254)
    consent = forms.BooleanField(label=CONSENT_TEXT)
    # Left empty by people; filled in by bots that fill in every field.
    website = forms.CharField(label=_("Leave this field empty"), required=False)
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs.update({"autocomplete": "email"})
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        if not self.is_bound:
            self.initial["started"] = signing.dumps(timezone.now().timestamp(), salt=FORM_SALT)

    def looks_automated(self):
        if self.cleaned_data.get("website"):
            return True
        try:
            started = signing.loads(self.cleaned_data.get("started") or "", salt=FORM_SALT)
        except signing.BadSignature:
            return True
        return timezone.now().timestamp() - float(started) < FASTEST_HUMAN_SECONDS


def client_address(request):
    """The visitor's address; behind a trusted proxy, the one it appended to X-Forwarded-For."""
    if settings.USE_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded.strip():
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "unknown")


def over_rate_limit(request):
    key = f"newsletter-signups:{client_address(request)}"
    count = cache.get_or_set(key, 0, timeout=60 * 60)
    if count >= SIGNUPS_PER_ADDRESS_PER_HOUR:
        return True
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=60 * 60)
    return False


def archive_for_language():
    """The newsletter archive in the active language (the Swedish one when untranslated)."""
    archive = NewsletterIndexPage.objects.live().first()
    return archive.localized if archive else None


def subscribe_view(request):
    archive = archive_for_language()
    context = {"archive": archive, "page": archive}
    if request.method == "POST":
        form = SubscribeForm(request.POST)
        if over_rate_limit(request):
            context["form"] = form
            return render(request, "pages/newsletter_rate_limited.html", context, status=429)
        if form.is_valid():
            if not form.looks_automated():
                subscribe(form.cleaned_data["email"], translation.get_language(), request)
            # The same answer whatever happened, so the form reveals nobody's subscription.
            return render(request, "pages/newsletter_check_email.html", context)
    else:
        form = SubscribeForm()
    context["form"] = form
    status = 400 if form.is_bound else 200
    return render(request, "pages/newsletter_subscribe.html", context, status=status)


def subscribe(email, language, request):
    email = email.strip().lower()
    subscriber, _created = Subscriber.objects.get_or_create(
        email=email, defaults={"language": language}
    )
    if subscriber.status == Subscriber.Status.CONFIRMED:
        return subscriber
    subscriber.language = language
    subscriber.status = Subscriber.Status.PENDING
    subscriber.consent = str(CONSENT_TEXT)
    subscriber.save(update_fields=["language", "status", "consent"])
    send_confirmation(subscriber)
    logger.info("Newsletter sign-up %s waiting for confirmation", subscriber.pk)
    return subscriber


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


def send_confirmation(subscriber):
    with translation.override(subscriber.language):
        context = {"confirm_url": confirm_url(subscriber), "site_url": settings.SITE_BASE_URL}
        message = EmailMultiAlternatives(
            subject=gettext("Confirm your subscription to Klimathubben's newsletter"),
            body=render_to_string("newsletter/confirm_email.txt", context),
            to=[subscriber.email],
        )
        message.send()


def subscriber_from_token(token, salt, max_age=None):
    try:
        subscriber_id = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:
        return None
    return Subscriber.objects.filter(pk=subscriber_id).first()


def confirm_view(request, token):
    subscriber = subscriber_from_token(token, CONFIRM_SALT, CONFIRM_MAX_AGE)
    context = {"archive": archive_for_language()}
    if subscriber is None:
        return render(request, "pages/newsletter_bad_link.html", context, status=400)
    if subscriber.status != Subscriber.Status.CONFIRMED:
        subscriber.confirm()
        logger.info("Newsletter subscriber %s confirmed", subscriber.pk)
    return render(request, "pages/newsletter_confirmed.html", context)


def unsubscribe_view(request, token):
    """One click in the e-mail, or a one-click POST from the mail program (RFC 8058)."""
    subscriber = subscriber_from_token(token, UNSUBSCRIBE_SALT)
    context = {"archive": archive_for_language(), "form": SubscribeForm()}
    if subscriber is None:
        return render(request, "pages/newsletter_bad_link.html", context, status=400)
    if subscriber.status != Subscriber.Status.UNSUBSCRIBED:
        subscriber.unsubscribe()
        logger.info("Newsletter subscriber %s unsubscribed", subscriber.pk)
    return render(request, "pages/newsletter_unsubscribed.html", context)


# The e-mail edition

EMAIL_STYLES = {
    "p": "margin:0 0 16px;font-size:16px;line-height:1.5;color:#1b1f1d;",
    "h2": "margin:24px 0 8px;font-size:22px;line-height:1.3;color:#1b1f1d;",
    "h3": "margin:20px 0 8px;font-size:18px;line-height:1.3;color:#1b1f1d;",
    "ul": "margin:0 0 16px;padding-left:24px;",
    "ol": "margin:0 0 16px;padding-left:24px;",
    "li": "margin:0 0 6px;font-size:16px;line-height:1.5;color:#1b1f1d;",
    "a": "color:#0b5d3b;text-decoration:underline;",
}


def email_html(html):
    """Rich text made e-mail safe: absolute links and inline styles, since mail programs
    ignore style sheets and cannot resolve relative addresses."""
    soup = BeautifulSoup(html, "html.parser")
    for element in soup.find_all(list(EMAIL_STYLES)):
        element["style"] = EMAIL_STYLES[element.name]
    for element in soup.find_all(href=True):
        if element["href"].startswith("/"):
            element["href"] = absolute(element["href"])
    for element in soup.find_all(src=True):
        if element["src"].startswith("/"):
            element["src"] = absolute(element["src"])
    return str(soup)


def html_to_text(html):
    """A plain-text reading of rich text: links keep their address, list items a dash."""
    soup = BeautifulSoup(html, "html.parser")
    for link in soup.find_all("a", href=True):
        href = link["href"] if not link["href"].startswith("/") else absolute(link["href"])
        link.replace_with(f"{link.get_text()} ({href})")
    for item in soup.find_all("li"):
        item.insert(0, "- ")
        item.append("\n")
    for block in soup.find_all(["p", "h2", "h3", "ul", "ol"]):
        block.append("\n\n")
    text = soup.get_text()
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def featured_lines(page):
    """Title, date (for events) and summary of a featured page, as plain strings."""
    return page.title, getattr(page, "when_text", ""), page.get_summary(), absolute(page.url)


def email_sections(issue):
    """Each section of the issue as e-mail-safe HTML."""
    from wagtail.images.models import SourceImageIOError
    from wagtail.rich_text import expand_db_html

    html = []
    for block in issue.sections:
        if block.block_type == "rich_text":
            html.append(email_html(expand_db_html(block.value.source)))
        elif block.block_type == "image":
            try:
                rendition = block.value["image"].get_rendition("width-600")
            except (AttributeError, SourceImageIOError):
                continue
            html.append(
                render_to_string(
                    "newsletter/email_image.html",
                    {"url": absolute(rendition.url), "rendition": rendition, "value": block.value},
                )
            )
        elif block.block_type in {"featured_case_study", "featured_event"}:
            page = block.block.featured(block.value)
            if page is not None:
                title, date, summary, url = featured_lines(page)
                html.append(
                    render_to_string(
                        "newsletter/email_featured.html",
                        {
                            "title": title,
                            "date": date,
                            "summary": summary,
                            "url": url,
                            "note": block.value["note"],
                        },
                    )
                )
        elif block.block_type == "link_list":
            html.append(render_to_string("newsletter/email_links.html", {"value": block.value}))
    return html


def text_sections(issue):
    """Each section of the issue as plain text."""
    from wagtail.rich_text import expand_db_html

    parts = []
    for block in issue.sections:
        if block.block_type == "rich_text":
            parts.append(html_to_text(expand_db_html(block.value.source)))
        elif block.block_type in {"featured_case_study", "featured_event"}:
            page = block.block.featured(block.value)
            if page is not None:
                title, date, summary, url = featured_lines(page)
                lines = [title.upper(), date, summary, block.value["note"], url]
                parts.append("\n".join(line for line in lines if line))
        elif block.block_type == "link_list":
            links = [f"- {link['title']}: {link['url']}" for link in block.value["links"]]
            parts.append("\n".join([block.value["heading"].upper(), *links]))
    return parts


def email_context(issue):
    """Everything the e-mail edition shows that is the same for every subscriber."""
    with translation.override(issue.locale.language_code):
        archive = issue.get_parent()  # only its address is used
        return {
            "issue": issue,
            "sections": email_sections(issue),
            "text_sections": text_sections(issue),
            "web_url": absolute(issue.url),
            "archive_url": absolute(archive.url),
            "subscribe_url": absolute(reverse("newsletter_subscribe")),
            "site_url": settings.SITE_BASE_URL,
        }


def render_issue_email(issue, subscriber=None, shared=None):
    """Subject, plain text and HTML of an issue as e-mailed (to `subscriber`, if given).

    `shared` is `email_context(issue)`, worked out once when many subscribers get the issue.
    """
    context = {
        **(shared or email_context(issue)),
        "unsubscribe_url": unsubscribe_url(subscriber) if subscriber else None,
    }
    with translation.override(issue.locale.language_code):
        subject = gettext("%(title)s – Klimathubben's newsletter no. %(number)s") % {
            "title": issue.title,
            "number": issue.number,
        }
        text = render_to_string("newsletter/email.txt", context)
        html = render_to_string("newsletter/email.html", context)
    return subject, text, html


def email_edition_view(request, issue):
    """The e-mail edition in the browser, exactly as sent. It needs inline styles, so it gets
    its own policy: no scripts, nothing from elsewhere, inline styles allowed."""
    _subject, _text, html = render_issue_email(issue)
    response = HttpResponse(html)
    response["Content-Security-Policy"] = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
    )
    response["X-Robots-Tag"] = "noindex"
    return response


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
