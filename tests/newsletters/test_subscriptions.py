import logging
import re
from datetime import timedelta

import pytest
import time_machine
from django_tasks_db.models import DBTaskResult

from django.core import mail, signing
from django.utils import timezone

from hub.models import Subscriber
from hub.newsletters.forms import FORM_SALT
from tests.utils import run_worker

pytestmark = pytest.mark.django_db

ADDRESS = "anna.lindqvist@example.org"


def started_long_ago():
    """The hidden form timestamp of someone who took their time filling the form in."""
    return signing.dumps(timezone.now().timestamp() - 30, salt=FORM_SALT)


def sign_up(client, language="sv", forwarded_for=None, remote_addr="127.0.0.1", **data):
    path = "/sv/nyhetsbrev/prenumerera/" if language == "sv" else "/en/newsletter/subscribe/"
    form = {"email": ADDRESS, "consent": "on", "website": "", "started": started_long_ago(), **data}
    extra = {"REMOTE_ADDR": remote_addr}
    if forwarded_for:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return client.post(path, form, **extra)


def link_in(message, pattern):
    return re.search(pattern, message.body).group(0)


def test_sign_up_form_sets_only_the_csrf_cookie(client, archive):
    """The sign-up page is the one kind of page that sets a cookie: the form's CSRF cookie."""
    response = client.get("/sv/nyhetsbrev/prenumerera/")
    assert response.status_code == 200
    assert set(response.cookies) == {"csrftoken"}
    assert client.get("/sv/").cookies == {}


@pytest.mark.django_db(transaction=True)  # the worker commits as it goes
def test_double_opt_in(client, archive):
    """Signing up sends a confirmation link; only following it starts the subscription."""
    response = sign_up(client)
    assert response.status_code == 200
    assert "Titta i din e-post" in response.content.decode()
    assert mail.outbox == []  # the worker sends it
    run_worker()
    subscriber = Subscriber.objects.get(email=ADDRESS)
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.language == "sv"
    assert subscriber.confirmed_at is None
    (message,) = mail.outbox
    assert message.to == [ADDRESS]
    assert message.subject == "Bekräfta din prenumeration på Klimathubbens nyhetsbrev"
    link = link_in(message, r"http://testserver/sv/nyhetsbrev/bekrafta/[^/\s]+/")
    confirmed = client.get(link.removeprefix("http://testserver"))
    assert "Du prenumererar nu" in confirmed.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.confirmed_at is not None
    assert "avsluta prenumerationen när som helst" in subscriber.consent


@pytest.mark.django_db(transaction=True)  # the worker commits as it goes
def test_english_sign_up_is_stored_as_english(client, archive, home_en):
    """Signing up on the English site means English issues and an English confirmation."""
    sign_up(client, language="en")
    run_worker()
    assert Subscriber.objects.get(email=ADDRESS).language == "en"
    assert mail.outbox[0].subject == "Confirm your subscription to Klimathubben's newsletter"
    assert "/en/newsletter/confirm/" in mail.outbox[0].body


@pytest.mark.django_db(transaction=True)  # the worker commits as it goes
def test_confirmation_link_expires_after_a_week(client, archive):
    """An old or forged confirmation link gives a clear 400 page, not a subscription."""
    sign_up(client)
    run_worker()
    link = link_in(mail.outbox[0], r"/sv/nyhetsbrev/bekrafta/[^/\s]+/")
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        response = client.get(link)
    assert response.status_code == 400
    assert "Länken fungerar inte" in response.content.decode()
    assert Subscriber.objects.get(email=ADDRESS).status == Subscriber.Status.PENDING
    assert client.get("/sv/nyhetsbrev/bekrafta/förfalskad/").status_code == 400


