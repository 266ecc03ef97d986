"""Signing in to the admin: lock-out after failed sign-ins, limited password resets, strong
passwords, bounded sessions and a configurable admin address."""

import importlib
import re
from datetime import timedelta

import pytest
import time_machine
from bs4 import BeautifulSoup

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import clear_url_caches
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests.hub.test_deploy import PRODUCTION_ENV, manage, printed_settings

pytestmark = pytest.mark.django_db

PASSWORD = "Fjällräv-och-solceller-2026"
LOCKED_OUT_SV = "För många misslyckade inloggningar"


@pytest.fixture
def writer(home):
    """An editor who signs in with a password, not yet signed in."""
    return get_user_model().objects.create_superuser(
        "skribent", "skribent@example.org", PASSWORD, first_name="Sara", last_name="Skribent"
    )


def sign_in(client, password, *, admin="/admin/", remember=False, language="sv"):
    data = {"username": "skribent", "password": password}
    if remember:
        data["remember"] = "on"
    return client.post(f"{admin}login/", data, headers={"accept-language": language})


def signed_in(client, admin="/admin/"):
    """Whether the admin's dashboard opens, rather than sending the visitor to sign in."""
    return client.get(admin).status_code == 200


def fail_twenty_times(client, admin="/admin/"):
    statuses = {sign_in(client, "fel-lösenord", admin=admin).status_code for _ in range(20)}
    assert statuses == {200, 429}  # the form with its error, then the lock-out page


def test_twenty_wrong_passwords_then_the_right_one_is_refused(client, writer):
    """After repeated failures even the right password is refused, with the reason."""
    fail_twenty_times(client)
    response = sign_in(client, PASSWORD)
    assert response.status_code == 429
    html = response.content.decode()
    assert LOCKED_OUT_SV in html
    assert "Försök igen om 30 minuter" in html
    assert 'name="password"' in html  # the sign-in form again, empty
    assert not signed_in(client)


@pytest.mark.parametrize(("language", "label"), [("sv", "Lösenord"), ("en", "Password")])
def test_the_sign_in_form_names_its_fields_in_the_editors_language(client, language, label):
    html = client.get("/admin/login/", headers={"accept-language": language}).content.decode()
    labels = BeautifulSoup(html, "html.parser").select("label")
    assert label in [" ".join(tag.get_text().replace("*", "").split()) for tag in labels]


def test_the_lock_out_page_speaks_english_to_english_browsers(client, writer):
    """The reason for the lock-out is translated."""
    fail_twenty_times(client)
    response = sign_in(client, PASSWORD, language="en")
    assert response.status_code == 429
    assert "Too many failed sign-ins to this account" in response.content.decode()
    assert "Try again in 30 minutes" in response.content.decode()


def test_after_the_cool_off_the_right_password_signs_in(client, writer):
    """The lock-out ends by itself SIGNIN_COOLOFF_MINUTES after the last failure."""
    fail_twenty_times(client)
    with time_machine.travel(timezone.now() + timedelta(minutes=29)):
        assert sign_in(client, PASSWORD).status_code == 429
    with time_machine.travel(timezone.now() + timedelta(minutes=61)):
        assert sign_in(client, PASSWORD).status_code == 302
        assert signed_in(client)


def test_an_administrator_unlocks_an_account_with_a_command(client, writer):
    """`manage.py axes_reset_username` lifts the lock-out at once."""
    fail_twenty_times(client)
    call_command("axes_reset_username", "skribent", verbosity=0)
    assert sign_in(client, PASSWORD).status_code == 302
    assert signed_in(client)


def test_failures_from_elsewhere_do_not_lock_the_editor_out(writer):
    """Someone guessing from another address cannot keep the editor out of the admin."""
    fail_twenty_times(Client(REMOTE_ADDR="198.51.100.7"))
    editor = Client(REMOTE_ADDR="192.0.2.10")
    assert sign_in(editor, PASSWORD).status_code == 302
    assert signed_in(editor)


@pytest.mark.parametrize("forwarded", ["", "inte-en-adress", "203.0.113.5, ::1"])
def test_sign_in_works_whatever_the_proxy_says(client, writer, settings, forwarded):
    """A missing or garbled forwarded address neither breaks sign-in nor escapes the count."""
    settings.USE_X_FORWARDED_FOR = True
    client.defaults["HTTP_X_FORWARDED_FOR"] = forwarded
    fail_twenty_times(client)
    assert sign_in(client, PASSWORD).status_code == 429
    call_command("axes_reset", verbosity=0)
    assert sign_in(client, PASSWORD).status_code == 302
    assert signed_in(client)


