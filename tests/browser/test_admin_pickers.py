import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from casestudies.models import CaseStudyPage
from hub.models import Organisation
from tests.factories import CaseStudyIndexPageFactory, OrganisationFactory, ThemeFactory, case_study

pytestmark = pytest.mark.django_db(transaction=True)

WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


@pytest.fixture
def karlstad(home):
    """A case study in Karlstad, with two organisations that could be its partners."""
    library = CaseStudyIndexPageFactory(parent=home)
    OrganisationFactory(name="Energikontoret Värmland", kind=Organisation.Kind.ENERGY_AGENCY)
    OrganisationFactory(name="Paper Province", kind=Organisation.Kind.NETWORK)
    return case_study(
        library, "Klimatkontrakt i Karlstad", municipalities=["1780"], themes=[ThemeFactory()]
    )


def test_editor_picks_places_partners_and_tags_from_the_keyboard(editor_page, karlstad):
    """Filter, tick, type tags with Enter, save a draft: the draft has every choice."""
    page = editor_page
    edit_url = f"/admin/pages/{karlstad.pk}/edit/"
    form_posts = []
    page.on(
        "request",
        lambda request: (
            form_posts.append(request)
            if request.method == "POST" and request.url.endswith(edit_url)
            else None
        ),
    )
    page.goto(edit_url)

    page.get_by_role("tab", name="Fakta").click()
    municipalities = page.get_by_role("searchbox", name="Filtrera på kommun eller län")
    municipalities.fill("malm")
    expect(page.get_by_text("1 av 290 visas")).to_be_visible()
    expect(page.get_by_role("checkbox", name="Lund", exact=True)).to_be_hidden()
    municipalities.press("Enter")  # stays on the page
    page.get_by_role("checkbox", name="Malmö", exact=True).check()
    expect(page.get_by_text("Valda (2): Malmö, Karlstad")).to_be_visible()

    partners = page.get_by_role("searchbox", name="Filtrera på namn eller typ")
    partners.fill("energi")
    expect(page.get_by_role("checkbox", name="Paper Province")).to_be_hidden()
    page.get_by_role("checkbox", name="Energikontoret Värmland").check()

    page.get_by_role("tab", name="Taggar och relaterat").click()
    tags = page.locator("ul.tagit input[type=text]")
    tags.click()
    tags.press_sequentially("pendling")
    tags.press("Enter")
    tags.press_sequentially("cykel")
    tags.press("Enter")
    tags.press("Enter")  # an Enter in the empty tag field must not save the page
    expect(tags).to_be_focused()
    assert not form_posts, "Enter submitted the page form"
    expect(page.locator("ul.tagit .tagit-label")).to_have_text(["pendling", "cykel"])
    assert karlstad.revisions.count() == 0

    page.get_by_role("button", name="Spara utkast").click()
    expect(page.get_by_text("har blivit uppdaterad")).to_be_visible()

    draft = CaseStudyPage.objects.get(pk=karlstad.pk).get_latest_revision_as_object()
    assert {m.name for m in draft.municipalities.all()} == {"Karlstad", "Malmö"}
    assert [o.name for o in draft.partners.all()] == ["Energikontoret Värmland"]
    assert set(draft.tags.names()) == {"pendling", "cykel"}


def test_pickers_meet_wcag_21_aa(editor_page, karlstad):
    """axe-core finds no WCAG 2.1 A or AA violation in the pickers, filtered or not."""
    page = editor_page
    page.goto(f"/admin/pages/{karlstad.pk}/edit/")
    page.get_by_role("tab", name="Fakta").click()
    results = Axe().run(page, context=".hub-picker", options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()
    page.get_by_role("searchbox", name="Filtrera på kommun eller län").fill("skåne")
    results = Axe().run(page, context=".hub-picker", options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()
