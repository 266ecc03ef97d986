import base64
import hashlib
import re
from datetime import UTC, datetime, timedelta

import pytest

from django.contrib.auth import get_user_model
from django.utils import timezone

from events.models import EventSeriesPage
from tests.factories import (
    CaseStudyIndexPageFactory,
    EventIndexPageFactory,
    NewsletterIndexPageFactory,
    NewsletterIssuePageFactory,
    StandardPageFactory,
    case_study,
    event,
)
from tests.hub.test_deploy import PRODUCTION_ENV, manage

pytestmark = pytest.mark.django_db

PUBLIC_PATHS = ["/sv/", "/en/", "/sv/om/", "/sv/finns-inte/"]


@pytest.fixture
def pages(home, home_en):
    StandardPageFactory(
        parent=home,
        title="Om",
        slug="om",
        body=[
            {"type": "paragraph", "value": "<p>Text</p>"},
            {
                "type": "video",
                "value": {"url": "https://youtu.be/aqz-KE-bpKQ", "title": "Film", "caption": ""},
            },
        ],
    )


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_public_pages_send_a_strict_content_security_policy(client, pages, path):
    """Public pages allow scripts and styles from the hub only."""
    policy = client.get(path)["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "object-src 'none'" in policy


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_public_pages_have_no_inline_script_or_style(client, pages, path):
    """No inline script, style element or style attribute that the policy would block: the
    only inline scripts are JSON-LD data, each allowed by its hash."""
    response = client.get(path)
    html = response.content.decode()
    for attributes, text in re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", html, re.S):
        assert attributes == ' type="application/ld+json"'
        digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in response["Content-Security-Policy"]
    assert "<style" not in html
    assert "style=" not in html


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_anonymous_visitors_get_no_cookies(client, pages, path):
    """Reading the hub stores nothing in the visitor's browser."""
    response = client.get(path)
    assert response.cookies == {}


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_public_pages_request_nothing_from_third_parties(client, pages, path):
    """Every script, stylesheet and image is served by the hub itself."""
    html = client.get(path).content.decode()
    for url in re.findall(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="([^"]+)"', html):
        assert url.startswith(("/", "http://testserver/")), url


def test_video_loads_only_after_a_click(client, pages):
    """A video is a link and a button until the visitor asks for it; no iframe is sent."""
    html = client.get("/sv/om/").content.decode()
    assert "<iframe" not in html
    assert 'data-embed-url="https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ"' in html
    assert 'href="https://youtu.be/aqz-KE-bpKQ"' in html


def test_admin_keeps_wagtails_own_policy(client, home):
    """The editors' admin is not held to the public policy."""
    user = get_user_model().objects.create_superuser("redaktor", "r@example.org", "losen")
    client.force_login(user)
    assert "Content-Security-Policy" not in client.get("/admin/")


