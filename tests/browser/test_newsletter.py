import re
from datetime import date

import pytest
from playwright.sync_api import expect

from django.core import mail

from hub.models import Subscriber
from tests.factories import NewsletterIndexPageFactory, NewsletterIssuePageFactory
from tests.utils import run_worker

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def archive(home):
    archive = NewsletterIndexPageFactory(parent=home, introduction="Nyheter från nätverket.")
    NewsletterIssuePageFactory(
        parent=archive, title="Aprilnumret", number=1, issue_date=date(2026, 4, 20)
    )
    return archive


def sign_up_and_confirm(page, choose=None):
    """Fill in the sign-up form open in `page` (`choose(page)` picks more), send it, and follow
    the link in the confirmation e-mail."""
    page.get_by_label("Din e-postadress").fill("lasare@example.org")
    page.get_by_label(re.compile("Jag vill få Klimathubbens nyhetsbrev")).check()
    if choose is not None:
        choose(page)
    page.wait_for_timeout(2100)  # People take a moment; the form ignores instant posts.
    page.get_by_role("button", name="Prenumerera").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Titta i din e-post")
    run_worker()
    (message,) = mail.outbox
    link = re.search(r"http://testserver(/sv/nyhetsbrev/bekrafta/[^/\s]+/)", message.body).group(1)
    page.goto(link)


def test_subscribe_and_confirm(page, archive, live_server):
    """A reader signs up on the archive page, gets the link by e-mail and confirms."""
    page.goto("/sv/nyhetsbrev/")
    sign_up_and_confirm(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Du prenumererar nu")
    assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED


def test_form_errors_are_announced_next_to_the_field(page, archive):
    """A missing consent is reported at the checkbox, and the address is kept."""
    page.goto("/sv/nyhetsbrev/prenumerera/")
    page.get_by_label("Din e-postadress").fill("lasare@example.org")
    page.get_by_role("button", name="Prenumerera").click()
    expect(
        page.get_by_text("Kryssa i rutan för att visa att du vill få nyhetsbrevet.")
    ).to_be_visible()
    expect(page.get_by_label("Din e-postadress")).to_have_value("lasare@example.org")
    expect(page.get_by_role("checkbox")).to_have_attribute("aria-invalid", "true")
