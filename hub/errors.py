"""Error reports without personal data: what the admins are mailed, and what is logged.

A report keeps what finds the fault (the exception, the traceback, the address without its
query values, the settings with their secrets hidden) and hides what visitors and editors gave:
every form value, every cookie, the visitor's IP address, query values and anything else that
looks like an e-mail address. The error tracker (`hub.error_tracking`) scrubs the same way.
"""

import logging
import re
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.utils.log import AdminEmailHandler
from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter

HIDDEN = SafeExceptionReporterFilter.cleansed_substitute
# An e-mail address, also as it appears in a query string (%40).
EMAIL_LIKE = re.compile(r"[\w.+%-]+(?:@|%40)[\w-]+(?:\.[\w-]+)+")
# Request headers that name the visitor or carry their session.
PERSONAL_HEADERS = re.compile(
    r"^(REMOTE_ADDR|REMOTE_HOST|HTTP_X_FORWARDED_FOR|HTTP_X_REAL_IP|HTTP_FORWARDED|"
    r"HTTP_COOKIE|HTTP_AUTHORIZATION|QUERY_STRING)$"
)
# Local variables that may hold what a visitor or editor typed.
PERSONAL_NAMES = re.compile(r"mail|pass|token|secret|address|phone", re.I)


def without_email_addresses(text):
    return EMAIL_LIKE.sub(HIDDEN, text)


def without_query_values(url):
    """`url` with each query value hidden: /sv/sok/?q=******************** keeps the shape."""
    parts = urlsplit(url)
    if not parts.query:
        return url
    names = [item.split("=", 1)[0] for item in parts.query.split("&")]
    query = "&".join(f"{name}={HIDDEN}" for name in names)
    return urlunsplit(parts._replace(query=query))


class PrivateExceptionReporterFilter(SafeExceptionReporterFilter):
    """Django's filter, with every form value, cookie, query value and visitor address hidden."""

    def is_active(self, request):
        return True

    def get_post_parameters(self, request):
        if request is None:
            return {}
        return hide_values(request.POST)

    def get_cleansed_multivaluedict(self, request, multivaluedict):
        return hide_values(multivaluedict)

    def get_safe_cookies(self, request):
        return dict.fromkeys(getattr(request, "COOKIES", {}), HIDDEN)

    def get_safe_request_meta(self, request):
        meta = super().get_safe_request_meta(request)
        if "HTTP_REFERER" in meta:
            meta["HTTP_REFERER"] = without_query_values(str(meta["HTTP_REFERER"]))
        return {
            key: HIDDEN if PERSONAL_HEADERS.match(key) else self.without_personal(value)
            for key, value in meta.items()
        }

    def get_traceback_frame_variables(self, request, tb_frame):
        return [
            (name, HIDDEN if PERSONAL_NAMES.search(name) else value)
            for name, value in super().get_traceback_frame_variables(request, tb_frame)
        ]

    @staticmethod
    def without_personal(value):
        return without_email_addresses(value) if isinstance(value, str) else value


def hide_values(multivaluedict):
    hidden = multivaluedict.copy()
    for key in hidden:
        hidden.setlist(key, [HIDDEN])
    return hidden


class PrivateExceptionReporter(ExceptionReporter):
    """Django's report with the filter above, query values and e-mail addresses hidden, and
    the signed-in user named by number only."""

    def get_traceback_data(self):
        data = super().get_traceback_data()
        if self.request is not None:
            data["request_GET_items"] = hide_values(self.request.GET).items()
            data["request_insecure_uri"] = without_query_values(data["request_insecure_uri"])
            if data.get("user_str") and hasattr(self.request, "user"):
                data["user_str"] = user_label(self.request)
        return data

    def get_traceback_text(self):
        return without_email_addresses(super().get_traceback_text())

    def get_traceback_html(self):
        return without_email_addresses(super().get_traceback_html())


def user_label(request):
    """The signed-in user by number only: a username may be a name or an e-mail address."""
    try:
        user = request.user
        return f"#{user.pk}" if user.is_authenticated else "anonymous"
    except Exception:  # noqa: BLE001 - the database may be what failed
        return "[unable to retrieve the current user]"


class PrivateAdminEmailHandler(AdminEmailHandler):
    """Django's mail to ADMINS, with the report above and no e-mail address in the subject or
    the log line (a path may hold one); nothing is built when there is nobody to tell."""

    def emit(self, record):
        if settings.ADMINS:
            super().emit(record)

    def send_mail(self, subject, message, *args, **kwargs):
        subject, message = without_email_addresses(subject), without_email_addresses(message)
        super().send_mail(subject, message, *args, **kwargs)


class WithoutTraceback(logging.Filter):
    """Log the record's message alone: the traceback of an expected refusal says nothing."""

    def filter(self, record):
        record.exc_info = None
        record.exc_text = None
        return True
