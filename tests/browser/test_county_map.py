"""The county map in a browser: axe-core finds nothing, and the keyboard reaches every county."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.test_accessibility import WCAG_21_AA
from tests.factories import CaseStudyIndexPageFactory, case_study

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def libraries(home, home_en):
    """Swedish and English libraries with case studies in a few counties."""
    library = CaseStudyIndexPageFactory(parent=home)
    for title, places in [
        ("Klimatkontrakt", ["1780"]),
        ("Energicoach", ["1780", "1784"]),
        ("Solel", ["1281"]),
        ("Cykelstråk", ["0180"]),
    ]:
        case_study(library, title, municipalities=places)
    library_en = CaseStudyIndexPageFactory(parent=home_en, slug="case-studies")
    case_study(library_en, "Climate contract", municipalities=["1780"])
    return library, library_en


def test_map_pages_meet_wcag_21_aa(page, libraries):
    """axe-core finds no WCAG 2.1 A or AA violation on the pages with the map, in both
    languages."""
    reports = {}
    for path in ["/sv/kommuner/", "/en/municipalities/", "/sv/exempel/", "/en/case-studies/"]:
        page.goto(path)
        expect(page.locator(".county-map__region")).to_have_count(21)
        results = Axe().run(page, options=WCAG_21_AA)
        if results.violations_count:
            reports[path] = results.generate_report()
    assert not reports, "\n\n".join(f"{path}:\n{report}" for path, report in reports.items())


def tab_to_map(page):
    """Press Tab until a county of the map has the focus; the name of each one reached."""
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.county-map__region')"):
            break
    names = []
    while page.evaluate("document.activeElement.matches('.county-map__region')"):
        names.append(page.evaluate("document.activeElement.getAttribute('aria-label')"))
        page.keyboard.press("Tab")
    return names


def test_keyboard_reaches_every_county_by_name(page, libraries):
    """Tab moves through all 21 counties, north to south, each named with its count and shown
    with a focus ring; Enter follows the county to its case studies."""
    page.goto("/sv/kommuner/")
    names = tab_to_map(page)
    assert len(names) == 21
    assert names[0] == "Norrbottens län, 0 exempel"
    assert "Värmlands län, 2 exempel" in names
    assert names.index("Stockholms län, 1 exempel") < names.index("Skåne län, 1 exempel")

    varmland = page.get_by_role("link", name="Värmlands län, 2 exempel")
    varmland.focus()
    expect(varmland).to_be_focused()
    # The focus ring: the square's border in the focus colour, thicker than at rest.
    stroke = varmland.locator("rect").evaluate("rect => getComputedStyle(rect).strokeWidth")
    assert stroke == "5px"
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/sv/exempel/\?county=varmlands-lan$"))
    expect(page.locator("#results-heading")).to_have_text("2 exempel")


def test_keyboard_reaches_the_library_map_in_english(page, libraries):
    """Under the English library's results the counties are reached by keyboard with
    English names."""
    page.goto("/en/case-studies/")
    names = tab_to_map(page)
    assert len(names) == 21
    assert "Värmland County, 1 case study" in names
    assert "Skåne County, 0 case studies" in names
