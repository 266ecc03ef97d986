"""Keyboard only: the main navigation, the skip link, the filters and the language switcher,
with a visible focus indicator on everything the Tab key reaches."""

import re

import pytest
from playwright.sync_api import expect

from tests.page_tour import build_site

pytestmark = pytest.mark.django_db(transaction=True)

# The focused element's own indicator: an outline or a box shadow that is drawn.
FOCUS_INDICATOR = """() => {
    const style = getComputedStyle(document.activeElement);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    return outline || style.boxShadow !== "none";
}"""


@pytest.fixture
def tour(transactional_db):
    return {stop.name: stop for stop in build_site()}


def focused_description(page):
    return page.evaluate(
        "() => `${document.activeElement.tagName} ${document.activeElement.textContent.trim()}`"
    )


def tab_to(page, target, limit=120):
    """Press Tab until `target` has the focus, checking the focus indicator at each stop."""
    for _step in range(limit):
        page.keyboard.press("Tab")
        assert page.evaluate(FOCUS_INDICATOR), f"No visible focus on {focused_description(page)}"
        if target.evaluate("element => element === document.activeElement"):
            return
    pytest.fail(f"Tab never reached {target}")


def test_tab_goes_through_the_header_in_order_and_the_skip_link_to_main(page, tour):
    """From the top of the page, Tab goes to the skip link first and then through every link
    of the header and the main menu in reading order, each with a visible focus ring. Enter
    on the skip link puts the focus on the main content, and the next Tab goes on from there."""
    page.goto(tour["home (sv)"].path)
    links = page.locator(".site-header a[href]")
    expect(page.get_by_role("navigation", name="Huvudmeny").get_by_role("link")).to_have_count(5)
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Hoppa till huvudinnehållet")).to_be_focused()
    assert page.evaluate(FOCUS_INDICATOR)
    for index in range(links.count()):
        tab_to(page, links.nth(index), limit=4)  # a search field and its button in between

    page.goto(tour["case study (sv)"].path)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.querySelector('main').contains(document.activeElement)")
    assert page.evaluate(FOCUS_INDICATOR)


def test_choose_a_theme_and_a_county_in_the_library_by_keyboard(page, tour):
    """A keyboard-only visitor ticks a theme, opens the county filter and ticks a county,
    sends the form and lands on the filtered results."""
    page.goto(tour["library (sv)"].path)
    tab_to(page, page.get_by_role("checkbox", name=re.compile("^Klimatkontrakt")))
    page.keyboard.press("Space")
    county_filter = page.locator("summary", has_text="Län")
    tab_to(page, county_filter)
    page.keyboard.press("Enter")
    tab_to(page, page.get_by_role("checkbox", name=re.compile("^Värmlands län")))
    page.keyboard.press("Space")
    tab_to(page, page.get_by_role("button", name="Visa resultat"))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"theme=klimatkontrakt.*county=varmlands-lan"))
    expect(page.locator("#results-heading")).to_have_text("1 exempel")
    expect(page.get_by_role("link", name="Lokalt klimatkontrakt")).to_be_visible()
    expect(page.get_by_role("checkbox", name=re.compile("^Värmlands län"))).to_be_checked()


def test_choose_a_theme_and_a_municipality_in_the_calendar_by_keyboard(page, tour):
    """In the calendar the filters are drop-down lists: the arrow keys and typing choose."""
    page.goto(tour["calendar (sv)"].path)
    tab_to(page, page.get_by_label("Tema"))
    page.keyboard.press("ArrowDown")
    expect(page.get_by_label("Tema")).to_have_value("klimatkontrakt")
    tab_to(page, page.get_by_label("Kommun"))
    page.keyboard.type("Kalmar")
    expect(page.get_by_label("Kommun")).to_have_value("kalmar")
    tab_to(page, page.get_by_role("button", name="Visa evenemang"))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"theme=klimatkontrakt.*municipality=kalmar"))
    expect(page.locator("#results-heading")).to_have_text("1 kommande evenemang")
    expect(page.get_by_role("link", name="Klimatfrukost i Kalmar")).to_be_visible()


def test_switch_language_by_keyboard(page, tour):
    """Tab reaches the language switcher; Enter opens the English case study, in English."""
    page.goto(tour["case study (sv)"].path)
    tab_to(page, page.get_by_role("navigation", name="Språk").get_by_role("link", name="English"))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(tour["case study (en)"].path) + "$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("A local climate contract")
    tab_to(
        page, page.get_by_role("navigation", name="Language").get_by_role("link", name="Svenska")
    )
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.get_by_role("heading", level=1)).to_have_text("Lokalt klimatkontrakt")
