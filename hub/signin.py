"""Signing in to the admin: the page a locked-out sign-in gets (django-axes counts the failures,
see settings), a password reset form that sends a limited number of e-mails, and the sign-in
form with its password label translated."""

import ipaddress
import logging
import math

from axes.helpers import get_cool_off

from django.contrib import messages
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail.admin.forms.auth import LoginForm, PasswordResetForm
from wagtail.admin.views.account import LoginView

from hub.limits import client_address, count

logger = logging.getLogger(__name__)

RESETS_PER_ADDRESS_PER_HOUR = 3
RESETS_PER_CLIENT_PER_HOUR = 10
HOUR = 60 * 60


class SignInForm(LoginForm):
    """Wagtail's sign-in form; its password field has no label of its own, so the admin showed
    the field's name, "Password", in every language."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")


class LockedOutView(LoginView):
    """Wagtail's sign-in form again, empty, with why it refused; answered with a 429."""

    def post(self, request, *args, **kwargs):
        # An unbound form: binding it would try the password again and count another failure.
        form = self.get_form_class()(request)
        minutes = math.ceil(get_cool_off(request).total_seconds() / 60)
        messages.error(
            request,
            ngettext(
                "Too many failed sign-ins to this account from your connection. Try again in "
                "%(minutes)d minute, or ask an administrator to unlock the account.",
                "Too many failed sign-ins to this account from your connection. Try again in "
                "%(minutes)d minutes, or ask an administrator to unlock the account.",
                minutes,
            )
            % {"minutes": minutes},
        )
        return self.render_to_response(self.get_context_data(form=form), status=429)


def locked_out(request, original_response=None, credentials=None):
    """django-axes' AXES_LOCKOUT_CALLABLE. It answers from a middleware, past the point where
    Django renders a view's template response, so the page is rendered here."""
    return LockedOutView.as_view()(request).render()


def signin_client_address(request):
    """django-axes' AXES_CLIENT_IP_CALLABLE: the client's IP address, or None for a request
    without one (a script's or a test's sign-in, a garbled X-Forwarded-For), which PostgreSQL's
    inet column would refuse."""
    try:
        return str(ipaddress.ip_address(client_address(request)))
    except ValueError:
        return None


def count_this_hour(kind, value):
    """Count one more request under `kind` for `value` (kept only as a keyed hash) this hour."""
    return count(f"signin:{kind}:{salted_hmac('hub.signin', value).hexdigest()}", HOUR)


class LimitedPasswordResetForm(PasswordResetForm):
    """Wagtail's password reset form, which sends no e-mail past the hour's limit for the
    address or for the client asking. The page after it is the same whether or not an e-mail
    went out, so it never tells whether an address has an account."""

    def save(self, *args, request=None, **kwargs):
        address = self.cleaned_data["email"].strip().lower()
        by_client = count_this_hour("reset-client", client_address(request))
        by_address = count_this_hour("reset-address", address)
        if by_client > RESETS_PER_CLIENT_PER_HOUR or by_address > RESETS_PER_ADDRESS_PER_HOUR:
            logger.warning("Password reset past the hour's limit: no e-mail sent.")
            return
        super().save(*args, request=request, **kwargs)
