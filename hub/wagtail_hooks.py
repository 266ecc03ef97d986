from django.core.exceptions import FieldDoesNotExist
from django.db.models import F
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.models import Locale
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetCreateView,
)
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from hub import desk
from hub.desk import views as desk_views
from hub.models import Contact, County, Municipality, Organisation, Theme
from hub.newsletters import admin as newsletter_admin
from hub.newsletters.desk import UnsentIssuesPanel
from hub.open_data.admin import OpenDataDownloadView
from hub.roles import OPEN_DATA_DOWNLOAD


def related_orderings_as_expressions(model, order_by):
    """`order_by` with each related column ("county") spelt as an expression on its ordering."""
    for ordering in order_by:
        name = ordering.removeprefix("-") if isinstance(ordering, str) else None
        try:
            field = model._meta.get_field(name) if name else None
        except FieldDoesNotExist:
            field = None
        if field is None or not field.many_to_one:
            yield ordering
            continue
        descending = ordering.startswith("-")
        for related in field.related_model._meta.ordering or ["pk"]:
            expression = F(f"{name}__{related.removeprefix('-')}")
            reverse = descending != related.startswith("-")
            yield expression.desc() if reverse else expression.asc()


class TaxonomyIndexView(IndexView):
    """The snippet listing, able to sort search results by a related column.

    modelsearch sorts search results only by the model's own FilterFields, so sorting found
    municipalities by county (ordered by the county's name) fails. The database search
    backends take any ordering expression, so a related column sorts through one.
    """

    def order_queryset(self, queryset):
        queryset = super().order_queryset(queryset)
        if not self.is_searching:
            return queryset
        return queryset.order_by(
            *related_orderings_as_expressions(queryset.model, queryset.query.order_by)
        )


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Themes")
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]


class MunicipalityViewSet(SnippetViewSet):
    model = Municipality
    icon = "site"
    menu_label = _("Municipalities")
    list_display = ["name", "code", "county"]
    list_filter = ["county"]
    search_fields = ["name", "code"]
    index_view_class = TaxonomyIndexView
    list_per_page = 50


class CountyViewSet(SnippetViewSet):
    model = County
    icon = "globe"
    menu_label = _("Counties")
    list_display = ["name", "code"]
    search_fields = ["name"]


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    list_display = ["name", "kind", "website"]
    list_filter = ["kind"]
    search_fields = ["name"]


class ContactChooserColumnsMixin:
    """Chooser rows say where each person works, to tell two people of the same name apart."""

    @property
    def columns(self):
        return [
            *super().columns,
            Column("organisation", label=_("Organisation")),
            Column("municipality", label=_("Municipality")),
        ]


class ContactChooseView(ContactChooserColumnsMixin, ChooseView):
    pass


class ContactChooseResultsView(ContactChooserColumnsMixin, ChooseResultsView):
    pass


class ContactCreateView(SnippetCreateView):
    def save_form(self, form):
        # A chooser opened for a page in another language makes the contact in that language.
        code = self.request.GET.get("locale")
        locale = Locale.objects.filter(language_code=code).first() if code else None
        if locale is not None:
            form.instance.locale = locale
        return super().save_form(form)


class ContactChooserViewSet(SnippetChooserViewSet):
    choose_view_class = ContactChooseView
    choose_results_view_class = ContactChooseResultsView
    create_view_class = ContactCreateView
    preserve_url_parameters = ["multiple", "locale"]
    form_fields = ["name", "role", "organisation", "municipality", "email", "phone"]
    create_action_label = _("Add contact")

    def get_object_list(self):
        return Contact.objects.select_related("organisation", "municipality", "locale")


class ContactViewSet(SnippetViewSet):
    model = Contact
    icon = "user"
    menu_label = _("Contacts")
    list_display = ["name", "role", "organisation", "municipality"]
    list_filter = ["organisation__kind"]
    # No search_fields: the search covers everything Contact indexes, which includes the
    # organisation's and the municipality's names (related fields cannot be named here).
    chooser_viewset_class = ContactChooserViewSet
    index_view_class = TaxonomyIndexView

    def get_queryset(self, request):
        return Contact.objects.select_related("organisation", "municipality")


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    items = (ThemeViewSet, OrganisationViewSet, ContactViewSet, MunicipalityViewSet, CountyViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Taxonomy")
    menu_name = "taxonomy"
    add_to_admin_menu = True


register_snippet(TaxonomyViewSetGroup)


@hooks.register("register_admin_viewset")
def register_subscriber_viewset():
    return newsletter_admin.SubscriberViewSet("subscribers")


@hooks.register("register_admin_viewset")
def register_alert_viewset():
    return newsletter_admin.AlertViewSet("alerts")


@hooks.register("register_admin_urls")
def newsletter_admin_urls():
    return newsletter_admin.admin_urls


@hooks.register("register_page_header_buttons")
def newsletter_send_button(page, user, view_name, next_url=None):
    yield from newsletter_admin.send_buttons(page)


@hooks.register("insert_editor_js")
def tag_field_enter_key():
    return format_html('<script src="{}"></script>', static("hub/js/admin/tags.js"))


@hooks.register("register_admin_urls")
def desk_admin_urls():
    return desk_views.admin_urls


@hooks.register("construct_homepage_panels")
def editors_desk(request, panels):
    panels.extend(panel() for panel in desk.PANELS)
    panels.append(UnsentIssuesPanel())


class OpenDataMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(OPEN_DATA_DOWNLOAD)


@hooks.register("register_admin_urls")
def open_data_admin_urls():
    return [path("open-data/", OpenDataDownloadView.as_view(), name="open_data_download")]


@hooks.register("register_reports_menu_item")
def open_data_menu_item():
    return OpenDataMenuItem(
        _("Open data"),
        reverse("open_data_download"),
        name="open-data",
        icon_name="download",
        order=1400,
    )
