"""A reader's alerts, behind a signed link and no sign-in: list, add, change and end them.

Every change is a POST with a CSRF token, except the one-click end that mail programs send
(RFC 8058); a GET never changes anything, since mail scanners follow links.
"""

import logging

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_POST

from hub.newsletters.alerts import alert_words, alerts_with_words, in_words, localized_themes
from hub.newsletters.forms import AlertChoiceForm, save_alert
from hub.newsletters.links import alert_from_token, alerts_token_subscriber

logger = logging.getLogger(__name__)

# What the manage page says after a change; anything else in `?done=` is ignored.
DONE = {"added", "changed", "ended"}


def bad_link(request):
    return render(request, "pages/alert_bad_link.html", status=400)


def subscriber_alert(subscriber, alert_id):
    alert = alerts_with_words().filter(subscriber=subscriber, pk=alert_id).first()
    if alert is None or alert.ended_at is not None:
        raise Http404
    return alert


@require_http_methods(["GET", "POST"])
def manage_alerts(request, token):
    subscriber = alerts_token_subscriber(token)
    if subscriber is None:
        return bad_link(request)
    if request.method == "POST":
        form = AlertChoiceForm(request.POST)
        if form.is_valid():
            # The link came from the reader's own mailbox: the alert starts at once.
            alert = save_alert(subscriber, form.cleaned_data, confirmed=True)
            logger.info("Alert %s added for subscriber %s", alert.pk, subscriber.pk)
            return redirect(f"{request.path}?done=added")
    else:
        form = AlertChoiceForm()
    alerts = alerts_with_words().filter(subscriber=subscriber, ended_at__isnull=True)
    context = {
        "token": token,
        "alerts": in_words(list(alerts)),
        "form": form,
        "done": request.GET.get("done") if request.GET.get("done") in DONE else None,
    }
    status = 400 if form.is_bound else 200
    return render(request, "pages/alerts_manage.html", context, status=status)


@require_http_methods(["GET", "POST"])
def change_alert(request, token, alert_id):
    subscriber = alerts_token_subscriber(token)
    if subscriber is None:
        return bad_link(request)
    alert = subscriber_alert(subscriber, alert_id)
    if request.method == "POST":
        form = AlertChoiceForm(request.POST)
        if form.is_valid():
            save_alert(subscriber, form.cleaned_data, confirmed=True, alert=alert)
            logger.info("Alert %s changed", alert.pk)
            return redirect(reverse("alerts_manage", args=[token]) + "?done=changed")
    else:
        form = AlertChoiceForm(
            initial={
                "themes": localized_themes(alert),
                "counties": list(alert.counties.all()),
                "municipalities": list(alert.municipalities.all()),
                "rhythm": alert.rhythm,
            }
        )
    context = {"token": token, "alert": alert, "words": alert_words(alert), "form": form}
    status = 400 if form.is_bound else 200
    return render(request, "pages/alert_change.html", context, status=status)


@require_POST
def end_alert_here(request, token, alert_id):
    """The "End" button beside each alert on the manage page."""
    subscriber = alerts_token_subscriber(token)
    if subscriber is None:
        return bad_link(request)
    alert = subscriber_alert(subscriber, alert_id)
    alert.end()
    logger.info("Alert %s ended by its reader", alert.pk)
    return redirect(reverse("alerts_manage", args=[token]) + "?done=ended")


@csrf_exempt
def end_alert(request, token):
    """The link in each digest: a page with one button, or a one-click POST from the mail
    program (`List-Unsubscribe=One-Click`, which comes without a CSRF token)."""
    if request.method == "POST" and request.POST.get("List-Unsubscribe") == "One-Click":
        return ended(request, token)
    return end_alert_page(request, token)


@csrf_protect
@require_http_methods(["GET", "POST"])
def end_alert_page(request, token):
    if request.method == "POST":
        return ended(request, token)
    alert = alert_from_token(token)
    if alert is None:
        return bad_link(request)
    if alert.ended_at is not None:
        return render(request, "pages/alert_ended.html", {"alert": alert})
    context = {"alert": alert, "words": alert_words(alert)}
    return render(request, "pages/alert_end.html", context)


def ended(request, token):
    alert = alert_from_token(token)
    if alert is None:
        return bad_link(request)
    if alert.ended_at is None:
        alert.end()
        logger.info("Alert %s ended by its reader", alert.pk)
    return render(request, "pages/alert_ended.html", {"alert": alert})
