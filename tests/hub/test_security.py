import re

import pytest

from django.contrib.auth import get_user_model

from tests.factories import StandardPageFactory

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
    """No inline script, style element or style attribute that the policy would block."""
    html = client.get(path).content.decode()
    assert re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html) is None
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
