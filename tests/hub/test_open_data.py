"""The open-data files: parsed back field by field in both languages, safe in a spreadsheet,
licensed, cached, and built again by the task worker when content is published."""

from decimal import Decimal

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page

from casestudies.models import CaseStudyImpactFigure
from hub.models import OpenDataPage
from tests.factories import (
    CaseStudyIndexPageFactory,
    OrganisationFactory,
    ThemeFactory,
    case_study,
    locale,
    translation_of,
)
from tests.open_data import body, build, csv_rows, json_file, workbook, xlsx_rows
from tests.utils import count_queries

pytestmark = pytest.mark.django_db

SV_CSV = "/sv/oppna-data/exempel.csv"
EN_CSV = "/en/open-data/case-studies.csv"


@pytest.fixture
def open_data_page(home, home_en):
    """The open-data page in Swedish and English."""
    page = home.add_child(
        instance=OpenDataPage(
            title="Öppna data", slug="oppna-data", introduction="Allt går att hämta."
        )
    )
    home_en.add_child(
        instance=OpenDataPage(
            title="Open data",
            slug="open-data",
            introduction="Everything can be downloaded.",
            locale=locale("en"),
            translation_key=page.translation_key,
        )
    )
    return page


@pytest.fixture
def karlstad(home, home_en, library, themes):
    """A case study in Swedish and English, with every relation the files show."""
    kontrakt_en = ThemeFactory(
        name="Climate contracts",
        slug="klimatkontrakt",
        locale=locale("en"),
        translation_key=themes["kontrakt"].translation_key,
    )
    partner = OrganisationFactory(name="Karlstads Energi AB")
    figures = [("figure", {"value": "40", "unit": "", "label": "lokala aktörer"})]
    page = case_study(
        library,
        "Klimatkontrakt i Karlstad",
        municipalities=("1780", "1781"),
        themes=[themes["kontrakt"]],
        partners=[partner],
        tags=["näringsliv"],
        start_year=2019,
        end_year=2023,
        status="completed",
        key_figures=figures,
        slug="klimatkontrakt-karlstad",
    )
    library_en = translation_of(
        library, "en", CaseStudyIndexPageFactory, title="Case studies", slug="case-studies"
    )
    english = case_study(
        library_en,
        "Climate contract in Karlstad",
        municipalities=("1780", "1781"),
        themes=[kontrakt_en],
        partners=[partner],
        tags=["business"],
        start_year=2019,
        end_year=2023,
        status="completed",
        key_figures=[("figure", {"value": "40", "unit": "", "label": "local actors"})],
        slug="climate-contract-karlstad",
        translation_key=page.translation_key,
    )
    for target, source in (
        (page, "Kommunens uppföljning."),
        (english, "The municipality's report."),
    ):
        CaseStudyImpactFigure.objects.create(
            page=target,
            locale=target.locale,
            metric="ghg_reduction",
            value=Decimal("1200"),
            base_year=2019,
            target_year=2023,
            source=source,
        )
    return page, english


LANGUAGES = {
    "sv": (SV_CSV, "Klimatkontrakt", "http://localhost/sv/exempel/klimatkontrakt-karlstad/"),
    "en": (
        EN_CSV,
        "Climate contracts",
        "http://localhost/en/case-studies/climate-contract-karlstad/",
    ),
}


