from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from hub.models import NewsletterIssuePage
from hub.newsletter import confirmed_subscribers, send_issue_task, waiting_subscribers


def send_newsletter(request, page_id):
    """Confirm, then send an issue to the confirmed subscribers of its language."""
    issue = get_object_or_404(NewsletterIssuePage, pk=page_id)
    if not issue.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    language = issue.locale.language_code
    waiting = waiting_subscribers(issue).count()
    if request.method == "POST":
        if not issue.live:
            messages.error(request, _("Publish the issue before you send it."))
        elif waiting == 0:
            messages.warning(request, _("Every confirmed subscriber has had this issue already."))
        else:
            send_issue_task.enqueue(issue.pk)
            messages.success(
                request,
                _("Sending “%(title)s” to %(count)s subscribers.")
                % {"title": issue.title, "count": waiting},
            )
        return redirect(reverse("wagtailadmin_pages:edit", args=[issue.pk]))
    return TemplateResponse(
        request,
        "wagtailadmin/newsletter_send.html",
        {
            "issue": issue,
            "language": language,
            "confirmed": confirmed_subscribers(language).count(),
            "delivered": issue.deliveries.count(),
            "waiting": waiting,
            "page_title": _("Send newsletter"),
        },
    )
