"""Varnish with deploy/varnish/default.vcl in front of a live server, purged by the hub."""

import http.client
import os
import re
import shutil
import socket
import subprocess
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest

from django.core import signing
from django.urls import reverse
from django.utils import timezone, translation

from casestudies.models import CaseStudyPage
from hub.models import Municipality
from hub.newsletters.forms import FORM_SALT
from hub.newsletters.subscribers import Subscriber
from tests.casestudies.test_admin_and_translation import case_study_form
from tests.factories import EventIndexPageFactory, EventTypeFactory, case_study, event

pytestmark = pytest.mark.django_db(transaction=True)

DEPLOY = Path(__file__).resolve().parents[2] / "deploy" / "varnish"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def varnish(live_server, tmp_path_factory):
    """The address of a Varnish running the project's VCL, its backend the live server."""
    if not os.path.exists(VARNISHD):
        if os.environ.get("REQUIRE_VARNISH"):
            pytest.fail("varnishd not found; `make varnish` installs Debian's varnish.")
        pytest.skip("varnishd is not installed; `make varnish` installs Debian's varnish.")
    workdir = tmp_path_factory.mktemp("varnish")
    backend = urlsplit(live_server.url)
    # The project's default.vcl, with this backends.vcl in place of the production one.
    (workdir / "backends.vcl").write_text(
        f'backend app {{ .host = "127.0.0.1"; .port = "{backend.port}"; }}\n'
        'acl purgers { "127.0.0.1"; }\n'
        'acl proxies { "127.0.0.1"; }\n'
    )
    port = free_port()
    command = [
        VARNISHD,
        "-F",
        "-j",
        "none",  # no switch to the varnish user, so it runs as root and as anyone else
        "-n",
        str(workdir / "instance"),
        "-a",
        f"127.0.0.1:{port}",
        "-T",
        "127.0.0.1:0",
        "-f",
        str(DEPLOY / "default.vcl"),
        "-p",
        f"vcl_path={workdir}:{DEPLOY}",
        "-s",
        "malloc,32m",
    ]
    process = subprocess.Popen(  # noqa: S603 - Debian's varnishd with our own arguments
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"varnishd did not start:\n{process.communicate()[0]}")
            time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.communicate(timeout=10)


@pytest.fixture(autouse=True)
def purged_by_the_hub(varnish, settings):
    """The hub tells this Varnish what to forget; each test starts with it empty."""
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "hub.frontend_cache.VarnishBackend", "LOCATION": varnish}
    }
    assert fetch(varnish, "/", method="BAN").status == 200


class Answer:
    def __init__(self, response):
        self.status = response.status
        self.headers = response.headers
        self.text = response.read().decode()

    @property
    def from_cache(self):
        # X-Varnish names this request and, on a hit, the one that fetched the copy.
        return len(self.headers["X-Varnish"].split()) == 2 and self.headers["X-Cache"] == "HIT"


def fetch(varnish, path, method="GET", headers=None, body=None):
    address = urlsplit(varnish)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        return Answer(connection.getresponse())
    finally:
        connection.close()


def cached(varnish, path, **kwargs):
    """The page at `path`, fetched until Varnish keeps it: the second fetch is a hit."""
    first = fetch(varnish, path, **kwargs)
    second = fetch(varnish, path, **kwargs)
    assert not first.from_cache
    assert second.from_cache, f"{path} was not kept: {dict(second.headers)}"
    return second


def addresses(name, **kwargs):
    with translation.override("sv"):
        return reverse(name, kwargs=kwargs or None)


@pytest.fixture
def karlstad_case(library):
    return case_study(library, "Fjärrvärme i Karlstad", slug="fjarrvarme", tags=["energi"])


def test_anonymous_pages_are_kept_and_everything_personal_passes(
    varnish, client, editor, karlstad_case
):
    """An anonymous visitor's second request comes from the cache; the signed-in editor,
    search results and purges from outside the app servers' addresses do not."""
    first = fetch(varnish, "/sv/exempel/fjarrvarme/")
    assert first.status == 200
    assert first.headers["X-Cache"] == "MISS"
    second = fetch(varnish, "/sv/exempel/fjarrvarme/")
    assert second.from_cache
    assert int(second.headers["Age"]) >= 0
    assert "Fjärrvärme i Karlstad" in second.text
    assert second.text == first.text

    session = {"Cookie": f"sessionid={client.cookies['sessionid'].value}"}
    for _ in range(2):
        answer = fetch(varnish, "/sv/exempel/fjarrvarme/", headers=session)
        assert answer.status == 200
        assert answer.headers["X-Cache"] == "MISS"

    for path in ["/sv/sok/?q=fjarrvarme", "/en/search/?q=heating"]:
        for _ in range(2):
            assert fetch(varnish, path).headers["X-Cache"] == "MISS", path

    # The same Varnish reached from another loopback address, which the test ACL leaves out.
    address = urlsplit(varnish)
    outsider = http.client.HTTPConnection(
        address.hostname, address.port, timeout=10, source_address=("127.0.0.2", 0)
    )
    for method in ["PURGE", "BAN"]:
        outsider.request(method, "/sv/exempel/fjarrvarme/")
        response = outsider.getresponse()
        response.read()
        assert response.status == 405
    outsider.close()
    assert fetch(varnish, "/sv/exempel/fjarrvarme/").from_cache