@pytest.mark.parametrize("language", ["sv", "en"])
def test_each_format_holds_the_case_study_in_its_language(client, karlstad, language):
    """CSV, XLSX and JSON give the same row: codes, names, themes and links in its language."""
    page = karlstad[0] if language == "sv" else karlstad[1]
    path, theme, url = LANGUAGES[language]
    build()
    rows = {
        "csv": csv_rows(client.get(path)),
        "xlsx": xlsx_rows(client.get(path.replace(".csv", ".xlsx"))),
    }
    for name, found in rows.items():
        assert len(found) == 1, name
        row = found[0]
        assert str(row["id"]) == str(page.pk)
        assert row["title"] == page.title
        assert row["url"] == url
        assert row["language"] == language
        assert row["municipalities"] == "Karlstad; Kristinehamn"
        assert row["municipality_codes"] == "1780; 1781"
        assert row["county_codes"] == "17"
        assert row["themes"] == theme
        assert row["theme_slugs"] == "klimatkontrakt"
        assert row["partners"] == "Karlstads Energi AB"
        assert row["status"] == "completed"
        assert str(row["start_year"]) == "2019" and str(row["end_year"]) == "2023"
        assert str(row["ghg_reduction_t_co2e_per_year"]) == "1200"
        assert row["energy_saved_mwh_per_year"] in ("", None)
    [item] = json_file(client.get(path.replace(".csv", ".json")))["rows"]
    assert item["id"] == page.pk
    assert item["title"] == page.title
    assert item["url"] == url
    assert item["municipality_codes"] == ["1780", "1781"]
    assert item["county_codes"] == ["17"]
    assert item["counties"] == ["Värmlands län" if language == "sv" else "Värmland County"]
    assert item["themes"] == [theme]
    assert item["start_year"] == 2019
    assert item["translation_key"] == str(karlstad[0].translation_key)
    assert item["key_figures"] == ["40 lokala aktörer" if language == "sv" else "40 local actors"]
    assert item["ghg_reduction_t_co2e_per_year"] == 1200
    assert item["investment_sek"] is None
    assert item["impact_figure_sources"] == (
        ["Minskade utsläpp av växthusgaser (2019–2023): Kommunens uppföljning."]
        if language == "sv"
        else ["Greenhouse gas reduction (2019–2023): The municipality's report."]
    )


def test_text_that_would_run_as_a_formula_arrives_as_text(client, library):
    """Cells starting with = + - @ are shown as text in CSV and XLSX; JSON keeps them as typed."""
    titles = ['=HYPERLINK("http://example.com")', "+46 kontrakt", "-Minus", "@SUM(A1)"]
    for number, title in enumerate(titles):
        case_study(library, title, slug=f"formel-{number}", summary="=1+1")
    build()
    csv_titles = {row["title"] for row in csv_rows(client.get(SV_CSV))}
    assert csv_titles == {f"'{title}" for title in titles}
    sheet = workbook(client.get("/sv/oppna-data/exempel.xlsx")).active
    cells = [row[2] for row in sheet.iter_rows(min_row=2)]  # the title column
    assert {cell.value for cell in cells} == {f"'{title}" for title in titles}
    assert {cell.data_type for cell in cells} == {"s"}
    assert all(row[3].value == "'=1+1" for row in sheet.iter_rows(min_row=2))
    rows = json_file(client.get("/sv/oppna-data/exempel.json"))["rows"]
    assert {row["title"] for row in rows} == set(titles)


def test_the_licence_is_in_every_file_and_on_the_page(client, karlstad, open_data_page):
    """CC BY 4.0 in the JSON, the XLSX properties, the data package and on the page."""
    build()
    document = json_file(client.get("/en/open-data/case-studies.json"))
    assert document["license"]["name"] == "CC-BY-4.0"
    assert document["license"]["path"] == "https://creativecommons.org/licenses/by/4.0/"
    properties = workbook(client.get("/sv/oppna-data/exempel.xlsx"))
    custom = {prop.name: prop.value for prop in properties.custom_doc_props.props}
    assert custom["License"] == "CC-BY-4.0"
    assert custom["License URL"] == "https://creativecommons.org/licenses/by/4.0/"
    assert "CC BY 4.0" in properties.properties.description
    assert properties.properties.language == "sv"

    package = client.get("/sv/oppna-data/datapackage.json").json()
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    csv_resource = next(r for r in package["resources"] if r["path"].endswith("/exempel.csv"))
    assert csv_resource["path"] == "http://testserver/sv/oppna-data/exempel.csv"
    assert csv_resource["rows"] == 1
    names = [field["name"] for field in csv_resource["schema"]["fields"]]
    assert names[:3] == ["id", "translation_key", "title"]
    assert "municipality_codes" in names and "county_codes" in names

    for path, deed, words in [
        ("/sv/oppna-data/", "deed.sv", "Läs licensen"),
        ("/en/open-data/", "deed.en", "Read the licence"),
    ]:
        response = client.get(path)
        assert response.status_code == 200
        page = response.content.decode()
        assert f'href="https://creativecommons.org/licenses/by/4.0/{deed}" rel="license"' in page
        assert words in page
        assert "municipality_codes" in page  # the columns are described
    sv_page = client.get("/sv/oppna-data/").content.decode()
    assert 'href="/sv/oppna-data/exempel.csv"' in sv_page
    assert 'href="/sv/oppna-data/evenemang.xlsx"' in sv_page
    assert "<title>Öppna data" in sv_page
    en_page = client.get("/en/open-data/").content.decode()
    assert 'href="/en/open-data/case-studies.json"' in en_page


