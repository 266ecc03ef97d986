from django.urls import path
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from hub.models import (
    Contact,
    County,
    Municipality,
    NewsletterIssuePage,
    Organisation,
    Subscriber,
    Theme,
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


class ContactViewSet(SnippetViewSet):
    model = Contact
    icon = "user"
    menu_label = _("Contacts")
    list_display = ["name", "role", "organisation", "municipality"]
    list_filter = ["organisation__kind"]
    search_fields = ["name", "role"]


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    items = (ThemeViewSet, OrganisationViewSet, ContactViewSet, MunicipalityViewSet, CountyViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Taxonomy")
    menu_name = "taxonomy"
    add_to_admin_menu = True


register_snippet(TaxonomyViewSetGroup)


class SubscriberViewSet(ModelViewSet):
    model = Subscriber
    icon = "mail"
    menu_label = _("Newsletter subscribers")
    menu_name = "subscribers"
    add_to_admin_menu = True
    menu_order = 800
    list_display = ["email", "language", "status", "confirmed_at", "unsubscribed_at"]
    list_filter = ["status", "language"]
    search_fields = ["email"]
    form_fields = ["email", "language", "status"]
    inspect_view_enabled = True
    copy_view_enabled = False


@hooks.register("register_admin_viewset")
def register_subscriber_viewset():
    return SubscriberViewSet("subscribers")


@hooks.register("register_admin_urls")
def newsletter_admin_urls():
    from hub.admin_views import send_newsletter

    return [path("newsletter/<int:page_id>/send/", send_newsletter, name="newsletter_send")]


class SendNewsletterMenuItem(PageMenuItem):
    label = _("Send as e-mail")
    icon_name = "mail"
    url_name = "newsletter_send"
    priority = 40

    def is_shown(self, user):
        return self.page.permissions_for_user(user).can_publish()


@hooks.register("register_page_header_buttons")
def newsletter_send_button(page, user, view_name, next_url=None):
    if issubclass(page.specific_class or type(page), NewsletterIssuePage):
        yield SendNewsletterMenuItem(page=page)
