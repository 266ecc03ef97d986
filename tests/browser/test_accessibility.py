from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe

from django.utils import timezone

from tests.factories import (
    CaseStudyIndexPageFactory,
    ContactFactory,
    EventIndexPageFactory,
    EventTypeFactory,
    ImageFactory,
    NewsletterIndexPageFactory,
    NewsletterIssuePageFactory,
    StandardPageFactory,
    ThemeFactory,
    case_study,
    event,
    translation_of,
)

pytestmark = pytest.mark.django_db(transaction=True)

WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


@pytest.fixture
def site_pages(home, home_en):
    about = StandardPageFactory(
        parent=home,
        title="Om Klimathubben",
        slug="om",
        show_in_menus=True,
        show_in_footer=True,
        body=[
            {"type": "heading", "value": {"text": "Bakgrund", "level": "h2"}},
            {
                "type": "paragraph",
                "value": '<p>Text med <a href="https://example.org">länk</a>.</p>',
            },
            {"type": "quote", "value": {"quote": "Vi är ett lag.", "attribution": "Projektledare"}},
            {"type": "call_out", "value": {"heading": "Tips", "text": "<p>Börja smått.</p>"}},
            {
                "type": "video",
                "value": {"url": "https://youtu.be/aqz-KE-bpKQ", "title": "Film", "caption": "Om"},
            },
        ],
    )
    translation_of(about, "en", StandardPageFactory, title="About", slug="about")
    library = CaseStudyIndexPageFactory(parent=home)
    theme = ThemeFactory(name="Klimatkontrakt", slug="klimatkontrakt")
    contact = ContactFactory(name="Elin Berglund")
    case_study(
        library,
        "Lokalt klimatkontrakt",
        slug="kontrakt",
        municipalities=["1780", "1761"],
        themes=[theme],
        contacts=[contact],
        tags=["näringsliv"],
        start_year=2020,
        key_figures=[{"type": "figure", "value": {"value": "40", "unit": "", "label": "aktörer"}}],
        results="<p>Fler företag är med.</p>",
        listing_image=ImageFactory(),
        listing_image_alt="Företagare skriver under kontraktet",
    )
    case_study(library, "Energicoachning", themes=[theme], tags=["näringsliv"])
    archive = NewsletterIndexPageFactory(parent=home)
    NewsletterIssuePageFactory(
        parent=archive,
        slug="nummer-1",
        number=1,
        issue_date="2026-04-20",
        tags=["näringsliv"],
        sections=[
            {"type": "rich_text", "value": "<h3>Nytt</h3><p>Text.</p>"},
            {
                "type": "link_list",
                "value": {
                    "heading": "Läs mer",
                    "links": [{"title": "Plan", "url": "https://example.org/"}],
                },
            },
        ],
    )
    calendar = EventIndexPageFactory(parent=home)
    breakfast = EventTypeFactory(name="Klimatfrukost", slug="klimatfrukost")
    event(
        calendar,
        "Klimatfrukost i Kalmar",
        timezone.now() + timedelta(days=2),
        slug="frukost",
        event_type=breakfast,
        attendance_mode="hybrid",
        venue_name="Energikontoret",
        venue_address="Kalmar",
        join_url="https://example.org/frukost",
        registration_url="https://example.org/anmalan",
        municipalities=["0880"],
        programme=[{"type": "item", "value": {"time": "07:30", "title": "Frukost"}}],
        listing_image=ImageFactory(),
        listing_image_alt="Frukostbord med kaffe",
    )
    event(
        calendar,
        "Slutkonferens",
        timezone.now() - timedelta(days=30),
        slug="slutkonferens",
        event_type=breakfast,
        material=[
            {
                "type": "workshop_session",
                "id": "11111111-2222-3333-4444-555555555555",
                "value": {
                    "title": "Bikupor",
                    "duration": 10,
                    "instructions": "<p>Prata vid bordet.</p>",
                    "questions": ["Vad tar du med dig?", "Vad är nästa steg?"],
                    "facilitator_notes": "<p>Samla in svaren.</p>",
                },
            }
        ],
    )


PATHS = [
    "/sv/",
    "/en/",
    "/sv/om/",
    "/en/about/",
    "/sv/finns-inte/",
    "/sv/exempel/",
    "/sv/exempel/?theme=klimatkontrakt&county=varmlands-lan&page=x",
    "/sv/exempel/kontrakt/",
    "/sv/kommuner/",
    "/sv/kommuner/karlstad/",
    "/sv/kommuner/kalmar/",
    "/sv/kommuner/karlstad/?section=case_studies&page=x",
    "/sv/taggar/",
    "/sv/taggar/naringsliv/",
    "/sv/taggar/naringsliv/?section=case_studies",
    "/sv/evenemang/",
    "/sv/evenemang/?when=past&month=2099-13",
    "/sv/evenemang/frukost/",
    "/sv/evenemang/slutkonferens/",
    "/sv/evenemang/slutkonferens/workshop/11111111-2222-3333-4444-555555555555/",
    "/sv/sok/",
    "/sv/sok/?q=klimatkontrakt",
    "/sv/sok/?q=klimat&county=08&sort=date",
    "/sv/sok/?q=zzqxv",
    "/sv/sok/?q=Kalmr",
    "/en/search/?q=about",
]


def test_pages_meet_wcag_21_aa(page, site_pages):
    """axe-core finds no WCAG 2.1 A or AA violation on any kind of public page."""
    reports = {}
    for path in PATHS:
        page.goto(path)
        results = Axe().run(page, options=WCAG_21_AA)
        if results.violations_count:
            reports[path] = results.generate_report()
    assert not reports, "\n\n".join(f"{path}:\n{report}" for path, report in reports.items())


def test_pages_meet_wcag_21_aa_on_a_phone(browser, live_server, site_pages):
    """The layout holds on a narrow screen too (reflow, target sizes, contrast)."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto("/sv/exempel/")
    results = Axe().run(page, options=WCAG_21_AA)
    context.close()
    assert results.violations_count == 0, results.generate_report()