def test_a_file_not_built_yet_asks_to_come_back_and_queues_one_build(client, home):
    """503 with Retry-After, never cached; asking twice queues one build."""
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from hub.open_data.tasks import build_open_data_task

    for _attempt in range(2):
        response = client.get(SV_CSV)
        assert response.status_code == 503
        assert response["Retry-After"] == "60"
        assert "no-store" in response["Cache-Control"]
    waiting = DBTaskResult.objects.filter(
        task_path=build_open_data_task.module_path, status=TaskResultStatus.READY
    )
    assert waiting.count() == 1


def test_files_answer_conditional_requests_and_any_site_may_read_them(client, karlstad):
    """ETag and Last-Modified; a matching request gets a 304; CORS allows every origin."""
    build()
    response = client.get(SV_CSV)
    body(response)
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "public" in response["Cache-Control"] and "s-maxage" in response["Cache-Control"]
    again = client.get(SV_CSV, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    since = client.get(SV_CSV, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert since.status_code == 304


@pytest.mark.parametrize(
    "path", ["/sv/oppna-data/exempel.txt", "/sv/oppna-data/okand.csv", "/en/open-data/exempel.csv"]
)
def test_unknown_files_are_not_found(client, home, path):
    assert client.get(path).status_code == 404


def test_queries_of_the_page_and_the_files_stay_bounded(client, karlstad, open_data_page):
    """However many rows the files hold, serving them reads one row per file."""
    build()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(SV_CSV)
        body(response)
    assert len(queries) == 1, [q["sql"] for q in queries]  # the file's row
    # The content version, the page itself (its address is remembered, hub/serving.py) and
    # the files' rows of its language, whatever the number of rows in the files.
    assert count_queries(client, "/sv/oppna-data/") == 3
    with CaptureQueriesContext(connection) as queries:
        client.get("/sv/oppna-data/datapackage.json")
    assert len(queries) == 1  # the files' rows of its language


def test_deleting_the_page_leaves_the_files_at_their_addresses(client, karlstad, open_data_page):
    """The files' addresses do not depend on the page, which editors may move or rename."""
    build()
    Page.objects.filter(pk=open_data_page.pk).delete()
    assert client.get(SV_CSV).status_code == 200


def test_an_editor_adds_the_open_data_page_in_the_admin(client, editor, home):
    """Made through the admin's form below the home page, it shows the editor's text and says
    the files are being built until they are."""
    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

    form = nested_form_data(
        {
            "title": "Öppna data",
            "slug": "oppna-data",
            "introduction": "Hämta allt vi har.",
            "body": streamfield([("paragraph", rich_text("<p>Ange källan.</p>"))]),
            "action-publish": "publish",
        }
    )
    response = client.post(f"/admin/pages/add/hub/opendatapage/{home.pk}/", form)
    assert response.status_code == 302
    assert OpenDataPage.objects.get(slug="oppna-data").live
    client.logout()
    page = client.get("/sv/oppna-data/").content.decode()
    assert "Hämta allt vi har." in page and "Ange källan." in page
    assert "Byggs just nu; försök igen om en minut." in page
    # Only one per home page.
    client.force_login(editor)
    assert client.get(f"/admin/pages/add/hub/opendatapage/{home.pk}/").status_code != 200


def test_the_files_are_read_only(client, karlstad):
    """A POST to a file or the data package is refused; HEAD answers like GET, without a body."""
    build()
    assert client.post(SV_CSV).status_code == 405
    assert client.post("/sv/oppna-data/datapackage.json").status_code == 405
    head = client.head(SV_CSV)
    assert head.status_code == 200
    assert head["Content-Type"] == "text/csv; charset=utf-8"
