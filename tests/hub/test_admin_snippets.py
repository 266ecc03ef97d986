import pytest

from django.urls import reverse

from modelsearch.query import Boost, Phrase, PlainText
from wagtail.search.backends import get_search_backend
from wagtail.test.utils import WagtailTestUtils

from events.models import EventType
from hub.models import Contact, County, Municipality, Organisation, Theme
from tests.factories import (
    ContactFactory,
    EventTypeFactory,
    OrganisationFactory,
    ThemeFactory,
    locale,
)
from tests.utils import count_queries

pytestmark = pytest.mark.django_db


def listing_url(model):
    return reverse(model.snippet_viewset.get_url_name("list"))


def chooser_results_url(model):
    return reverse(model.snippet_viewset.chooser_viewset.get_url_name("choose_results"))


def listed(response):
    """The text of each row in the page's table of results."""
    assert response.status_code == 200, response.status_code
    soup = WagtailTestUtils.get_soup(response.content)
    return [" ".join(row.get_text(" ").split()) for row in soup.select("table tbody tr")]


def names_found(client, url, query, **params):
    return listed(client.get(url, {"q": query, **params}))


def assert_finds(client, model, query, wanted, unwanted):
    """The listing and the chooser both find `wanted` for `query`, and not `unwanted`."""
    for url in (listing_url(model), chooser_results_url(model)):
        rows = names_found(client, url, query)
        assert any(wanted in row for row in rows), (url, query, rows)
        assert not any(unwanted in row for row in rows), (url, query, rows)


@pytest.fixture
def people(db):
    """Two contacts: one at an organisation, one at a municipality."""
    energy = OrganisationFactory(name="Energikontoret Syd")
    malmo = Municipality.objects.get(code="1280")
    return {
        "anna": ContactFactory(name="Anna Berg", role="Klimatstrateg", organisation=energy),
        "per": ContactFactory(name="Per Holm", role="Energicoach", municipality=malmo),
    }


def test_theme_search(client, editor, themes):
    """Themes are found by name in the listing and in the chooser."""
    assert_finds(client, Theme, "klimat", "Klimatkontrakt", "Industriell symbios")


def test_theme_search_keeps_to_one_language(client, editor, themes):
    """A search in the Swedish themes leaves out the English ones, and the other way round."""
    ThemeFactory(name="Climate contracts", slug="climate-contracts", locale=locale("en"))
    for url in (listing_url(Theme), chooser_results_url(Theme)):
        swedish = names_found(client, url, "klimat", locale="sv")
        english = names_found(client, url, "climate", locale="en")
        assert any("Klimatkontrakt" in row for row in swedish), (url, swedish)
        assert any("Climate contracts" in row for row in english), (url, english)
        assert not any("Climate contracts" in row for row in swedish), (url, swedish)
        assert not any("Klimatkontrakt" in row for row in english), (url, english)


def test_organisation_search(client, editor):
    """Organisations are found by name."""
    OrganisationFactory(name="Energikontoret Syd")
    OrganisationFactory(name="Lunds universitet")
    assert_finds(client, Organisation, "energi", "Energikontoret Syd", "Lunds universitet")


def test_contact_search_by_name(client, editor, people):
    """Contacts are found by name."""
    assert_finds(client, Contact, "anna", "Anna Berg", "Per Holm")


def test_contact_search_by_role(client, editor, people):
    """Contacts are found by role."""
    assert_finds(client, Contact, "energicoach", "Per Holm", "Anna Berg")


def test_contact_search_by_workplace(client, editor, people):
    """Contacts are found by the municipality or organisation they work at."""
    assert_finds(client, Contact, "malmö", "Per Holm", "Anna Berg")
    assert_finds(client, Contact, "energikontoret", "Anna Berg", "Per Holm")


def test_contact_search_in_one_language(client, editor, people):
    """The contact chooser, opened for Swedish content, searches the Swedish contacts."""
    rows = names_found(client, chooser_results_url(Contact), "anna", locale="sv")
    assert any("Anna Berg" in row for row in rows), rows


def test_municipality_search(client, editor, home):
    """All 290 municipalities, loaded by a migration, are found by name and by code."""
    assert_finds(client, Municipality, "malmö", "Malmö", "Lund")
    assert_finds(client, Municipality, "1281", "Lund", "Malmö")


def test_municipality_search_ignores_case_of_swedish_letters(client, editor, home):
    """ "örebro" finds Örebro, although SQLite's LIKE folds only ASCII letters."""
    assert_finds(client, Municipality, "örebro", "Örebro", "Malmö")


def test_county_search(client, editor, home):
    """Counties are found by name."""
    assert_finds(client, County, "skåne", "Skåne län", "Stockholms län")


def test_event_type_search(client, editor):
    """Event types are found by name."""
    EventTypeFactory(name="Webbfika")
    EventTypeFactory(name="Nätverksträff")
    assert_finds(client, EventType, "webb", "Webbfika", "Nätverksträff")


def test_search_results_sort_by_every_column(client, editor, themes, people):
    """Found items can be sorted by any column of a listing, either way."""
    EventTypeFactory(name="Webbfika")
    searches = [
        (Theme, "klimat", "Klimatkontrakt"),
        (Organisation, "energi", "Energikontoret Syd"),
        (Contact, "anna", "Anna Berg"),
        (Municipality, "malmö", "Malmö"),
        (County, "skåne", "Skåne län"),
        (EventType, "webb", "Webbfika"),
    ]
    for model, query, wanted in searches:
        for column in model.snippet_viewset.list_display:
            for ordering in (column, f"-{column}"):
                rows = names_found(client, listing_url(model), query, ordering=ordering)
                assert any(wanted in row for row in rows), (model, ordering, rows)