def reset(client, address):
    return client.post("/admin/password_reset/", {"email": address})


def test_password_resets_past_the_limit_send_no_more_mail(client, writer):
    """Three reset e-mails an hour per address; the page says the same every time."""
    responses = [reset(client, "skribent@example.org") for _ in range(5)]
    assert {response.url for response in responses} == {"/admin/password_reset/done/"}
    assert len(mail.outbox) == 3
    with time_machine.travel(timezone.now() + timedelta(minutes=61)):
        reset(client, "SKRIBENT@example.org")
    assert len(mail.outbox) == 4


def test_password_resets_from_one_client_are_limited(client, home):
    """Ten reset e-mails an hour from one client address, whatever the addresses asked for."""
    users = get_user_model().objects
    addresses = [f"redaktor{number}@example.org" for number in range(12)]
    for number, address in enumerate(addresses):
        users.create_superuser(f"redaktor{number}", address, PASSWORD)
    responses = [reset(client, address) for address in addresses]
    assert {response.status_code for response in responses} == {302}
    assert len(mail.outbox) == 10
    assert reset(Client(REMOTE_ADDR="192.0.2.10"), addresses[11]).status_code == 302
    assert len(mail.outbox) == 11


def test_a_reset_for_an_unknown_address_answers_like_a_known_one(client, writer):
    """Nobody learns from the reset form whether an address has an account."""
    known = reset(client, "skribent@example.org")
    unknown = reset(client, "ingen@example.org")
    assert (known.status_code, known.url) == (unknown.status_code, unknown.url)
    assert [message.to for message in mail.outbox] == [["skribent@example.org"]]


def form_fields(html):
    """What the page's post form would send as it stands, like a browser."""
    form = BeautifulSoup(html, "html.parser").find("form", method=re.compile("post", re.I))
    data = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.get("type") == "file":
            continue
        if field.get("type") in {"checkbox", "radio"}:
            if field.has_attr("checked"):
                data.setdefault(name, []).append(field.get("value", "on"))
        elif field.name == "select":
            chosen = field.find("option", selected=True) or field.find("option")
            data[name] = chosen.get("value", "") if chosen else ""
        elif field.name == "textarea":
            data[name] = field.text
        else:
            data[name] = field.get("value", "")
    return data


@pytest.mark.parametrize(
    ("weak", "reason"),
    [
        ("Solceller26", "minst 12 tecken"),
        ("password1234", "för vanligt"),
        ("482915736021", "enbart numeriskt"),
    ],
)
def test_an_editor_cannot_set_a_weak_password_in_the_account_settings(client, writer, weak, reason):
    """The admin's account page refuses a short, common or all-digit password."""
    client.force_login(writer)
    data = form_fields(client.get("/admin/account/").content.decode())
    password = {"old_password": PASSWORD, "new_password1": weak, "new_password2": weak}
    data.update({f"password-{name}": value for name, value in password.items()})
    response = client.post("/admin/account/", data)
    assert response.status_code == 200
    assert reason in response.content.decode()
    writer.refresh_from_db()
    assert writer.check_password(PASSWORD)

    strong = "Vindkraft-i-Värmland-2030"
    password = {"old_password": PASSWORD, "new_password1": strong, "new_password2": strong}
    data.update({f"password-{name}": value for name, value in password.items()})
    assert client.post("/admin/account/", data).url == "/admin/account/"
    writer.refresh_from_db()
    assert writer.check_password(strong)


def test_a_weak_password_is_refused_when_resetting_a_forgotten_one(client, writer):
    """The password reset link's form holds new passwords to the same rules."""
    uid = urlsafe_base64_encode(force_bytes(writer.pk))
    token = default_token_generator.make_token(writer)
    form_url = client.get(f"/admin/password_reset/confirm/{uid}/{token}/").url
    response = client.post(form_url, {"new_password1": "kort", "new_password2": "kort"})
    assert response.status_code == 200
    assert "minst 12 tecken" in response.content.decode()
    writer.refresh_from_db()
    assert writer.check_password(PASSWORD)