def test_security_headers(client, home):
    """Basic hardening headers are present on public pages."""
    response = client.get("/sv/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.fixture
def every_page_type(pages, home):
    """One page of every kind the public sees, tagged "klimat", an event in Karlstad."""
    library = CaseStudyIndexPageFactory(parent=home)
    case_study(library, "Klimatexempel", slug="klimatexempel", tags=["klimat"])
    calendar = EventIndexPageFactory(parent=home)
    series = EventSeriesPage(title="Webbfika", slug="webbfika")
    calendar.add_child(instance=series)
    meeting = event(
        calendar,
        "Klimatträff",
        timezone.now() + timedelta(days=3),
        slug="klimattraff",
        municipalities=["1780"],
        series=series,
    )
    meeting.tags.add("klimat")
    meeting.save()
    archive = NewsletterIndexPageFactory(parent=home)
    NewsletterIssuePageFactory(
        parent=archive, slug="nummer-1", number=1, issue_date="2026-11-01", tags=["klimat"]
    )


EVERY_PAGE_TYPE = [
    pytest.param("/sv/", 200, id="home"),
    pytest.param("/sv/om/", 200, id="standard page"),
    pytest.param("/sv/exempel/", 200, id="case study library"),
    pytest.param("/sv/exempel/klimatexempel/", 200, id="case study"),
    pytest.param("/sv/evenemang/", 200, id="calendar"),
    pytest.param("/sv/evenemang/klimattraff/", 200, id="event"),
    pytest.param("/sv/evenemang/webbfika/", 200, id="event series"),
    pytest.param("/sv/nyhetsbrev/", 200, id="newsletter archive"),
    pytest.param("/sv/nyhetsbrev/nummer-1/", 200, id="newsletter issue"),
    pytest.param("/sv/taggar/", 200, id="tag index"),
    pytest.param("/sv/taggar/klimat/", 200, id="tag"),
    pytest.param("/sv/kommuner/karlstad/", 200, id="municipality"),
    pytest.param("/sv/sok/?q=klimat", 200, id="search"),
    pytest.param("/sv/finns-inte/", 404, id="not found"),
    pytest.param("/sitemap.xml", 200, id="sitemap"),
    pytest.param("/.well-known/security.txt", 200, id="security.txt"),
]
PERMISSIONS_POLICY = re.compile(r"^[a-z-]+=\([^)]*\)(, [a-z-]+=\([^)]*\))*$")


@pytest.mark.parametrize(("path", "status"), EVERY_PAGE_TYPE)
def test_every_page_type_sends_the_security_headers(client, every_page_type, path, status):
    """Every kind of public page carries the policy, the features policy and hardening headers."""
    response = client.get(path)
    assert response.status_code == status
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    features = response["Permissions-Policy"]
    assert PERMISSIONS_POLICY.match(features), features
    for feature in ("camera=()", "microphone=()", "geolocation=()", "browsing-topics=()"):
        assert feature in features
    # Browsers log an error for a feature they do not know; the video players may go fullscreen.
    assert "interest-cohort" not in features
    assert "fullscreen" not in features
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_static_files_and_the_admin_send_the_feature_policy(client, home):
    """Files served beside the pages, and the editors' admin, turn off the same features."""
    for path in ("/static/hub/css/site.css", "/admin/login/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "camera=()" in response["Permissions-Policy"], path
        assert response["X-Content-Type-Options"] == "nosniff", path


def test_security_txt_says_whom_to_tell_and_until_when(client, home, settings):
    """/.well-known/security.txt holds the contact, a future expiry, languages and its address."""
    settings.SECURITY_CONTACT = "sakerhet@example.org"
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.cookies == {}
    fields = dict(line.split(": ", 1) for line in response.content.decode().splitlines())
    assert fields["Contact"] == "mailto:sakerhet@example.org"
    assert fields["Preferred-Languages"] == "sv, en"
    assert fields["Canonical"] == "http://testserver/.well-known/security.txt"
    expires = datetime.strptime(fields["Expires"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    # RFC 9116 asks for an expiry in the future and less than a year away.
    assert timezone.now() < expires < timezone.now() + timedelta(days=365)


def test_security_txt_takes_an_address_or_a_web_form(client, home, settings):
    """A contact that is already a URI is given as it is."""
    settings.SECURITY_CONTACT = "https://klimathubben.example.org/sakerhet/"
    text = client.get("/.well-known/security.txt").content.decode()
    assert "Contact: https://klimathubben.example.org/sakerhet/\n" in text


def test_security_txt_expires_when_the_owner_says():
    """SECURITY_TXT_EXPIRES sets the date, in UTC; a value that is not a date stops the server."""
    code = "from django.conf import settings; print(settings.SECURITY_TXT_EXPIRES.isoformat())"
    env = {**PRODUCTION_ENV, "SECURITY_TXT_EXPIRES": "2027-06-30T12:00:00+02:00"}
    result = manage("shell", "--no-imports", "-c", code, env=env)
    assert result.stdout.strip() == "2027-06-30T10:00:00+00:00", result.stderr
    wrong = manage("check", env={**PRODUCTION_ENV, "SECURITY_TXT_EXPIRES": "next year"})
    assert wrong.returncode != 0
    assert "SECURITY_TXT_EXPIRES='next year': use a date such as 2027-06-30." in wrong.stderr


def production_headers(path, **env):
    """The headers a production server sends for `path` over HTTPS, in a new process."""
    code = (
        "from django.test import Client; "
        f"r = Client().get({path!r}, secure=True, headers={{'host': 'klimathubben.example.org'}}); "
        "print(r.status_code); print(r.headers)"
    )
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        code,
        env={**PRODUCTION_ENV, "PAGE_CACHE_SECONDS": "0", **env},
    )
    assert result.returncode == 0, result.stderr
    status, headers = result.stdout.strip().splitlines()[-2:]
    return int(status), headers


def test_production_hsts_names_only_this_host_by_default():
    """HTTPS is pinned for a year for this host alone, not its subdomains, not preloaded."""
    status, headers = production_headers("/.well-known/security.txt")
    assert status == 200
    assert "'Strict-Transport-Security': 'max-age=31536000'" in headers
    assert "security@example.org" not in headers


def test_production_hsts_covers_subdomains_and_preload_when_the_owner_opts_in():
    """The owner who wants the preload list turns both on; the deploy check stays clean."""
    opt_in = {"SECURE_HSTS_INCLUDE_SUBDOMAINS": "1", "SECURE_HSTS_PRELOAD": "1"}
    _status, headers = production_headers("/.well-known/security.txt", **opt_in)
    assert "'Strict-Transport-Security': 'max-age=31536000; includeSubDomains; preload'" in headers
    check = manage("check", "--deploy", "--fail-level", "WARNING", env={**PRODUCTION_ENV, **opt_in})
    assert check.returncode == 0, check.stdout + check.stderr
