from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from search.admin_views import (
    SEARCH_STATISTICS,
    SearchTermsReportView,
    UnansweredQueriesReportView,
)
from search.desk import UnansweredSearchesPanel


class SearchStatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(SEARCH_STATISTICS)


def report_urls(route, view, name):
    """A report's page and its results alone, which its filters and search reload."""
    return [
        path(route, view.as_view(), name=name),
        path(f"{route}results/", view.as_view(results_only=True), name=f"{name}_results"),
    ]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return report_urls(
        "reports/searches-without-results/",
        UnansweredQueriesReportView,
        "search_unanswered_queries",
    )


# Ahead of Wagtail's own addresses of its "Search terms" report, so that its exports escape
# formulas (search/admin_views.py); its menu item and links still lead there.
@hooks.register("register_admin_urls", order=-1)
def replace_search_terms_report():
    return report_urls(
        "searchpicks/reports/search-terms/", SearchTermsReportView, "search_terms_report"
    )


@hooks.register("register_reports_menu_item")
def register_unanswered_queries_report():
    return SearchStatisticsMenuItem(
        _("Searches without results"),
        reverse("search_unanswered_queries"),
        name="searches-without-results",
        icon_name="search",
        order=1310,
    )


@hooks.register("register_reports_menu_item")
def register_search_terms_report():
    return SearchStatisticsMenuItem(
        _("Search terms"),
        reverse("wagtailsearchpromotions:search_terms"),
        name="search-terms",
        icon_name="search",
        order=1300,
    )


@hooks.register("construct_reports_menu")
def leave_out_stock_search_terms(request, menu_items):
    """Wagtail's own "Search terms" item, for superusers only, gives way to the one above."""
    menu_items[:] = [
        item
        for item in menu_items
        if item.name != "search-terms" or isinstance(item, SearchStatisticsMenuItem)
    ]


@hooks.register("construct_homepage_panels")
def unanswered_searches_panel(request, panels):
    panels.append(UnansweredSearchesPanel())