def test_found_municipalities_sort_by_county_name(client, editor, home):
    """Sorting found municipalities by county follows the counties' names."""
    url = listing_url(Municipality)
    ascending = names_found(client, url, "upp", ordering="county")
    descending = names_found(client, url, "upp", ordering="-county")
    # Uppvidinge, Upplands Väsby, Upplands-Bro and Uppsala; each row ends with its county.
    counties = ["Kronobergs län", "Stockholms län", "Stockholms län", "Uppsala län"]
    assert [" ".join(row.split()[-2:]) for row in ascending] == counties, ascending
    assert [" ".join(row.split()[-2:]) for row in descending] == counties[::-1], descending


def test_contact_chooser_shows_workplaces(client, editor, people):
    """Each row of the contact chooser names the person's organisation and municipality,
    fetched with the contacts rather than with one query per row."""
    url = chooser_results_url(Contact)
    response = client.get(url)
    soup = WagtailTestUtils.get_soup(response.content)
    headers = [th.get_text(strip=True) for th in soup.select("table thead th")]
    assert "Organisation" in headers, headers
    assert "Kommun" in headers, headers
    rows = listed(response)
    assert any("Anna Berg" in row and "Energikontoret Syd" in row for row in rows), rows
    assert any("Per Holm" in row and "Malmö" in row for row in rows), rows

    few = count_queries(client, url)
    lund = Municipality.objects.get(code="1281")
    for number in range(10):
        ContactFactory(
            name=f"Extra {number}", organisation=OrganisationFactory(), municipality=lund
        )
    assert count_queries(client, url) == few


def test_contact_listing_fetches_workplaces_with_the_contacts(client, editor, people):
    """The listing's organisation and municipality columns cost no query per row."""
    url = listing_url(Contact)
    few = count_queries(client, url)
    lund = Municipality.objects.get(code="1281")
    for number in range(10):
        ContactFactory(
            name=f"Extra {number}", organisation=OrganisationFactory(), municipality=lund
        )
    # wagtail-localize's "Translate" button still asks two questions per row (which locales
    # lack a translation); the workplaces add nothing.
    assert count_queries(client, url) - few <= 2 * 10


def test_contact_is_created_from_the_chooser(client, editor, people):
    """The chooser's create form makes a contact and hands it back as the choice."""
    choose_url = reverse(Contact.snippet_viewset.chooser_viewset.get_url_name("choose"))
    response = client.get(choose_url)
    html = response.json()["html"]
    soup = WagtailTestUtils.get_soup(html)
    form = soup.select_one("form[action*='create']")
    assert form is not None, html[:2000]
    assert form.select_one("input[name='name']") is not None
    malmo = Municipality.objects.get(code="1280")
    response = client.post(
        form["action"],
        {
            "name": "Karin Ek",
            "role": "Miljöstrateg",
            "organisation": "",
            "municipality": str(malmo.pk),
            "email": "karin@example.org",
            "phone": "",
        },
    )
    assert response.status_code == 200
    data = response.json()
    assert data["step"] == "chosen", data
    contact = Contact.objects.get(name="Karin Ek")
    assert data["result"]["id"] == str(contact.pk)
    assert contact.municipality == malmo
    assert contact.locale.language_code == "sv"
    rows = names_found(client, listing_url(Contact), "karin")
    assert any("Karin Ek" in row for row in rows), rows


def test_contact_created_from_an_english_chooser_is_english(client, editor):
    """The chooser opened for English content creates the contact in English."""
    choose_url = reverse(Contact.snippet_viewset.chooser_viewset.get_url_name("choose"))
    html = client.get(choose_url, {"locale": "en"}).json()["html"]
    action = WagtailTestUtils.get_soup(html).select_one("form[action*='create']")["action"]
    response = client.post(action, {"name": "Erik Lund", "role": "Climate strategist"})
    assert response.json()["step"] == "chosen"
    assert Contact.objects.get(name="Erik Lund").locale.language_code == "en"


def test_contact_chooser_create_form_reports_errors(client, editor):
    """A contact without a name is not created and the form says why."""
    create_url = reverse(Contact.snippet_viewset.chooser_viewset.get_url_name("create"))
    response = client.post(create_url, {"name": "", "role": "Strateg"})
    data = response.json()
    assert data["step"] == "reshow_creation_form"
    assert "Det här fältet är obligatoriskt" in data["htmlFragment"]
    assert not Contact.objects.filter(role="Strateg").exists()


def test_admin_pages_fetch_no_avatar_from_gravatar(client, editor):
    """The editor's avatar is Wagtail's own image, not a request to gravatar.com."""
    for url in ("/admin/", listing_url(Contact), "/admin/account/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "gravatar" not in response.content.decode().lower(), url


def test_dashboard_asks_no_release_server_for_news(client, editor):
    """The dashboard loads no upgrade check from Wagtail's release server."""
    html = client.get("/admin/").content.decode()
    assert "w-upgrade" not in html


def test_field_search_takes_phrases_and_combined_queries(db):
    """A search in named fields answers phrases, "or" and boosts, as code may ask."""
    anna = ContactFactory(name="Anna Berg", role="Klimatstrateg")
    per = ContactFactory(name="Per Holm", role="Energicoach")
    backend = get_search_backend()

    def names(query):
        return {c.name for c in backend.search(query, Contact, fields=["name", "role"])}

    assert names(Phrase("Anna Berg")) == {anna.name}
    assert names(PlainText("anna") | PlainText("holm")) == {anna.name, per.name}
    assert names(Boost(PlainText("energicoach"), 2)) == {per.name}
