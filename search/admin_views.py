from django.utils.translation import gettext_lazy as _

from wagtail.admin.auth import permission_denied
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn
from wagtail.admin.views.reports import ReportView
from wagtail.contrib.search_promotions.views.reports import (
    SearchTermsReportView as WagtailSearchTermsReportView,
)

from hub.spreadsheets import as_text
from search.models import UnansweredQuery


class TextOnlyExportMixin:
    """Spreadsheet exports whose cells never run as formulas.

    Wagtail's XLSX export already writes such cells as strings; its CSV export writes them as
    they are.
    """

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return as_text(value) if export_format == self.FORMAT_CSV else value


# Who may read what visitors searched for: administrators and editors, never writers
# (hub/roles.py). Wagtail's own report admits superusers only.
SEARCH_STATISTICS = "search.view_unansweredquery"


class SearchStatisticsMixin:
    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(SEARCH_STATISTICS):
            return permission_denied(request)
        return ReportView.dispatch(self, request, *args, **kwargs)


class SearchTermsReportView(
    SearchStatisticsMixin, TextOnlyExportMixin, WagtailSearchTermsReportView
):
    """Wagtail's "Search terms" report, served at its own address (search/wagtail_hooks.py)."""


class UnansweredQueriesReportView(SearchStatisticsMixin, TextOnlyExportMixin, ReportView):
    """What visitors searched for and did not find, most frequent first.

    Sits next to Wagtail's own "Search terms" report of the most frequent queries.
    """

    page_title = _("Searches without results")
    header_icon = "search"
    is_searchable = True
    search_fields = ["query_string"]
    default_ordering = "-hits"
    index_url_name = "search_unanswered_queries"
    index_results_url_name = "search_unanswered_queries_results"
    columns = [
        Column("query_string", label=_("Search term(s)"), sort_key="query_string"),
        Column("language", label=_("Language"), sort_key="language"),
        NumberColumn("hits", label=_("Searches"), sort_key="hits"),
        DateColumn("last_searched_at", label=_("Last searched"), sort_key="last_searched_at"),
    ]
    list_export = ["query_string", "language", "hits", "last_searched_at"]
    export_headings = {
        "query_string": _("Search term(s)"),
        "language": _("Language"),
        "hits": _("Searches"),
        "last_searched_at": _("Last searched"),
    }

    def get_base_queryset(self):
        return UnansweredQuery.objects.all()
