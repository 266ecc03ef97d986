"""Confirmation links: none brings back a reader who unsubscribed after it was sent, and an
address gets at most one a day, however often and from wherever it is signed up."""

from datetime import timedelta

import pytest
import time_machine
from django_tasks_db.models import DBTaskResult

from django.core import mail, signing
from django.db import connections
from django.test import Client
from django.utils import timezone

from hub.models import Subscriber
from hub.newsletters.links import CONFIRM_SALT
from tests.newsletters.test_subscriptions import ADDRESS, link_in, sign_up
from tests.newsletters.test_unsubscribe import link as unsubscribe_link
from tests.utils import run_worker

# The worker commits as it goes, as it does beside the web server.
pytestmark = pytest.mark.django_db(transaction=True)

CONFIRM_LINK = r"/sv/nyhetsbrev/bekrafta/[^/\s]+/"


def subscriber():
    return Subscriber.objects.get(email=ADDRESS)


def test_a_link_from_before_an_unsubscribe_does_not_subscribe_again(client, archive):
    """Sign up, confirm, unsubscribe: the first link then says how to sign up again."""
    sign_up(client)
    run_worker()
    first = link_in(mail.outbox[0], CONFIRM_LINK)
    client.get(first)
    assert subscriber().status == Subscriber.Status.CONFIRMED
    client.post(unsubscribe_link(subscriber()), {"List-Unsubscribe": "One-Click"})

    response = client.get(first)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Länken gäller inte längre" in page
    assert "Anmäl dig igen" in page and 'href="/sv/nyhetsbrev/prenumerera/"' in page
    assert subscriber().status == Subscriber.Status.UNSUBSCRIBED

    # Signing up again sends a new link at once, though the last one went out minutes ago.
    sign_up(client)
    run_worker()
    assert len(mail.outbox) == 2
    second = link_in(mail.outbox[1], CONFIRM_LINK)
    assert client.get(first).status_code == 400
    assert subscriber().status == Subscriber.Status.PENDING
    assert "Du prenumererar nu" in client.get(second).content.decode()
    assert subscriber().status == Subscriber.Status.CONFIRMED


def test_links_sent_before_they_carried_the_stamp_still_confirm(client, archive):
    """A link in an e-mail sent before the change confirms, unless the reader unsubscribed."""
    sign_up(client)
    token = signing.dumps(subscriber().pk, salt=CONFIRM_SALT)
    old_link = f"/sv/nyhetsbrev/bekrafta/{token}/"
    assert "Du prenumererar nu" in client.get(old_link).content.decode()
    client.post(unsubscribe_link(subscriber()), {"List-Unsubscribe": "One-Click"})
    assert client.get(old_link).status_code == 400
    assert subscriber().status == Subscriber.Status.UNSUBSCRIBED


def test_many_sign_ups_from_many_connections_send_one_mail_a_day(client, archive):
    """Someone signing up another person's address again and again, from ever new addresses,
    gets the usual answer each time, and the address gets one e-mail a day."""
    answers = set()
    for number in range(12):
        response = sign_up(client, remote_addr=f"198.51.100.{number}")
        answers.add((response.status_code, response.content.decode()))
        if number % 3 == 0:
            run_worker()
    run_worker()
    assert len(answers) == 1
    assert [message.to for message in mail.outbox] == [[ADDRESS]]
    queued = DBTaskResult.objects.count()
    sign_up(client, remote_addr="203.0.113.9")
    assert DBTaskResult.objects.count() == queued  # nothing queued for the worker either

    with time_machine.travel(timezone.now() + timedelta(hours=23)):
        sign_up(client, remote_addr="203.0.113.10")
        run_worker()
    assert len(mail.outbox) == 1
    with time_machine.travel(timezone.now() + timedelta(hours=25)):
        for number in range(3):
            sign_up(client, remote_addr=f"203.0.113.{20 + number}")
            run_worker()
    assert len(mail.outbox) == 2
    assert subscriber().status == Subscriber.Status.PENDING


def test_a_sign_up_while_the_link_goes_out_sends_no_second_one(archive, smtp_server):
    """The worker stamps the address as it takes the e-mail on, so a sign-up made while the
    mail server is receiving it, through another connection, sends nothing more."""
    answers = []

    def sign_up_meanwhile():
        answers.append(sign_up(Client(), remote_addr="203.0.113.7"))
        connections.close_all()  # this thread's own connection

    smtp_server.while_receiving = sign_up_meanwhile
    first = sign_up(Client())
    run_worker()
    smtp_server.while_receiving = None
    run_worker()
    assert [answer.content for answer in answers] == [first.content]
    assert smtp_server.recipients == [ADDRESS]
