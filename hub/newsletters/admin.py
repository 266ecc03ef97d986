"""The newsletter in Wagtail's admin: the subscriber listing and the "Send as e-mail" button.

Registered with Wagtail's hooks in `hub/wagtail_hooks.py`, the module Wagtail looks for.
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.viewsets.model import ModelViewSet

from hub.newsletters.pages import NewsletterIssuePage
from hub.newsletters.subscribers import Subscriber
from hub.newsletters.views import send_newsletter
from hub.roles import SEND_NEWSLETTER


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


admin_urls = [path("newsletter/<int:page_id>/send/", send_newsletter, name="newsletter_send")]


class SendNewsletterMenuItem(PageMenuItem):
    label = _("Send as e-mail")
    icon_name = "mail"
    url_name = "newsletter_send"
    priority = 40

    def is_shown(self, user):
        return user.has_perm(SEND_NEWSLETTER)


def send_buttons(page):
    """The send button, on an issue's header in the page editor."""
    if issubclass(page.specific_class or type(page), NewsletterIssuePage):
        yield SendNewsletterMenuItem(page=page)
