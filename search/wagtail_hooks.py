from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem

from search.admin_views import UnansweredQueriesReportView


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


@hooks.register("register_reports_menu_item")
def register_unanswered_queries_report():
    return AdminOnlyMenuItem(
        _("Searches without results"),
        reverse("search_unanswered_queries"),
        name="searches-without-results",
        icon_name="search",
        order=1310,
    )
