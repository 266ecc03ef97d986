import pytest

from wagtail.test.utils import WagtailTestUtils

from hub.models import County, Municipality, Organisation
from tests.factories import (
    CaseStudyIndexPageFactory,
    EventIndexPageFactory,
    OrganisationFactory,
    ThemeFactory,
    case_study,
)
from tests.utils import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def karlstad(home):
    """A case study in Karlstad with one partner."""
    library = CaseStudyIndexPageFactory(parent=home)
    paper = OrganisationFactory(name="Paper Province", kind=Organisation.Kind.NETWORK)
    OrganisationFactory(name="Energikontoret Värmland", kind=Organisation.Kind.ENERGY_AGENCY)
    return case_study(
        library,
        "Klimatkontrakt i Karlstad",
        municipalities=["1780"],
        partners=[paper],
        themes=[ThemeFactory()],
    )


def picker(soup, name):
    """The picker for the field called `name`."""
    return soup.select_one(f"#id_{name}-filter").find_parent(class_="hub-picker")


def test_municipalities_are_grouped_by_county_in_one_query(client, editor, karlstad):
    """Every municipality is a labelled checkbox under its county's legend; Karlstad is ticked."""
    url = f"/admin/pages/{karlstad.pk}/edit/"
    response = client.get(url)
    soup = WagtailTestUtils.get_soup(response.content)
    municipalities = picker(soup, "municipalities")

    legends = [legend.get_text(strip=True) for legend in municipalities.select("fieldset legend")]
    assert len(legends) == County.objects.count() == 21
    assert legends[0] == "Blekinge län" and legends[-1] == "Östergötlands län"
    boxes = municipalities.select("input[type=checkbox]")
    assert len(boxes) == Municipality.objects.count() == 290
    for box in boxes:
        assert municipalities.select_one(f"label[for={box['id']}]").get_text(strip=True)
    chosen = [box for box in boxes if box.has_attr("checked")]
    assert [municipalities.select_one(f"label[for={c['id']}]").text for c in chosen] == ["Karlstad"]
    varmland = next(f for f in municipalities.select("fieldset") if "Värmland" in f.legend.text)
    assert "Karlstad" in varmland.get_text()
    assert "Valda (1): Karlstad" in municipalities.get_text()
    # The filter box does nothing without the script, so it stays hidden until the script runs.
    assert municipalities.select_one("[data-hub-picker-target=filterBox]").has_attr("hidden")

    # The 290 municipalities come with their counties in one query, however many are chosen;
    # the partners in one query, however many organisations there are. The edit view runs
    # about 45 queries of its own (as many as with Django's plain multiple select); a query
    # per municipality for its county would add 290.
    few = count_queries(client, url)
    assert few < 100, few
    for number in range(15):
        OrganisationFactory(kind=list(Organisation.Kind)[number % len(Organisation.Kind)])
    karlstad.municipalities.set(Municipality.objects.filter(code__startswith="17"))
    karlstad.save()
    assert count_queries(client, url) == few


def test_partners_are_grouped_by_kind(client, editor, karlstad):
    """Partners come under their kind, with the chosen one ticked and summarised."""
    response = client.get(f"/admin/pages/{karlstad.pk}/edit/")
    partners = picker(WagtailTestUtils.get_soup(response.content), "partners")
    legends = [legend.get_text(strip=True) for legend in partners.select("fieldset legend")]
    assert legends == ["Energikontor", "Nätverk eller kluster"]
    assert "Valda (1): Paper Province" in partners.get_text()


def test_event_editor_uses_the_pickers(client, editor, home):
    """The event form picks organisers and municipalities the same way."""
    calendar = EventIndexPageFactory(parent=home)
    response = client.get(f"/admin/pages/add/events/eventpage/{calendar.pk}/")
    soup = WagtailTestUtils.get_soup(response.content)
    assert picker(soup, "municipalities") is not None
    assert picker(soup, "organisers") is not None
