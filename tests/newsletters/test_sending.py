import email
import logging
import re
from datetime import date

import pytest

from django.core import mail

from wagtail.test.utils.form_data import nested_form_data, streamfield

from hub.models import Delivery, Subscriber
from hub.newsletters.email import render_issue_email
from hub.newsletters.sending import send_issue
from tests.factories import (
    EventIndexPageFactory,
    EventTypeFactory,
    NewsletterIssuePageFactory,
    SubscriberFactory,
    ThemeFactory,
    case_study,
    event,
)

pytestmark = pytest.mark.django_db


RICH_TEXT = (
    '<h3>Fokus</h3><p>Läs <a href="https://example.org/plan">planen</a>.</p>'
    "<ul><li>Rättvis omställning</li></ul>"
)


@pytest.fixture
def issue(archive, library, home):
    study = case_study(library, "Energicoach i Lund", slug="energicoach", themes=[ThemeFactory()])
    calendar = EventIndexPageFactory(parent=home)
    from django.utils import timezone

    webbfika = event(
        calendar,
        "Webbfika om incitament",
        timezone.now() + timezone.timedelta(days=9),
        slug="webbfika",
        event_type=EventTypeFactory(name="Webbfika"),
    )
    return NewsletterIssuePageFactory(
        parent=archive,
        title="Verksamhetsplanen",
        slug="verksamhetsplanen",
        number=1,
        issue_date=date(2026, 4, 20),
        intro="Årsstämman har beslutat om en ny verksamhetsplan.",
        sign_off="Kansliet",
        sections=[
            {"type": "rich_text", "value": RICH_TEXT},
            {
                "type": "featured_case_study",
                "value": {"page": study.pk, "note": "Ett exempel att ta efter."},
            },
            {"type": "featured_event", "value": {"page": webbfika.pk, "note": ""}},
            {
                "type": "link_list",
                "value": {
                    "heading": "Läs mer",
                    "links": [{"title": "Kalender", "url": "https://example.org/kalender"}],
                },
            },
        ],
    )


@pytest.fixture
def readers(db):
    return {
        "swedish": [SubscriberFactory() for _ in range(5)],
        "english": SubscriberFactory(language="en"),
        "pending": SubscriberFactory(status=Subscriber.Status.PENDING, confirmed_at=None),
        "gone": SubscriberFactory(status=Subscriber.Status.UNSUBSCRIBED),
    }


def test_email_edition_is_email_safe(issue):
    """Tables, inline styles, absolute links and no relative address anywhere."""
    subject, text, html = render_issue_email(issue, SubscriberFactory())
    assert subject == "Verksamhetsplanen – Klimathubbens nyhetsbrev nr 1"
    assert '<table role="presentation"' in html
    assert "<style" not in html and "<script" not in html
    assert re.search(r'<p style="[^"]+">Läs <a href="https://example.org/plan" style="', html)
    assert not re.search(r'(href|src)="/', html)
    assert 'href="http://testserver/sv/exempel/energicoach/"' in html
    assert "Webbfika om incitament" in html
    assert "Ett exempel att ta efter." in html
    assert "http://testserver/sv/nyhetsbrev/avsluta/" in html


def test_plain_text_alternative(issue):
    """The text part carries the same content, with addresses written out."""
    _subject, text, _html = render_issue_email(issue, SubscriberFactory())
    assert "VERKSAMHETSPLANEN" in text
    assert "Läs planen (https://example.org/plan)." in text
    assert "- Rättvis omställning" in text
    assert "ENERGICOACH I LUND" in text and "http://testserver/sv/exempel/energicoach/" in text
    assert "- Kalender: https://example.org/kalender" in text
    assert "<" not in text
    assert "Avsluta prenumerationen: http://testserver/sv/nyhetsbrev/avsluta/" in text


def test_email_edition_in_the_browser(client, issue):
    """The e-mail edition opens in the browser with a policy that allows no script at all."""
    response = client.get("/sv/nyhetsbrev/verksamhetsplanen/email/")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "script-src" not in policy
    assert response["X-Robots-Tag"] == "noindex"
    assert "Verksamhetsplanen" in response.content.decode()


