import pytest
from playwright.sync_api import expect

from django.conf import settings

pytestmark = pytest.mark.django_db(transaction=True)


def test_userbar_works_under_the_public_pages_policy(browser, live_server, home, client, editor):
    """A signed-in editor sees Wagtail's userbar on public pages without policy violations."""
    context = browser.new_context(base_url=live_server.url)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    violations = []
    page.on("console", lambda message: violations.append(message.text))
    page.goto("/sv/")
    page.locator("wagtail-userbar button").first.click()
    expect(page.locator("wagtail-userbar").get_by_role("menuitem").first).to_be_visible()
    context.close()
    assert not [text for text in violations if "Content Security Policy" in text], violations
