from datetime import date, timedelta

import pytest
import time_machine

from django.utils import timezone

from hub.models import Delivery, Subscriber
from tests.factories import NewsletterIssuePageFactory, SubscriberFactory
from tests.newsletters.test_subscriptions import ADDRESS, sign_up
from tests.utils import run_worker

# The worker commits as it goes, as it does beside the web server.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _retry_settings(settings):
    settings.MAIL_ATTEMPTS = 3
    settings.MAIL_RETRY_SECONDS = 60


def later(minutes):
    """The clock moved on far enough for a retry to be due."""
    return time_machine.travel(timezone.now() + timedelta(minutes=minutes), tick=True)


@pytest.fixture
def issue(archive):
    return NewsletterIssuePageFactory(
        parent=archive, title="Verksamhetsplanen", number=1, issue_date=date(2026, 4, 20)
    )


@pytest.fixture
def readers(db):
    return [SubscriberFactory() for _ in range(5)]


def test_sign_up_while_the_mail_server_is_down(client, archive, smtp):
    """The visitor gets the usual answer; the worker sends the link once the server is back."""
    response = sign_up(client)
    assert response.status_code == 200
    assert "Titta i din e-post" in response.content.decode()
    run_worker()  # the server is still down: the request is kept for a retry
    subscriber = Subscriber.objects.get(email=ADDRESS)
    assert subscriber.confirmation_requested_at is not None
    assert subscriber.confirmation_sent_at is None
    inbox = smtp.start()
    run_worker()
    assert inbox.messages == []  # the retry is not due yet
    with later(2):
        run_worker()
    assert inbox.recipients == [ADDRESS]
    assert b"/sv/nyhetsbrev/bekrafta/" in inbox.messages[0].content
    with later(60):
        run_worker()
    assert len(inbox.messages) == 1
    subscriber.refresh_from_db()
    assert subscriber.confirmation_sent_at is not None


def test_repeated_sign_ups_before_the_worker_runs_send_one_link(client, archive, smtp_server):
    """Three sign-ups of one pending address queue three tasks but send one e-mail."""
    for _ in range(3):
        sign_up(client)
    run_worker()
    assert smtp_server.recipients == [ADDRESS]


def test_a_refused_confirmation_is_tried_again_a_bounded_number_of_times(
    client, archive, smtp_server
):
    """A server that keeps refusing gets three attempts, a little apart, and no more."""
    smtp_server.refuse_after = 0
    sign_up(client)
    for minutes in (2, 5, 10, 20):
        with later(minutes):
            run_worker()
    assert smtp_server.messages == []
    smtp_server.refuse_after = None
    with later(60):
        run_worker()
    assert smtp_server.messages == []  # given up: signing up again asks anew
    sign_up(client)
    run_worker()
    assert smtp_server.recipients == [ADDRESS]


def test_editor_sends_and_the_worker_delivers_once(client, editor, issue, readers, smtp_server):
    """The send button queues the issue at once; the worker sends each reader one copy."""
    url = f"/admin/newsletter/{issue.pk}/send/"
    assert "Inte skickat än." in client.get(url).content.decode()
    response = client.post(url, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "köat för 5 prenumeranter" in page
    assert "Köat: arbetaren börjar skicka strax." in page
    assert smtp_server.messages == []
    run_worker()
    assert smtp_server.recipients == sorted(reader.email for reader in readers)
    page = client.get(url).content.decode()
    assert "Klart." in page and "5 har redan fått numret" in page
    response = client.post(url, follow=True)
    assert "Alla bekräftade prenumeranter har redan fått numret." in response.content.decode()
    run_worker()
    assert len(smtp_server.messages) == 5


def test_a_send_refused_part_way_goes_on_later_with_the_rest(
    client, editor, issue, readers, smtp_server
):
    """After two messages the server turns the rest away; the retry sends only those three."""
    smtp_server.refuse_after = 2
    url = f"/admin/newsletter/{issue.pk}/send/"
    client.post(url)
    run_worker()
    assert len(smtp_server.messages) == 2
    page = client.get(url).content.decode()
    assert "2 har redan fått numret" in page
    assert "3 avvisade av e-postservern" in page
    assert "försöks igen" in page
    smtp_server.refuse_after = None
    with later(2):
        run_worker()
    assert smtp_server.recipients == sorted(reader.email for reader in readers)
    assert set(Delivery.objects.values_list("status", flat=True)) == {Delivery.Status.SENT}
    with later(60):
        run_worker()
    assert len(smtp_server.messages) == 5


def test_a_send_while_the_mail_server_is_down_waits_for_it(client, editor, issue, readers, smtp):
    """Nobody is taken on while the server cannot be reached; the retry reaches everyone."""
    client.post(f"/admin/newsletter/{issue.pk}/send/")
    run_worker()
    assert not Delivery.objects.exists()
    inbox = smtp.start()
    with later(2):
        run_worker()
    assert len(inbox.messages) == 5
    assert sorted(inbox.recipients) == sorted(reader.email for reader in readers)


def test_an_unknown_outcome_is_never_sent_again(client, editor, issue, readers, smtp_server):
    """A reader whose message may have gone out before a worker died gets no second copy."""
    Delivery.objects.create(issue=issue, subscriber=readers[0])  # taken on, never finished
    client.post(f"/admin/newsletter/{issue.pk}/send/")
    run_worker()
    assert readers[0].email not in smtp_server.recipients
    assert len(smtp_server.messages) == 4
    page = client.get(f"/admin/newsletter/{issue.pk}/send/").content.decode()
    assert "1 med okänt utfall" in page
