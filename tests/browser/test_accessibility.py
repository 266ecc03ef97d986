"""axe-core (WCAG 2.1 A and AA) over every public page type in Swedish and English."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.page_tour import URLCONF, build_site

pytestmark = pytest.mark.django_db(transaction=True)

WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


def visit(page, stop):
    """Open the stop as a visitor would; a form's answer by filling in and sending the form."""
    response = page.goto(stop.path)
    if stop.post:
        first_field = page.locator(f'[name="{next(iter(stop.post))}"]')
        form = page.locator("main form").filter(has=first_field)
        for name, value in stop.post.items():
            field = form.locator(f'[name="{name}"]')
            if value == "on":
                field.check()
            else:
                field.fill(value)
        with page.expect_navigation() as navigation:
            form.locator('[type="submit"]').click()
        response = navigation.value
    assert response.status == stop.status, (stop.name, stop.path, response.status)


def axe_report(page):
    results = Axe().run(page, options=WCAG_21_AA)
    return results.generate_report() if results.violations_count else None


def test_every_page_type_meets_wcag_21_aa(page, settings):
    """axe-core finds no WCAG 2.1 A or AA violation on any page type, in either language,
    and the layout holds on a phone's narrow screen too (reflow, target sizes, contrast).

    One browser page walks the whole tour (tests/page_tour/), to keep the added time small.
    """
    settings.ROOT_URLCONF = URLCONF
    stops = build_site()
    reports = {}
    for stop in stops:
        visit(page, stop)
        if report := axe_report(page):
            reports[f"{stop.name}: {stop.path}"] = report
    page.set_viewport_size({"width": 360, "height": 740})
    on_a_phone = ("library (sv)", "case study (en)", "newsletter issue (sv)", "event (sv)")
    for stop in (stop for stop in stops if stop.name in on_a_phone):
        visit(page, stop)
        if report := axe_report(page):
            reports[f"{stop.name}, on a phone: {stop.path}"] = report
    assert not reports, "\n\n".join(f"{name}:\n{report}" for name, report in reports.items())
