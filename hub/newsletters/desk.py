"""The desk's panel for newsletter senders: published issues that have not gone out yet.

A sender who only sends (the group Nyhetsbrevsutskick) may not edit pages, so the editor's header
with its send button is closed to them; this panel is their way to each issue's send view.
"""

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hub.desk import DeskPanel, DeskRow
from hub.newsletters.pages import NewsletterIssuePage
from hub.newsletters.subscribers import Delivery
from hub.roles import SEND_NEWSLETTER


class UnsentIssuesPanel(DeskPanel):
    name = "desk_unsent_issues"
    order = 405
    heading = _("Newsletter issues not sent yet")
    description = _("Published issues that no subscriber has been sent: check them, then send.")
    date_label = _("Published")
    permission = SEND_NEWSLETTER

    def get_rows(self, user, window):
        # Newest first along the index on the time pages were published
        # (casestudies/migrations/0006); each issue's deliveries by their unique index.
        deliveries = Delivery.objects.filter(issue=OuterRef("pk"))
        issues = (
            NewsletterIssuePage.objects.live()
            .filter(~Exists(deliveries))
            .only("title", "locale_id", "last_published_at", "number")
            .order_by("-last_published_at", "-pk")[window]
        )
        return [
            DeskRow(
                issue.title,
                reverse("newsletter_send", args=[issue.pk]),
                issue.locale_id,
                note=_("No. %(number)s") % {"number": issue.number},
                date=issue.last_published_at,
            )
            for issue in issues
        ]
