import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_userbar_works_under_the_public_pages_policy(editor_page, home):
    """A signed-in editor sees Wagtail's userbar on public pages without policy violations."""
    page = editor_page
    violations = []
    page.on("console", lambda message: violations.append(message.text))
    page.goto("/sv/")
    page.locator("wagtail-userbar button").first.click()
    expect(page.locator("wagtail-userbar").get_by_role("menuitem").first).to_be_visible()
    assert not [text for text in violations if "Content Security Policy" in text], violations
