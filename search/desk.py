from datetime import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail.models import Locale

from hub.desk import DeskPanel, DeskRow
from hub.timezones import STOCKHOLM
from search.admin_views import SEARCH_STATISTICS
from search.models import UnansweredQuery


def start_of_month(now):
    local = timezone.localtime(now, STOCKHOLM)
    return datetime(local.year, local.month, 1, tzinfo=STOCKHOLM)


class UnansweredSearchesPanel(DeskPanel):
    """This month's searches that found nothing, newest first along the index on their date."""

    name = "desk_unanswered_searches"
    order = 460
    heading = _("Searches that found nothing this month")
    description = _("What visitors looked for and did not find: a page to write, or a word to add.")
    date_label = _("Last searched")

    permission = SEARCH_STATISTICS  # the readers of the report of searches without results

    def get_rows(self, user, window):
        queries = UnansweredQuery.objects.filter(
            last_searched_at__gte=start_of_month(timezone.now())
        ).order_by("-last_searched_at", "-pk")[window]
        locales = {locale.language_code: locale.pk for locale in Locale.objects.all()}
        report = reverse("search_unanswered_queries")
        return [
            DeskRow(
                query.query_string,
                f"{report}?{urlencode({'q': query.query_string})}",
                locales.get(query.language),
                note=ngettext("%(count)s search", "%(count)s searches", query.hits)
                % {"count": query.hits},
                date=query.last_searched_at,
            )
            for query in queries
        ]