@pytest.mark.django_db(transaction=True)  # the worker commits as it goes
def test_signing_up_again_reveals_nothing_and_resends_the_link_a_day_later(client, archive):
    """A second sign-up gets the same answer; a pending subscriber gets a new link, but not
    more than one a day."""
    first = sign_up(client).content.decode()
    run_worker()
    second = sign_up(client, email=ADDRESS.upper()).content.decode()
    run_worker()
    assert first == second
    assert Subscriber.objects.count() == 1
    assert len(mail.outbox) == 1
    with time_machine.travel(timezone.now() + timedelta(hours=25)):
        third = sign_up(client).content.decode()
        run_worker()
    assert third == first
    assert len(mail.outbox) == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "inte-en-adress"}, "Fyll i en giltig e-postadress."),
        ({"email": "a" * 10_000 + "@example.org"}, "Fyll i en giltig e-postadress."),
        ({"email": "anna\x00@example.org"}, "Fyll i en giltig e-postadress."),
        ({"email": ""}, "Det här fältet är obligatoriskt"),
        ({"consent": ""}, "Kryssa i rutan för att visa att du vill få nyhetsbrevet."),
    ],
)
def test_bad_input_is_answered_with_a_form_error(client, archive, data, message):
    """Invalid addresses or a missing consent give a 400 with the error next to the field."""
    response = sign_up(client, **data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Subscriber.objects.exists()
    assert not DBTaskResult.objects.exists()  # nothing queued to send


@pytest.mark.parametrize(
    "data",
    [
        {"website": "https://spam.example.org"},
        {"started": signing.dumps(0, salt="wrong salt")},
        {"started": ""},
    ],
)
def test_bots_are_told_the_same_and_get_nothing(client, archive, data):
    """A filled-in trap field or a missing form stamp looks like success but sends nothing."""
    response = sign_up(client, **data)
    assert response.status_code == 200
    assert "Titta i din e-post" in response.content.decode()
    assert not Subscriber.objects.exists()
    assert not DBTaskResult.objects.exists()  # nothing queued to send


def test_forms_sent_faster_than_a_person_can_type_are_ignored(client, archive):
    """A form posted a moment after it was shown is treated as automated."""
    sign_up(client, started=signing.dumps(timezone.now().timestamp(), salt=FORM_SALT))
    assert not Subscriber.objects.exists()


@pytest.mark.usefixtures("each_cache")
def test_sign_ups_are_rate_limited_per_connection(client, archive):
    """After five sign-ups in an hour from one address, the sixth gets a 429."""
    for number in range(5):
        assert sign_up(client, email=f"person{number}@example.org").status_code == 200
    response = sign_up(client, email="person6@example.org")
    assert response.status_code == 429
    assert "För många anmälningar" in response.content.decode()
    assert Subscriber.objects.count() == 5


@pytest.mark.django_db(transaction=True)  # the worker commits as it goes
def test_no_subscriber_address_in_the_logs(client, archive, caplog):
    """Signing up, confirming and unsubscribing never write the address to the log."""
    caplog.set_level(logging.DEBUG)
    sign_up(client)
    run_worker()
    link = link_in(mail.outbox[0], r"/sv/nyhetsbrev/bekrafta/[^/\s]+/")
    client.get(link)
    assert caplog.records
    assert ADDRESS not in caplog.text
    assert "anna.lindqvist" not in caplog.text


@pytest.mark.usefixtures("each_cache")
def test_rate_limit_behind_a_proxy_counts_each_visitor(client, archive, settings):
    """Behind a trusted proxy, visitors are told apart by the address the proxy forwards."""
    settings.USE_X_FORWARDED_FOR = True
    for number in range(5):
        sign_up(client, email=f"person{number}@example.org", forwarded_for="203.0.113.7")
    blocked = client.post(
        "/sv/nyhetsbrev/prenumerera/",
        {"email": "six@example.org", "consent": "on", "started": started_long_ago()},
        HTTP_X_FORWARDED_FOR="203.0.113.7",
    )
    assert blocked.status_code == 429
    other = client.post(
        "/sv/nyhetsbrev/prenumerera/",
        {"email": "other@example.org", "consent": "on", "started": started_long_ago()},
        HTTP_X_FORWARDED_FOR="198.51.100.4",
    )
    assert other.status_code == 200
