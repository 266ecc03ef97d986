"""The newsletter in Wagtail's admin: the subscriber listing with their alerts, the alerts
themselves (an editor can end one), and the "Send as e-mail" button.

Registered with Wagtail's hooks in `hub/wagtail_hooks.py`, the module Wagtail looks for.
"""

import django_filters

from django import forms
from django.db.models import Exists, OuterRef, Prefetch
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from hub.newsletters.alerts import Alert, alerts_with_words
from hub.newsletters.pages import NewsletterIssuePage
from hub.newsletters.subscribers import Subscriber
from hub.newsletters.views import send_newsletter
from hub.roles import SEND_NEWSLETTER


def active_alerts():
    return Alert.objects.active().filter(subscriber=OuterRef("pk"))


class SubscriberFilterSet(WagtailFilterSet):
    has_alerts = django_filters.BooleanFilter(label=_("Has alerts"), method="filter_has_alerts")

    class Meta:
        model = Subscriber
        fields = ["status", "language"]

    def filter_has_alerts(self, queryset, name, value):
        if value is None:
            return queryset
        return (
            queryset.filter(Exists(active_alerts()))
            if value
            else queryset.exclude(Exists(active_alerts()))
        )


class SubscriberIndexView(generic.IndexView):
    def get_base_queryset(self):
        # The alerts column reads each page's alerts in four queries, not four per subscriber.
        return (
            super()
            .get_base_queryset()
            .prefetch_related(
                Prefetch(
                    "alerts",
                    queryset=alerts_with_words().filter(ended_at__isnull=True),
                    to_attr="open_alerts",
                )
            )
        )


def alert_links(subscriber):
    return format_html_join(
        mark_safe("<br>"),  # noqa: S308 - a literal
        '<a href="{}">{}</a>{}',
        (
            (
                reverse("alerts:edit", args=[alert.pk]),
                alert.description(),
                "" if alert.confirmed_at else format_html(" ({})", _("not confirmed")),
            )
            for alert in subscriber.open_alerts
        ),
    )


class SubscriberViewSet(ModelViewSet):
    model = Subscriber
    icon = "mail"
    menu_label = _("Newsletter subscribers")
    menu_name = "subscribers"
    add_to_admin_menu = True
    menu_order = 800
    index_view_class = SubscriberIndexView
    list_display = [
        "email",
        "language",
        "status",
        "confirmed_at",
        "unsubscribed_at",
        Column("alerts", label=_("Alerts"), accessor=alert_links),
    ]
    filterset_class = SubscriberFilterSet
    search_fields = ["email"]
    form_fields = ["email", "language", "status"]
    inspect_view_enabled = True
    copy_view_enabled = False


class NoAddingPolicy(ModelPermissionPolicy):
    """Readers make their own alerts, each with their own consent; editors only end them."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)


register_permission_policy(Alert, NoAddingPolicy(Alert))


class AlertIndexView(generic.IndexView):
    def get_base_queryset(self):
        return alerts_with_words().select_related("subscriber")


class AlertForm(WagtailAdminModelForm):
    end = forms.BooleanField(
        label=_("End this alert"),
        required=False,
        help_text=_("No more digests go out for it. The record of the reader's consent stays."),
    )

    def save(self, commit=True):
        alert = super().save(commit=False)
        if self.cleaned_data["end"]:
            alert.ended_at = alert.ended_at or timezone.now()
        if commit:
            alert.save()
        return alert


class AlertViewSet(ModelViewSet):
    """Each reader's alerts; reached from the subscriber listing, not the menu."""

    model = Alert
    icon = "mail"
    add_to_admin_menu = False
    list_display = [
        Column("description", label=_("Alert"), accessor=lambda alert: alert.description()),
        "subscriber",
        "rhythm",
        "confirmed_at",
        "ended_at",
        "last_sent_until",
    ]
    list_filter = ["rhythm"]
    search_fields = ["subscriber__email"]
    edit_handler = ObjectList([FieldPanel("rhythm"), FieldPanel("end")], base_form_class=AlertForm)
    index_view_class = AlertIndexView
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