def test_draft_email_edition_from_the_send_page(client, editor, issue):
    """The admin's "see the e-mail edition first" link shows a draft issue's e-mail edition."""
    issue.title = "Verksamhetsplanen, utkast"
    issue.save_revision().publish()
    issue.unpublish()
    assert client.get("/sv/nyhetsbrev/verksamhetsplanen/email/").status_code == 404
    page = client.get(f"/admin/newsletter/{issue.pk}/send/").content.decode()
    link = re.search(r'href="([^"]+)"[^>]*>Se e-postutgåvan först', page).group(1)
    response = client.get(link.replace("&amp;", "&"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<table role="presentation"' in html
    assert "Verksamhetsplanen, utkast" in html
    assert "script-src" not in response["Content-Security-Policy"]


def test_email_edition_is_a_preview_mode_with_unsaved_edits(client, editor, issue):
    """In the preview panel the editor switches to the e-mail edition and sees unsaved text."""
    url = f"/admin/pages/{issue.pk}/edit/preview/"
    data = nested_form_data(
        {
            "title": "Verksamhetsplanen",
            "slug": "verksamhetsplanen",
            "issue_date": "2026-04-20",
            "number": "1",
            "intro": "En osparad inledning.",
            "sections": streamfield([]),
            "sign_off": "Kansliet",
            "tags": "",
        }
    )
    assert client.post(url, data).json()["is_valid"]
    edit = client.get(f"/admin/pages/{issue.pk}/edit/").content.decode()
    assert "E-postutgåva" in edit
    response = client.get(url + "?mode=email")
    html = response.content.decode()
    assert '<table role="presentation"' in html
    assert "En osparad inledning." in html
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]


def test_send_reaches_confirmed_subscribers_of_the_issue_language_only(issue, readers):
    """Five confirmed Swedish readers get it; English, pending and unsubscribed ones do not."""
    report = send_issue(issue, batch_size=2)
    assert (report.sent, report.failed) == (5, 0)
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        r.email for r in readers["swedish"]
    )
    message = mail.outbox[0]
    assert message.alternatives[0].mimetype == "text/html"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"].startswith(
        "<http://testserver/sv/nyhetsbrev/avsluta/"
    )


def test_a_retry_never_sends_twice(issue, readers):
    """After an interrupted send, a retry reaches only those who had nothing."""
    interrupted = readers["swedish"][:2]
    for subscriber in interrupted:
        Delivery.objects.create(issue=issue, subscriber=subscriber)  # claimed, outcome unknown
    report = send_issue(issue)
    assert report.sent == 3 and report.already == 2
    assert {message.to[0] for message in mail.outbox}.isdisjoint({s.email for s in interrupted})
    mail.outbox.clear()
    again = send_issue(issue)
    assert again.sent == 0 and mail.outbox == []


def test_subscribers_who_leave_get_no_more_issues(client, issue, readers):
    """Following the unsubscribe link in an issue and pressing its button stops the next one."""
    send_issue(issue)
    link = re.search(
        r"http://testserver(/sv/nyhetsbrev/avsluta/[^/\s]+/)", mail.outbox[0].body
    ).group(1)
    assert ">Avsluta prenumerationen</button>" in client.get(link).content.decode()
    client.post(link)
    mail.outbox.clear()
    next_issue = NewsletterIssuePageFactory(
        parent=issue.get_parent(), number=2, issue_date=date(2026, 5, 1)
    )
    assert send_issue(next_issue).sent == 4


def test_sending_logs_no_addresses(issue, readers, caplog):
    """The send log has counts and ids, never an address."""
    caplog.set_level(logging.DEBUG)
    send_issue(issue)
    assert "5 sent" in caplog.text
    for subscriber in readers["swedish"]:
        assert subscriber.email not in caplog.text


def test_editor_sends_an_issue_from_the_admin(client, editor, issue, readers):
    """The admin shows how many will get the issue, queues it on confirmation, and not twice."""
    edit = client.get(f"/admin/pages/{issue.pk}/edit/").content.decode()
    assert f'href="/admin/newsletter/{issue.pk}/send/"' in edit
    page = client.get(f"/admin/newsletter/{issue.pk}/send/").content.decode()
    assert "5 får det nu" in page
    response = client.post(f"/admin/newsletter/{issue.pk}/send/", follow=True)
    assert "köat för 5 prenumeranter" in response.content.decode()
    assert mail.outbox == []
    again = client.post(f"/admin/newsletter/{issue.pk}/send/", follow=True)
    assert "Numret skickas redan." in again.content.decode()


def test_subscriber_admin_lists_and_filters(client, editor, readers):
    """Editors see the subscribers, filtered by status."""
    html = client.get("/admin/subscribers/?status=pending").content.decode()
    assert readers["pending"].email in html
    assert readers["gone"].email not in html


def test_issue_goes_out_over_smtp(issue, readers, smtp_server):
    """End to end through Django's SMTP backend to a real SMTP server."""
    report = send_issue(issue, batch_size=2)
    assert report.sent == 5
    assert len(smtp_server.messages) == 5
    message = email.message_from_bytes(smtp_server.messages[0].content)
    assert message.get_content_type() == "multipart/alternative"
    parts = [part.get_content_type() for part in message.walk()]
    assert "text/plain" in parts and "text/html" in parts
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
