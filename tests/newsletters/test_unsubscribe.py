"""Unsubscribing: a button behind the link in every issue, and the mail program's one click."""

import re

import pytest

from django.test import Client

from hub.models import Subscriber
from hub.newsletters.links import unsubscribe_url
from tests.factories import SubscriberFactory

pytestmark = pytest.mark.django_db

CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def reader(archive):
    return SubscriberFactory(email="anna.lindqvist@example.org")


@pytest.fixture
def browser():
    """A browser that sends the form's CSRF cookie and token, as people's browsers do."""
    return Client(enforce_csrf_checks=True)


def link(subscriber):
    return unsubscribe_url(subscriber).removeprefix("http://testserver")


def status(subscriber):
    subscriber.refresh_from_db()
    return subscriber.status


def test_following_the_link_only_asks(browser, reader):
    """A mail scanner or a person opening the link unsubscribes nobody: the page asks first."""
    for _ in range(2):
        response = browser.get(link(reader))
        assert response.status_code == 200
        page = response.content.decode()
        assert "Avsluta prenumerationen på nyhetsbrevet" in page
        assert '<form method="post">' in page
        assert ">Avsluta prenumerationen</button>" in page
    assert browser.head(link(reader)).status_code == 200
    assert status(reader) == Subscriber.Status.CONFIRMED
    assert reader.unsubscribed_at is None


def test_the_button_unsubscribes(browser, reader):
    """Pressing the button on the page ends the subscription and offers a way back."""
    page = browser.get(link(reader)).content.decode()
    token = CSRF_TOKEN.search(page).group(1)
    response = browser.post(link(reader), {"csrfmiddlewaretoken": token})
    assert response.status_code == 200
    assert "Du har avslutat prenumerationen" in response.content.decode()
    assert status(reader) == Subscriber.Status.UNSUBSCRIBED
    assert reader.unsubscribed_at is not None
    again = browser.get(link(reader))  # the link once more: no button, the same answer
    assert "Du har avslutat prenumerationen" in again.content.decode()


def test_the_page_in_english(browser, archive, home_en):
    """An English reader's link asks in English."""
    english = SubscriberFactory(language="en")
    assert link(english).startswith("/en/newsletter/unsubscribe/")
    page = browser.get(link(english)).content.decode()
    assert "Unsubscribe from the newsletter" in page
    assert ">Unsubscribe</button>" in page


def test_a_post_from_elsewhere_changes_nothing(browser, reader):
    """A form on another site, without the CSRF token, cannot unsubscribe anyone."""
    assert browser.post(link(reader)).status_code == 403
    assert browser.post(link(reader), {"List-Unsubscribe": "Yes"}).status_code == 403
    assert status(reader) == Subscriber.Status.CONFIRMED


@pytest.mark.parametrize("encoding", ["multipart", "urlencoded"])
def test_mail_programs_unsubscribe_with_one_click(browser, reader, encoding):
    """RFC 8058: the mail program's POST of `List-Unsubscribe=One-Click` needs no token."""
    if encoding == "multipart":
        response = browser.post(link(reader), {"List-Unsubscribe": "One-Click"})
    else:
        response = browser.post(
            link(reader),
            "List-Unsubscribe=One-Click",
            content_type="application/x-www-form-urlencoded",
        )
    assert response.status_code == 200
    assert status(reader) == Subscriber.Status.UNSUBSCRIBED
    assert browser.post(link(reader), {"List-Unsubscribe": "One-Click"}).status_code == 200


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_forged_link_gives_a_clear_page(browser, archive, method):
    """A forged or mangled link is a 400 page that says so, whatever the request."""
    url = "/sv/nyhetsbrev/avsluta/förfalskad/"
    response = getattr(browser, method)(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 400
    assert "Länken fungerar inte" in response.content.decode()
