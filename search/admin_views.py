from django.utils.translation import gettext_lazy as _

from wagtail.admin.auth import permission_denied
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn
from wagtail.admin.views.reports import ReportView

from search.models import UnansweredQuery


class UnansweredQueriesReportView(ReportView):
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

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)
