"""Signing up (double opt-in), confirming, unsubscribing, and the admin's send view."""

import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from hub.limits import client_address, count
from hub.newsletters.alerts import Alert
from hub.newsletters.forms import CONSENT_TEXT, SubscribeForm, save_alert
from hub.newsletters.links import (
    UNSUBSCRIBE_SALT,
    alerts_path,
    confirmation_from_token,
    subscriber_from_token,
)
from hub.newsletters.pages import NewsletterIndexPage, NewsletterIssuePage
from hub.newsletters.sending import confirmed_subscribers, waiting_subscribers
from hub.newsletters.subscribers import Subscriber, confirmation_due
from hub.newsletters.tasks import enqueue_issue, send_confirmation_task, sending_state
from hub.roles import SEND_NEWSLETTER

logger = logging.getLogger(__name__)

SIGNUPS_PER_ADDRESS_PER_HOUR = 5
RATE_LIMIT_SECONDS = 60 * 60


def over_rate_limit(request):
    """Count this sign-up and tell whether its address is past the hour's limit."""
    key = f"newsletter-signups:{client_address(request)}"
    return count(key, RATE_LIMIT_SECONDS) > SIGNUPS_PER_ADDRESS_PER_HOUR


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
                alert = form.cleaned_data if form.has_choice() else None
                subscribe(form.cleaned_data["email"], translation.get_language(), request, alert)
            # The same answer whatever happened, so the form reveals nobody's subscription.
            return render(request, "pages/newsletter_check_email.html", context)
    else:
        form = SubscribeForm()
    context["form"] = form
    status = 400 if form.is_bound else 200
    return render(request, "pages/newsletter_subscribe.html", context, status=status)


def subscribe(email, language, request, alert=None):
    """Sign `email` up, with an alert if `alert` holds the form's choices; both wait for the
    link in the confirmation e-mail."""
    email = email.strip().lower()
    subscriber, _created = Subscriber.objects.get_or_create(
        email=email, defaults={"language": language}
    )
    if subscriber.status == Subscriber.Status.CONFIRMED:
        return subscriber
    now = timezone.now()
    # An address that had a confirmation e-mail lately is left as it is, and nothing is
    # queued; the worker checks again, for sign-ups that race this one.
    if not Subscriber.objects.filter(confirmation_due(now), pk=subscriber.pk).exists():
        logger.info("Newsletter sign-up %s had a confirmation lately", subscriber.pk)
        return subscriber
    subscriber.language = language
    subscriber.status = Subscriber.Status.PENDING
    subscriber.consent = str(CONSENT_TEXT)
    subscriber.confirmation_requested_at = now
    subscriber.save(update_fields=["language", "status", "consent", "confirmation_requested_at"])
    # The latest sign-up's choice replaces an earlier one still waiting for confirmation.
    subscriber.alerts.pending().delete()
    if alert is not None:
        save_alert(subscriber, alert, confirmed=False)
    # The worker sends it: the visitor's answer never waits for, or fails with, the mail server.
    send_confirmation_task.enqueue(subscriber_id=subscriber.pk)
    logger.info("Newsletter sign-up %s waiting for confirmation", subscriber.pk)
    return subscriber


def confirm_view(request, token):
    subscriber, current = confirmation_from_token(token)
    context = {"archive": archive_for_language()}
    if subscriber is None:
        return render(request, "pages/newsletter_bad_link.html", context, status=400)
    if subscriber.status != Subscriber.Status.CONFIRMED:
        if not current:  # sent before they unsubscribed: only a new sign-up brings them back
            return render(request, "pages/newsletter_stale_link.html", context, status=400)
        subscriber.confirm()
        logger.info("Newsletter subscriber %s confirmed", subscriber.pk)
        for alert in subscriber.alerts.pending():
            alert.confirm(subscriber.confirmed_at)
            logger.info("Alert %s confirmed", alert.pk)
    context["alerts_path"] = alerts_path(subscriber)
    context["has_alerts"] = Alert.objects.active().filter(subscriber=subscriber).exists()
    return render(request, "pages/newsletter_confirmed.html", context)


@csrf_exempt
def unsubscribe_view(request, token):
    """The unsubscribe link: a page with a button, or a one-click POST from the mail program.

    Mail scanners follow links, so a GET never unsubscribes. RFC 8058's one-click POST
    (`List-Unsubscribe=One-Click`) comes without a CSRF token; any other POST needs one.
    """
    if request.method == "POST" and request.POST.get("List-Unsubscribe") == "One-Click":
        return unsubscribe(request, token)
    return unsubscribe_page(request, token)


@csrf_protect
def unsubscribe_page(request, token):
    if request.method == "POST":
        return unsubscribe(request, token)
    subscriber = subscriber_from_token(token, UNSUBSCRIBE_SALT)
    context = {"archive": archive_for_language()}
    if subscriber is None:
        return render(request, "pages/newsletter_bad_link.html", context, status=400)
    if subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        context["form"] = SubscribeForm()
        return render(request, "pages/newsletter_unsubscribed.html", context)
    return render(request, "pages/newsletter_unsubscribe.html", context)


def unsubscribe(request, token):
    subscriber = subscriber_from_token(token, UNSUBSCRIBE_SALT)
    context = {"archive": archive_for_language(), "form": SubscribeForm()}
    if subscriber is None:
        return render(request, "pages/newsletter_bad_link.html", context, status=400)
    if subscriber.status != Subscriber.Status.UNSUBSCRIBED:
        subscriber.unsubscribe()
        logger.info("Newsletter subscriber %s unsubscribed", subscriber.pk)
    return render(request, "pages/newsletter_unsubscribed.html", context)


def send_newsletter(request, page_id):
    """Confirm, then queue an issue for the confirmed subscribers of its language; the page
    shows how far sending has come."""
    issue = get_object_or_404(NewsletterIssuePage, pk=page_id)
    if not request.user.has_perm(SEND_NEWSLETTER):
        raise PermissionDenied
    language = issue.locale.language_code
    waiting = waiting_subscribers(issue).count()
    state = sending_state(issue)
    if request.method == "POST":
        if not issue.live:
            messages.error(request, gettext("Publish the issue before you send it."))
        elif state.queued:
            messages.warning(request, gettext("This issue is being sent already."))
        elif waiting == 0:
            messages.warning(
                request, gettext("Every confirmed subscriber has had this issue already.")
            )
        else:
            enqueue_issue(issue)
            messages.success(
                request,
                gettext("“%(title)s” is queued for %(count)s subscribers.")
                % {"title": issue.title, "count": waiting},
            )
        return redirect(reverse("newsletter_send", args=[issue.pk]))
    return TemplateResponse(
        request,
        "wagtailadmin/newsletter_send.html",
        {
            "issue": issue,
            "language": language,
            "confirmed": confirmed_subscribers(language).count(),
            "state": state,
            "waiting": waiting,
            # A sender who edits no pages previews the published e-mail edition instead of
            # the draft, and goes back to the dashboard.
            "may_edit": issue.permissions_for_user(request.user).can_edit(),
            "page_title": gettext("Send newsletter"),
        },
    )