def test_a_session_not_remembered_ends_with_the_browser(client, writer):
    """Without "Remember me" the session cookie is gone when the browser closes."""
    assert sign_in(client, PASSWORD).status_code == 302
    cookie = client.cookies["sessionid"]
    assert cookie["max-age"] == ""
    assert cookie["expires"] == ""


@pytest.mark.parametrize("remember", [True, False])
def test_an_editors_session_ends_after_twelve_hours(client, writer, remember):
    """Remembered or not, a session lasts SESSION_HOURS (12) at most."""
    assert sign_in(client, PASSWORD, remember=remember).status_code == 302
    if remember:
        assert client.cookies["sessionid"]["max-age"] == 12 * 60 * 60
    with time_machine.travel(timezone.now() + timedelta(hours=11)):
        assert signed_in(client)
    with time_machine.travel(timezone.now() + timedelta(hours=12, minutes=1)):
        assert not signed_in(client)


def test_the_admin_path_comes_from_the_environment():
    """WAGTAIL_ADMIN_PATH moves the admin and what keeps it out of the page cache and the CSP."""
    values = (
        "settings.ADMIN_PATH, settings.CONTENT_SECURITY_POLICY_EXEMPT_PREFIXES[0], "
        "settings.PAGE_CACHE_EXEMPT_PREFIXES[0]"
    )
    env = {**PRODUCTION_ENV, "WAGTAIL_ADMIN_PATH": "/redaktion/"}
    result = printed_settings("pass", values, env=env)
    assert result.stdout.strip() == "redaktion/ /redaktion/ /redaktion/", result.stderr
    result = printed_settings("pass", "settings.ADMIN_PATH", env=PRODUCTION_ENV)
    assert result.stdout.strip() == "admin/", result.stderr


@pytest.mark.parametrize("path", ["sv", "api", "redaktion/admin", "redaktion?"])
def test_an_admin_path_that_cannot_work_stops_with_the_rule(path):
    """An admin path of several segments, or one a public address starts with, is refused."""
    result = manage("check", env={**PRODUCTION_ENV, "WAGTAIL_ADMIN_PATH": path})
    assert result.returncode != 0
    assert "use one path segment" in result.stderr


def load_urls():
    importlib.reload(importlib.import_module("hub.urls"))
    clear_url_caches()


@pytest.fixture
def admin_elsewhere():
    """The admin at /redaktion/, as WAGTAIL_ADMIN_PATH=redaktion sets it."""
    moved = override_settings(
        ADMIN_PATH="redaktion/",
        CONTENT_SECURITY_POLICY_EXEMPT_PREFIXES=["/redaktion/"],
        PAGE_CACHE_EXEMPT_PREFIXES=["/redaktion/", "/documents/", "/_util/"],
    )
    with moved:
        load_urls()
        yield "/redaktion/"
    load_urls()


def test_the_admin_answers_at_its_own_path_only(client, writer, admin_elsewhere):
    """At a path of its own the admin signs editors in there, and /admin/ is not found."""
    login = client.get("/redaktion/login/")
    assert login.status_code == 200
    assert 'action="/redaktion/login/"' in login.content.decode()
    # Varnish passes it at any path: nothing of the admin may be kept.
    assert {"private", "no-store"} <= set(re.split(r",\s*", login["Cache-Control"]))
    assert sign_in(client, PASSWORD, admin="/redaktion/").url == "/redaktion/"
    dashboard = client.get("/redaktion/")
    assert dashboard.status_code == 200
    assert "Content-Security-Policy" not in dashboard
    assert client.get("/admin/", follow=True).status_code == 404
    assert client.get("/admin/login/", follow=True).status_code == 404
    robots = client.get("/robots.txt").content.decode()
    assert "/redaktion/" not in robots
    assert "/admin/" not in robots


def test_lock_out_and_reset_limits_hold_at_the_admins_own_path(client, writer, admin_elsewhere):
    """The lock-out and the reset limit follow the admin to its path."""
    fail_twenty_times(client, admin="/redaktion/")
    assert sign_in(client, PASSWORD, admin="/redaktion/").status_code == 429
    for _ in range(4):
        response = client.post("/redaktion/password_reset/", {"email": "skribent@example.org"})
        assert response.url == "/redaktion/password_reset/done/"
    assert len(mail.outbox) == 3
    assert re.search(r"http://testserver/redaktion/password_reset/confirm/", mail.outbox[0].body)
