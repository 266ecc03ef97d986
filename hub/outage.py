"""When the database does not answer: a 503 page made without it, and no traceback.

Each request first makes sure the database answers: a persistent connection that the server
dropped fails Django's health check and is closed, and a new one is opened. If that fails,
the visitor gets templates/503.html in the language of the address or the browser, rendered
without a request context (nothing in it reads the database), with Retry-After. Nothing is
restarted: the next request tries again, so the site is back as soon as the database is.
docs/deployment.md, "When the database goes away".
"""

import logging
import sys

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse
from django.template import loader
from django.utils import translation
from django.utils.cache import patch_vary_headers

from hub.middleware import ContentSecurityPolicyMiddleware

try:
    import psycopg
except ImportError:  # SQLite only
    psycopg = None

logger = logging.getLogger(__name__)

# Django wraps the driver's errors in its own; a few paths (closing, the health check) may
# let psycopg's through.
DATABASE_DOWN = (OperationalError, InterfaceError)
if psycopg is not None:
    DATABASE_DOWN += (psycopg.OperationalError, psycopg.InterfaceError)

RETRY_AFTER_SECONDS = 30


def outage_language(request):
    """The address's language, else the browser's (cookie, Accept-Language), else Swedish."""
    return translation.get_language_from_path(
        request.path_info
    ) or translation.get_language_from_request(request)


def unavailable(request):
    """The 503 page, rendered without the database."""
    language = outage_language(request)
    with translation.override(language):
        html = loader.render_to_string("503.html", {"path": request.get_full_path()})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Content-Language"] = language
    # Never kept anywhere: the page must go as soon as the database is back.
    response["Cache-Control"] = "no-store"
    patch_vary_headers(response, ["Accept-Language", "Cookie"])
    # The admin's prefix is exempt from the policy, but this page is the hub's own.
    response["Content-Security-Policy"] = ContentSecurityPolicyMiddleware.build_policy()
    return response


def note_database_error(sender, request=None, **kwargs):
    """Mark a request whose handling raised a database error (got_request_exception receiver):
    an error raised by a middleware reaches only Django's handler, not the middleware below."""
    error = sys.exc_info()[1]
    if request is not None and isinstance(error, DATABASE_DOWN):
        request.database_error = error


got_request_exception.connect(note_database_error, dispatch_uid="hub_outage_note_error")


class DatabaseOutageMiddleware:
    """Answer 503 when the database is unreachable, from before the page cache on.

    Static files (WhiteNoise, above it) are served as ever.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            # A connection the server dropped fails the health check (CONN_HEALTH_CHECKS) and
            # is closed; then one is opened, as the first query would.
            connection.close_if_health_check_failed()
            connection.ensure_connection()
        except DATABASE_DOWN as error:
            return self.outage(request, error)
        response = self.get_response(request)
        error = getattr(request, "database_error", None)
        if error is not None and response.status_code >= 500:
            # Whatever the layers below did to the response (a cookie, a header) is dropped.
            return self.outage(request, error)
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_DOWN):
            request.database_error = exception
            return HttpResponse(status=503)  # handled: replaced by the page in __call__
        return None

    @staticmethod
    def outage(request, error):
        # One line, no traceback (and no address, which may hold a token): every request says
        # the same while the database is away.
        logger.warning("Database unavailable, answering 503: %s", error)
        return unavailable(request)
