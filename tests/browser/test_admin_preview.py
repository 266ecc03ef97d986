import pytest
from playwright.sync_api import expect

from tests.factories import case_study

pytestmark = pytest.mark.django_db(transaction=True)


def test_preview_panel_shows_the_page(editor_page, library, themes):
    """The editor opens the preview panel and sees the page, not a frame the policy blocked.

    That the preview shows unsaved edits is tested through the preview view in
    tests/hub/test_preview.py.
    """
    page = case_study(library, "Klimatkontrakt i Karlstad", themes=[themes["kontrakt"]])
    tab = editor_page
    messages = []
    tab.on("console", lambda message: messages.append(message.text))
    tab.goto(f"/admin/pages/{page.pk}/edit/")
    tab.locator("[data-side-panel-toggle='preview']").click()
    frame = tab.frame_locator("#w-preview-iframe")
    expect(frame.locator("h1")).to_have_text("Klimatkontrakt i Karlstad")
    assert not [text for text in messages if "Content Security Policy" in text], messages
