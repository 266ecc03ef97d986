"""Server errors reach the admins and the error tracker without anyone's personal data."""

import gzip
import io
import json
import logging.config
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from django.conf import settings
from django.test import override_settings
from django.utils.log import configure_logging

from hub.settings import base
from tests.hub.test_deploy import PRODUCTION_ENV, manage

pytestmark = pytest.mark.django_db

ADMINS = [("Drift", "drift@example.org")]
# What a visitor sends with the request that fails; none of it may be reported.
PERSONAL = {
    "email": "anna.andersson@example.org",
    "name": "Anna Andersson",
    "password": "hunter2-losenord",
}
SESSION = "hemlig-sessionsnyckel"
VISITOR = "203.0.113.9"
FORWARDED_FOR = "198.51.100.7"
FAILING_REQUEST = {
    "path": "/sv/fel/?email=anna.andersson%40example.org&q=fjarrvarme",
    "data": PERSONAL,
    "headers": {"x-forwarded-for": FORWARDED_FOR, "cookie": f"sessionid={SESSION}"},
    "REMOTE_ADDR": VISITOR,
}
NEVER_REPORTED = [
    *PERSONAL.values(),
    "anna.andersson%40example.org",
    "fjarrvarme",
    SESSION,
    VISITOR,
    FORWARDED_FOR,
]


@pytest.fixture
def site_logging():
    """The logging the site runs with (hub/settings/base.py); what it prints is returned."""
    logging.config.dictConfig(base.LOGGING)
    printed = io.StringIO()
    for name in [None, *base.LOGGING["loggers"]]:
        for handler in logging.getLogger(name).handlers:
            if type(handler) is logging.StreamHandler:
                handler.setStream(printed)
    yield printed
    configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)


def post_failing_request(client):
    client.raise_request_exception = False
    return client.post(**FAILING_REQUEST)


@override_settings(ROOT_URLCONF="tests.urls_with_error", ADMINS=ADMINS)
def test_a_server_error_is_mailed_to_the_admins_without_personal_data(
    client, home, site_logging, mailoutbox
):
    """One mail to ADMINS names the error and where; not what the visitor typed or who they are."""
    response = post_failing_request(client)
    assert response.status_code == 500
    assert "Vi har fått veta om det." in response.content.decode()
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["drift@example.org"]
    assert mail.subject.startswith("[Klimathubben] ERROR")
    assert "/sv/fel/" in mail.subject
    assert "A deliberate failure for the 500 page test." in mail.body
    assert "failing_view" in mail.body
    for value in NEVER_REPORTED:
        assert value not in mail.subject, value
        assert value not in mail.body, value
    # The form's field names stay, to show what was sent.
    assert "email = '********************'" in mail.body


@override_settings(ROOT_URLCONF="tests.urls_with_error", ADMINS=[], SENTRY_DSN="")
def test_without_anyone_to_tell_the_error_page_does_not_claim_so(
    client, home, site_logging, mailoutbox
):
    """With no ADMINS and no error tracker the page does not say the team has been told."""
    response = post_failing_request(client)
    assert response.status_code == 500
    html = response.content.decode()
    assert "Försök igen om en stund." in html
    assert "Vi har fått veta" not in html
    assert mailoutbox == []


@override_settings(ALLOWED_HOSTS=["klimathubben.example.org"], ADMINS=ADMINS)
def test_a_request_for_another_host_is_logged_on_one_line(client, site_logging, mailoutbox):
    """A bad Host header gets a 400 and one log line without a traceback; nobody is mailed."""
    response = client.get("/sv/", headers={"host": "klimathubben.example.org.evil.example"})
    assert response.status_code == 400
    log = site_logging.getvalue()
    lines = [line for line in log.splitlines() if line.strip()]
    assert lines == [
        "Invalid HTTP_HOST header: 'klimathubben.example.org.evil.example'. "
        "You may need to add 'klimathubben.example.org.evil.example' to ALLOWED_HOSTS."
    ]
    assert mailoutbox == []


def test_admins_and_the_sender_come_from_the_environment():
    """ADMINS takes names with addresses or bare addresses; a value that is not one stops the
    server without repeating it."""
    env = {
        **PRODUCTION_ENV,
        "ADMINS": "Drift <drift@example.org>, it@example.org",
        "SERVER_EMAIL": "fel@example.org",
    }
    code = "from django.conf import settings; print(settings.ADMINS, settings.SERVER_EMAIL)"
    result = manage("shell", "--no-imports", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "[('Drift', 'drift@example.org'), ('', 'it@example.org')] fel@example.org"
    )
    wrong = manage("check", env={**PRODUCTION_ENV, "ADMINS": "drift-at-example.org"})
    assert wrong.returncode != 0
    assert "ADMINS holds something that is not an e-mail address" in wrong.stderr
    assert "drift-at-example.org" not in wrong.stderr


class Envelopes(BaseHTTPRequestHandler):
    """A stand-in for the error tracker's server: keeps each envelope it is sent."""

    received = []

    def do_POST(self):  # noqa: N802 - http.server's name
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if self.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        self.received.append(body.decode())
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


@pytest.fixture
def tracker():
    """An HTTP server on a free loopback port, in a thread, for the length of the test."""
    Envelopes.received = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Envelopes)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_the_error_tracker_gets_the_error_without_personal_data(tracker):
    """With SENTRY_DSN set, a server error reaches the tracker with no address, IP or cookie."""
    port = tracker.server_address[1]
    code = (
        "import json, os, sentry_sdk; from django.test import Client, override_settings; "
        "client = Client(raise_request_exception=False); "
        "request = json.loads(os.environ['FAILING_REQUEST']); "
        "with_error = override_settings(ROOT_URLCONF='tests.urls_with_error'); "
        "with_error.enable(); "
        "print(client.post(**request).status_code); "
        "sentry_sdk.flush(timeout=10)"
    )
    env = {
        "DJANGO_SETTINGS_MODULE": "hub.settings.test",
        "DATABASE_URL": "sqlite:///:memory:",
        "SENTRY_DSN": f"http://public@127.0.0.1:{port}/1",
        # Not in the command line, which the tracker is sent.
        "FAILING_REQUEST": json.dumps(FAILING_REQUEST),
    }
    result = manage("shell", "--no-imports", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "500"
    envelopes = "\n".join(Envelopes.received)
    assert "A deliberate failure for the 500 page test." in envelopes
    assert "failing_view" in envelopes
    for value in NEVER_REPORTED:
        assert value not in envelopes, value
