from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem

from search.admin_views import SearchTermsReportView, UnansweredQueriesReportView


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "reports/searches-without-results/",
            UnansweredQueriesReportView.as_view(),
            name="search_unanswered_queries",
        ),
        path(
            "reports/searches-without-results/results/",
            UnansweredQueriesReportView.as_view(results_only=True),
            name="search_unanswered_queries_results",
        ),
    ]


# Ahead of Wagtail's own addresses of its "Search terms" report, so that its exports escape
# formulas (search/admin_views.py); its menu item and links still lead there.
@hooks.register("register_admin_urls", order=-1)
def replace_search_terms_report():
    return [
        path(
            "searchpicks/reports/search-terms/",
            SearchTermsReportView.as_view(),
            name="search_terms_report",
        ),
        path(
            "searchpicks/reports/search-terms/results/",
            SearchTermsReportView.as_view(results_only=True),
            name="search_terms_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_unanswered_queries_report():
    return AdminOnlyMenuItem(
        _("Searches without results"),
        reverse("search_unanswered_queries"),
        name="searches-without-results",
        icon_name="search",
        order=1310,
    )
