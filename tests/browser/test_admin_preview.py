import pytest
from playwright.sync_api import expect

from django.conf import settings

from tests.factories import case_study

pytestmark = pytest.mark.django_db(transaction=True)


def test_preview_panel_shows_the_page(browser, live_server, library, themes, client, editor):
    """The editor opens the preview panel and sees the page, not a frame the policy blocked.

    That the preview shows unsaved edits is tested through the preview view in
    tests/hub/test_preview.py.
    """
    page = case_study(library, "Klimatkontrakt i Karlstad", themes=[themes["kontrakt"]])
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    tab = context.new_page()
    messages = []
    tab.on("console", lambda message: messages.append(message.text))
    tab.goto(f"/admin/pages/{page.pk}/edit/")
    tab.locator("[data-side-panel-toggle='preview']").click()
    frame = tab.frame_locator("#w-preview-iframe")
    expect(frame.locator("h1")).to_have_text("Klimatkontrakt i Karlstad")
    context.close()
    assert not [text for text in messages if "Content Security Policy" in text], messages
