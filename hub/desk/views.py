from django.http import Http404
from django.urls import path
from django.views.generic import TemplateView

from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from hub.desk.panels import DeskPanel

ROWS_PER_PAGE = 50
# Enough pages for any real backlog; a larger number in the address shows the last one.
MAX_PAGES = 200


def desk_panels(request):
    """The desk's panels on this editor's dashboard, by name, as the dashboard builds them."""
    panels = []
    for hook in hooks.get_hooks("construct_homepage_panels"):
        hook(request, panels)
    return {panel.name: panel for panel in panels if isinstance(panel, DeskPanel)}


def page_number(value):
    try:
        return min(max(int(value), 1), MAX_PAGES)
    except (TypeError, ValueError):
        return 1


class DeskListingView(WagtailAdminTemplateMixin, TemplateView):
    """Everything one panel lists, a page at a time, each page one bounded query."""

    template_name = "wagtailadmin/desk_listing.html"
    header_icon = "warning"

    def dispatch(self, request, name):
        self.panel = desk_panels(request).get(name)
        if self.panel is None:
            raise Http404
        if not self.panel.is_shown(request.user):
            return permission_denied(request)
        return super().dispatch(request, name)

    def get_page_title(self):
        return self.panel.heading

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.panel.heading}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        number = page_number(self.request.GET.get("p"))
        start = (number - 1) * ROWS_PER_PAGE
        rows = self.panel.get_rows(self.request.user, slice(start, start + ROWS_PER_PAGE + 1))
        context.update(
            panel=self.panel,
            rows=rows[:ROWS_PER_PAGE],
            previous_page=number - 1 if number > 1 else None,
            next_page=number + 1 if len(rows) > ROWS_PER_PAGE and number < MAX_PAGES else None,
        )
        return context


admin_urls = [path("desk/<slug:name>/", DeskListingView.as_view(), name="desk_listing")]
