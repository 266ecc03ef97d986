import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from casestudies.models import CaseStudyPage
from tests.browser.test_accessibility import WCAG_21_AA
from tests.factories import CaseStudyIndexPageFactory, case_study
from tests.utils import index_pages

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def pages(home):
    library = CaseStudyIndexPageFactory(parent=home)
    case_study(library, "Energicoachning för småföretag", slug="energicoachning")
    case_study(library, "Energikartläggning i industrin", slug="energikartlaggning")
    index_pages(CaseStudyPage)


def test_search_box_suggests_as_you_type_and_works_from_the_keyboard(page, pages):
    """Typing opens a list of suggestions; arrows choose, Escape closes, Enter opens the page."""
    page.goto("/sv/")
    box = page.get_by_role("combobox", name="Sök på Klimathubben")
    box.press_sequentially("energi")
    options = page.get_by_role("option")
    expect(options).to_have_count(2)
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("status").filter(has_text="förslag")).to_have_text(
        "2 förslag. Välj med piltangenterna."
    )
    results = Axe().run(page, options=WCAG_21_AA)
    assert not results.violations_count, results.generate_report()

    box.press("ArrowDown")
    box.press("ArrowDown")
    chosen = page.locator(f"#{box.get_attribute('aria-activedescendant')}")
    expect(chosen).to_have_attribute("aria-selected", "true")
    expect(chosen).to_have_text(options.nth(1).inner_text())
    expect(options.nth(0)).to_have_attribute("aria-selected", "false")
    box.press("Escape")
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_role("listbox")).to_be_hidden()

    box.press("ArrowDown")
    expect(box).to_have_attribute("aria-expanded", "true")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/sv/exempel/energi\w+/$"))


def test_enter_without_a_chosen_suggestion_searches(page, pages):
    """Enter in the box runs a full search when no suggestion is chosen."""
    page.goto("/sv/")
    box = page.get_by_role("combobox", name="Sök på Klimathubben")
    box.press_sequentially("energi")
    expect(page.get_by_role("option")).to_have_count(2)
    box.press("Enter")
    page.wait_for_url(re.compile(r"/sv/sok/\?q=energi$"))
    expect(page.get_by_role("heading", level=2, name="2 träffar för ”energi”")).to_be_visible()


def test_search_works_without_javascript(browser, live_server, pages):
    """With scripts off the search box is a plain form that still finds the pages."""
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/sv/")
    box = page.get_by_role("searchbox", name="Sök på Klimathubben")
    box.fill("industrin")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/sv/sok/"))
    expect(page.get_by_role("link", name="Energikartläggning i industrin")).to_be_visible()
    page.get_by_role("radio", name=re.compile("^Exempel")).check()
    page.get_by_role("button", name="Visa resultat").click()
    expect(page).to_have_url(re.compile(r"type=casestudypage"))
    context.close()