def test_publishing_shows_at_once_on_the_page_and_every_list(
    varnish, client, editor, karlstad_case, themes
):
    """A case study published in the admin is on the library, its tag, municipality and county
    pages,
    the feed and the library's filtered feeds on the next visit; an edit shows on its page and
    the library, and once unpublished it is gone from both."""
    pages = [
        "/sv/exempel/",
        addresses("municipality_detail", slug="karlstad"),
        addresses("county_detail", slug="varmlands-lan"),
        addresses("tag_detail", slug="energi"),
        addresses("feed_rss"),
        "/sv/exempel/rss/?county=varmlands-lan",
        "/sv/exempel/atom/?theme=klimatkontrakt&county=varmlands-lan",
    ]
    for path in [*pages, "/sv/exempel/fjarrvarme/", "/sv/"]:
        assert "Klimatkontrakt i Karlstad" not in cached(varnish, path).text

    response = client.post(
        f"/admin/pages/add/casestudies/casestudypage/{karlstad_case.get_parent().pk}/",
        case_study_form(themes, tags="energi"),
    )
    assert response.status_code == 302
    for path in pages:
        answer = fetch(varnish, path)
        assert not answer.from_cache, path
        assert "Klimatkontrakt i Karlstad" in answer.text, path
    assert not fetch(varnish, "/sv/").from_cache  # the home page's latest items
    assert fetch(varnish, "/sv/exempel/fjarrvarme/").from_cache  # another page, kept

    page = CaseStudyPage.objects.get(slug="klimatkontrakt-karlstad")
    cached(varnish, "/sv/exempel/klimatkontrakt-karlstad/")
    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        case_study_form(themes, title="Klimatkontrakt i Karlstad 2030", tags="energi"),
    )
    assert response.status_code == 302
    for path in ["/sv/exempel/klimatkontrakt-karlstad/", "/sv/exempel/"]:
        assert "Klimatkontrakt i Karlstad 2030" in cached(varnish, path).text, path

    response = client.post(f"/admin/pages/{page.pk}/unpublish/")
    assert response.status_code == 302
    assert fetch(varnish, "/sv/exempel/klimatkontrakt-karlstad/").status == 404
    assert "Klimatkontrakt i Karlstad" not in fetch(varnish, "/sv/exempel/").text


def test_deleted_event_leaves_the_calendar_files(varnish, client, editor, home):
    """An event deleted in the admin is gone from the calendar, its event type's calendar file
    and its own calendar file on the next visit."""
    calendar = EventIndexPageFactory(parent=home)
    webbfika = EventTypeFactory(name="Webbfika", slug="webbfika")
    start = timezone.now() + timedelta(days=7)
    meeting = event(calendar, "Webbfika om solceller", start, slug="solceller", event_type=webbfika)
    files = ["/sv/evenemang/", "/sv/evenemang/ical/", "/sv/evenemang/ical/webbfika/"]
    for path in files:
        assert "Webbfika om solceller" in cached(varnish, path).text, path
    cached(varnish, "/sv/evenemang/solceller/ical/")

    response = client.post(f"/admin/pages/{meeting.pk}/delete/")
    assert response.status_code == 302
    for path in files:
        assert "Webbfika om solceller" not in fetch(varnish, path).text, path
    assert fetch(varnish, "/sv/evenemang/solceller/ical/").status == 404


def test_changed_snippet_bans_every_page(varnish, client, editor, karlstad_case):
    """Renaming a municipality in the admin shows on every page that names it at once."""
    for path in ["/sv/exempel/fjarrvarme/", "/sv/exempel/", "/sv/"]:
        cached(varnish, path)
    karlstad = Municipality.objects.get(code="1780")
    response = client.post(
        f"/admin/snippets/hub/municipality/edit/{karlstad.pk}/",
        {
            "name": "Karlstads kommun",
            "code": "1780",
            "county": karlstad.county_id,
            "slug": "karlstad",
        },
    )
    assert response.status_code == 302
    assert "Karlstads kommun" in fetch(varnish, "/sv/exempel/fjarrvarme/").text
    for path in ["/sv/exempel/", "/sv/"]:
        assert not fetch(varnish, path).from_cache, path


def test_sign_up_posts_reach_the_site(varnish, home):
    """A newsletter sign-up sent through Varnish is received, and its form page is not kept."""
    path = addresses("newsletter_subscribe")
    form_page = fetch(varnish, path)
    assert "Set-Cookie" in form_page.headers
    assert not fetch(varnish, path).from_cache
    cookie = form_page.headers["Set-Cookie"].split(";")[0]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form_page.text).group(1)
    started = signing.dumps(timezone.now().timestamp() - 60, salt=FORM_SALT)
    body = urlencode(
        {
            "csrfmiddlewaretoken": token,
            "email": "anna@example.org",
            "consent": "on",
            "website": "",
            "started": started,
        }
    )
    headers = {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}
    answer = fetch(varnish, path, method="POST", headers=headers, body=body)
    assert answer.status == 200
    assert answer.headers["X-Cache"] == "MISS"
    assert Subscriber.objects.get(email="anna@example.org").status == Subscriber.Status.PENDING


def test_publishing_shows_at_once_in_the_api(varnish, client, editor, karlstad_case, themes):
    """The API's page listings, whatever their filters, and the page's own answer are
    purged with the page; an edit in the admin shows there on the next request."""
    paths = [
        "/api/v2/pages/?type=casestudies.CaseStudyPage&municipality=karlstad&fields=title",
        f"/api/v2/pages/{karlstad_case.pk}/",
    ]
    for path in paths:
        answer = cached(varnish, path)
        assert answer.headers["Access-Control-Allow-Origin"] == "*"
        assert "Fjärrvärme i Karlstad" in answer.text
    response = client.post(
        f"/admin/pages/{karlstad_case.pk}/edit/",
        case_study_form(themes, title="Fjärrvärme i Karlstad 2030", slug="fjarrvarme"),
    )
    assert response.status_code == 302
    for path in paths:
        answer = fetch(varnish, path)
        assert not answer.from_cache, path
        assert "Fjärrvärme i Karlstad 2030" in answer.text, path
