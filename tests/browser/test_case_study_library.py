import re

import pytest
from playwright.sync_api import expect

from casestudies.models import CaseStudyTheme
from hub.models import Organisation
from tests.factories import (
    CaseStudyIndexPageFactory,
    CaseStudyPageFactory,
    OrganisationFactory,
    ThemeFactory,
    case_study,
    translation_of,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def library(home, home_en):
    library = CaseStudyIndexPageFactory(parent=home)
    translation_of(
        library, "en", CaseStudyIndexPageFactory, title="Case studies", slug="case-studies"
    )
    symbios = ThemeFactory(name="Industriell symbios", slug="industriell-symbios")
    symbios_en = ThemeFactory(
        name="Industrial symbiosis",
        slug="industriell-symbios",
        locale=home_en.locale,
        translation_key=symbios.translation_key,
    )
    paper = OrganisationFactory(name="Paper Province", kind=Organisation.Kind.NETWORK)
    karlstad = case_study(
        library,
        "Industriell symbios i pappersindustrin",
        slug="symbios-karlstad",
        municipalities=["1780"],
        themes=[symbios],
        partners=[paper],
    )
    case_study(
        library, "Industriell symbios i Lidköping", municipalities=["1494"], themes=[symbios]
    )
    case_study(library, "Klimatkontrakt i Karlstad", municipalities=["1780"])
    english = translation_of(
        karlstad,
        "en",
        CaseStudyPageFactory,
        title="Industrial symbiosis in the paper industry",
        slug="symbiosis-karlstad",
        summary="Paper mills share heat and materials.",
    )
    english.municipalities.set(karlstad.municipalities.all())
    english.partners.set([paper])
    english.save()  # parental many-to-many relations are written when the page is saved
    CaseStudyTheme.objects.create(page=english, theme=symbios_en, locale=home_en.locale)
    return library


def test_filter_open_and_switch_language(page, library):
    """Filter by theme and county, open the result, then read it in English."""
    page.goto("/sv/exempel/")
    expect(page.get_by_role("heading", name="3 exempel")).to_be_visible()
    page.get_by_role("checkbox", name=re.compile(r"^Industriell symbios")).check()
    page.locator("summary", has_text="Län").click()
    page.get_by_role("checkbox", name=re.compile(r"^Värmlands län")).check()
    page.get_by_role("button", name="Visa resultat").click()
    expect(page).to_have_url(re.compile(r"theme=industriell-symbios.*county=varmlands-lan"))
    expect(page.get_by_role("heading", name="1 exempel")).to_be_visible()
    page.get_by_role("link", name="Industriell symbios i pappersindustrin").click()
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text("Industriell symbios i pappersindustrin")
    expect(page.get_by_text("Paper Province")).to_be_visible()
    page.get_by_role("navigation", name="Språk").get_by_role("link", name="English").click()
    expect(heading).to_have_text("Industrial symbiosis in the paper industry")
    expect(page.get_by_role("link", name="Industrial symbiosis", exact=True)).to_be_visible()


def test_library_works_with_javascript_off(browser, live_server, library):
    """The faceted form is a plain GET form: removing a filter works without JavaScript."""
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/sv/exempel/?theme=industriell-symbios")
    expect(page.get_by_role("heading", name="2 exempel")).to_be_visible()
    page.get_by_role("link", name=re.compile("Tema: Industriell symbios")).click()
    expect(page.get_by_role("heading", name="3 exempel")).to_be_visible()
    context.close()


def test_a_chosen_county_without_results_can_be_removed(page, library):
    """A county that leaves no results stays ticked with 0, and its chip removes it."""
    page.goto("/sv/exempel/?theme=industriell-symbios&county=skane-lan")
    expect(page.get_by_role("heading", name="0 exempel")).to_be_visible()
    expect(page.get_by_role("checkbox", name=re.compile(r"^Skåne län \(0"))).to_be_checked()
    page.get_by_role("link", name=re.compile(r"^Län: Skåne län")).click()
    expect(page).to_have_url(re.compile(r"/sv/exempel/\?theme=industriell-symbios$"))
    expect(page.get_by_role("heading", name="2 exempel")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(r"^Län: "))).to_have_count(0)


def test_switching_language_keeps_the_filters(page, library):
    """English on a filtered library leads to the English library with the same filters."""
    page.goto("/sv/exempel/?theme=industriell-symbios&county=varmlands-lan")
    expect(page.get_by_role("heading", name="1 exempel")).to_be_visible()
    page.get_by_role("navigation", name="Språk").get_by_role("link", name="English").click()
    expect(page).to_have_url(
        re.compile(r"/en/case-studies/\?theme=industriell-symbios&county=varmlands-lan$")
    )
    expect(page.get_by_role("heading", name="1 case study")).to_be_visible()
    expect(page.get_by_role("checkbox", name=re.compile(r"^Industrial symbiosis"))).to_be_checked()
    expect(page.get_by_role("link", name=re.compile(r"^County: Värmland County"))).to_be_visible()
    expect(
        page.get_by_role("link", name="Industrial symbiosis in the paper industry")
    ).to_be_visible()


def test_on_a_phone_the_results_come_first(page, library):
    """At 390x844 the filters fold behind "Filtrera (n)"; after filtering, a result shows."""
    library.introduction = (
        "Här finns exempel på hur kommuner och regioner har fått med sig företag, "
        "organisationer och invånare i klimatarbetet. Filtrera på tema, län, kommun eller typ "
        "av samarbetspartner, och hitta någon att fråga."
    )
    library.save_revision().publish()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/sv/exempel/")
    toggle = page.locator("summary", has_text="Filtrera")
    expect(toggle).to_have_text("Filtrera")
    expect(page.get_by_role("button", name="Visa resultat")).to_be_hidden()
    toggle.click()
    page.get_by_role("checkbox", name=re.compile(r"^Industriell symbios")).check()
    page.get_by_role("button", name="Visa resultat").click()
    # The form's empty fields were dropped by a redirect.
    expect(page).to_have_url(re.compile(r"/sv/exempel/\?theme=industriell-symbios&sort=newest$"))
    expect(page.get_by_role("heading", name="2 exempel")).to_be_visible()
    expect(page.locator("summary", has_text="Filtrera")).to_have_text("Filtrera (1)")
    # The first result's title is on the first screen.
    title = page.locator(".card__title").first
    expect(title).to_be_visible()
    box = title.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box
    assert box["y"] >= 0 and box["y"] + box["height"] <= 844, box
    assert page.evaluate("window.scrollY") == 0
