"""The optional error tracker: Sentry, or a server that speaks its protocol (GlitchTip), when
SENTRY_DSN is set. It then needs sentry-sdk (`pip install ".[errors]"`).

Events leave without personal data, as the mail to ADMINS does (hub/errors.py): no user, no
cookies, no form data, no local variables, no query values, no visitor address, and every
e-mail-like string left in the event (messages, breadcrumbs) hidden.
"""

import re

PERSONAL_HEADERS = re.compile(
    r"^(cookie|authorization|x-forwarded-for|x-real-ip|forwarded|remote-addr)$", re.I
)


def start_error_tracking(dsn, environment):
    """Called from the settings, so nothing of Django is imported here."""
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration
    from sentry_sdk.integrations.logging import ignore_logger

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        max_request_body_size="never",
        # Local variables would carry the form's values (a request's POST) past any scrubbing.
        include_local_variables=False,
        before_send=without_personal_data,
        before_breadcrumb=lambda crumb, hint: scrubbed(crumb),
        # Errors only: no performance tracing, no sessions.
        traces_sample_rate=0,
        auto_session_tracking=False,
    )
    # A bad Host header is a refusal, logged on one line, not an error in the hub.
    ignore_logger("django.security.DisallowedHost")


def without_personal_data(event, hint):
    from hub.errors import HIDDEN, without_query_values

    event.pop("user", None)
    request = event.get("request") or {}
    for key in ("cookies", "data", "env"):
        request.pop(key, None)
    if request.get("query_string"):
        request["query_string"] = without_query_values(f"?{request['query_string']}")[1:]
    if request.get("url"):
        request["url"] = without_query_values(request["url"])
    headers = request.get("headers") or {}
    for name in list(headers):
        if PERSONAL_HEADERS.match(name):
            headers[name] = HIDDEN
        elif name.lower() == "referer":
            headers[name] = without_query_values(headers[name])
    return scrubbed(event)


def scrubbed(value):
    """`value` with every e-mail-like string hidden, through dicts and lists."""
    from hub.errors import without_email_addresses

    if isinstance(value, str):
        return without_email_addresses(value)
    if isinstance(value, dict):
        return {key: scrubbed(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [scrubbed(item) for item in value]
    return value
