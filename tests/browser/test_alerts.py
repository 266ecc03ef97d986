"""A reader chooses an alert at sign-up and manages it on their own page, in a real browser."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from hub.models import Subscriber
from tests.browser.test_accessibility import WCAG_21_AA
from tests.browser.test_newsletter import sign_up_and_confirm
from tests.factories import NewsletterIndexPageFactory, ThemeFactory

pytestmark = pytest.mark.django_db(transaction=True)

COACHING = "Energi- och klimatcoachning i Värmlands län"


def test_alert_at_sign_up_and_on_the_readers_page(page, home, live_server):
    """The alert choices work without a script, pass axe, and lead to the reader's page, where
    the alert is changed and ended with buttons."""
    NewsletterIndexPageFactory(parent=home)
    ThemeFactory(name="Energi- och klimatcoachning", slug="energi-och-klimatcoachning")
    page.goto("/sv/nyhetsbrev/prenumerera/")
    page.get_by_text("Få också en bevakning").click()
    assert Axe().run(page, options=WCAG_21_AA).violations_count == 0

    def choose(page):
        page.get_by_label("Energi- och klimatcoachning").check()
        page.get_by_label("Värmlands län").check()
        page.get_by_label("Varje månad").check()

    sign_up_and_confirm(page, choose)
    page.get_by_role("link", name="Se eller ändra mina bevakningar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mina bevakningar")
    expect(page.locator(".alert-list__words")).to_have_text(f"{COACHING}, varje månad")
    assert Axe().run(page, options=WCAG_21_AA).violations_count == 0

    page.get_by_role("link", name=re.compile("^Ändra")).click()
    page.get_by_label("Varje vecka").check()
    page.get_by_role("button", name="Spara bevakningen").click()
    expect(page.get_by_text("Din bevakning är ändrad.")).to_be_visible()
    expect(page.locator(".alert-list__words")).to_have_text(f"{COACHING}, varje vecka")
    page.get_by_role("button", name=re.compile("^Avsluta")).click()
    expect(page.get_by_text("Du har inga bevakningar.")).to_be_visible()
    reader = Subscriber.objects.get()
    assert reader.status == Subscriber.Status.CONFIRMED
    assert reader.alerts.get().ended_at is not None
