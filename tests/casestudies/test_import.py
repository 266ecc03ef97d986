"""Importing case studies from a spreadsheet with `manage.py import_case_studies`."""

import io

import openpyxl
import pytest

from django.core.management import CommandError, call_command
from django.utils import translation

from wagtail.models import Revision

from casestudies.importing import reading
from casestudies.models import CaseStudyPage
from tests.casestudies.import_files import csv_file, imported, row, rows, xlsx_file
from tests.factories import (
    CaseStudyIndexPageFactory,
    OrganisationFactory,
    ThemeFactory,
    locale,
    translation_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def vocabulary(library, themes):
    """The library, its themes and a partner the files name."""
    OrganisationFactory(name="Energimyndigheten")
    return library


@pytest.fixture
def run(tmp_path):
    """Run the command on a file with `content`; (stdout, stderr), or CommandError raised."""

    def command(content, *args, name="case-studies.csv"):
        path = tmp_path / name
        path.write_bytes(content)
        out, err = io.StringIO(), io.StringIO()
        try:
            with translation.override("en"):
                call_command("import_case_studies", str(path), *args, stdout=out, stderr=err)
        except CommandError as error:
            error.stderr = err.getvalue()
            raise
        return out.getvalue(), err.getvalue()

    return command


def revisions():
    return Revision.page_revisions.filter(
        object_id__in=[str(pk) for pk in imported().values_list("pk", flat=True)]
    )


def test_rows_import_as_drafts_and_again_without_duplicates(vocabulary, run):
    """120 rows (three chunks) become 120 drafts with a revision each; the same file again
    changes nothing. The admin's test imports 500 (test_import_admin.py)."""
    out, _err = run(csv_file(rows(120)))
    assert "[##############################] 120/120 rows written" in out
    assert "120 new" in out
    assert imported().count() == 120
    assert not imported().filter(live=True).exists()
    assert revisions().count() == 120
    assert set(imported().values_list("path", flat=True)) == {
        page.path for page in CaseStudyPage.objects.child_of(vocabulary)
    }

    page = imported().get(external_id="nv-00012")
    assert page.title == "Exempel 12: solceller på skolor"
    assert page.locale.language_code == "sv"
    # "0581; Norrköping" names one municipality twice.
    assert [m.code for m in page.municipalities.all()] == ["0581"]
    assert [link.theme.slug for link in page.case_study_themes.all()] == ["industriell-symbios"]
    assert [o.name for o in page.partners.all()] == ["Energimyndigheten"]
    assert (page.start_year, page.end_year, page.status) == (2010, 2022, "completed")
    assert [dict(block.value) for block in page.key_figures] == [
        {"value": "12", "unit": "st", "label": "skolor"},
        {"value": "40", "unit": "", "label": "lokala aktörer"},
    ]
    assert [block.value["url"] for block in page.external_links] == ["https://example.org/12"]
    assert sorted(tag.name for tag in page.tags.all()) == ["skolor", "solenergi"]

    out, _err = run(csv_file(rows(120)))
    assert "120 unchanged" in out
    assert imported().count() == 120
    assert revisions().count() == 120


def test_places_themes_and_statuses_by_code_name_or_slug(vocabulary, run):
    """Municipalities by code or name, themes by name or slug, statuses in either language."""
    run(
        csv_file(
            [
                row(1, municipalities="0581; Linköping", themes="Energicoachning; klimatkontrakt"),
                row(2, municipalities="umeå", status="Avslutat", end_year="2023"),
            ]
        )
    )
    first, second = imported().order_by("external_id")
    assert sorted(m.name for m in first.municipalities.all()) == ["Linköping", "Norrköping"]
    assert [link.theme.slug for link in first.case_study_themes.all()] == [
        "energicoachning",
        "klimatkontrakt",
    ]
    assert [m.code for m in second.municipalities.all()] == ["2480"]
    assert second.status == "completed"


def test_publish_makes_the_pages_live_in_the_library(vocabulary, run, client):
    """With --publish the imported case studies are live and listed in the library."""
    run(csv_file(rows(3)), "--publish")
    assert imported().filter(live=True).count() == 3
    html = client.get("/sv/exempel/").content.decode()
    assert "Exempel 2: solceller på skolor" in html


def test_a_changed_row_updates_its_page_with_one_new_revision(vocabulary, run):
    """Only the changed row gets a revision, and the dry run names the changed fields."""
    run(csv_file(rows(3)), "--publish")
    changed = rows(3)
    changed[1]["summary"] = "Ny sammanfattning."
    changed[1]["tags"] = "solenergi"

    out, _err = run(csv_file(changed), "--dry-run")
    assert "row 3 nv-00002: updated (summary, tags)" in out
    assert imported().get(external_id="nv-00002").summary != "Ny sammanfattning."

    out, _err = run(csv_file(changed), "--publish")
    assert "1 updated" in out and "2 unchanged" in out
    page = imported().get(external_id="nv-00002")
    assert page.summary == "Ny sammanfattning."
    assert [tag.name for tag in page.tags.all()] == ["solenergi"]
    assert page.revisions.count() == 2
    assert imported().get(external_id="nv-00001").revisions.count() == 1


def test_an_editors_draft_is_kept_under_the_imported_changes(vocabulary, run):
    """A re-import builds on the editor's unpublished draft instead of the live page."""
    run(csv_file(rows(1)), "--publish")
    page = imported().get()
    page.results = "<p>Redaktörens utkast.</p>"
    page.save_revision()

    run(csv_file([row(1, title="Ny titel")]))
    page = imported().get()
    assert page.live and page.title == "Exempel 1: solceller på skolor"
    draft = page.get_latest_revision_as_object()
    assert (draft.title, draft.results) == ("Ny titel", "<p>Redaktörens utkast.</p>")


def test_dry_run_writes_nothing(vocabulary, run):
    """A dry run reports the new rows and creates no page."""
    out, _err = run(csv_file(rows(4)), "--dry-run")
    assert "Would import 4 rows" in out and "4 new" in out
    assert not imported().exists()


def test_a_broken_file_writes_nothing_and_names_every_problem(vocabulary, run):
    """Each problem is reported by row and column, and no row is written."""
    records = rows(8)
    records[1]["municipalities"] = "Gotham"
    records[2]["themes"] = "Okänt tema"
    records[3]["start_year"] = "tjugotjugo"
    records[4]["title"] = ""
    records[5]["external_id"] = records[0]["external_id"]
    records[6]["end_year"] = "2005"
    content = csv_file(records)
    # Row 9 in a spreadsheet saved as Windows-1252, not UTF-8.
    content = content.replace(records[7]["summary"].encode(), "Växjö".encode("cp1252"))

    with pytest.raises(CommandError) as raised:
        run(content)
    report = raised.value.stderr
    assert "row 3, municipalities: Unknown municipality code or name “Gotham”." in report
    assert "row 4, themes: Unknown theme “Okänt tema”." in report
    assert "row 5, start_year: “tjugotjugo” is not a year from 1990 to 2100." in report
    assert "row 6, title: The title is missing." in report
    assert "row 7, external_id: The external id “nv-00001” is on row 2 already." in report
    assert "row 8, end_year: The end year cannot be before the start year." in report
    assert "row 9, summary: Wrong encoding" in report
    assert "7 problems; nothing was written" in str(raised.value)
    assert not imported().exists()


def test_missing_columns_are_named(vocabulary, run):
    """A file without required columns is refused, naming each of them."""
    with pytest.raises(CommandError) as raised:
        run(csv_file(rows(2), keys=["external_id", "title", "municipality"]))
    assert "file" not in raised.value.stderr.split(",")[0]
    for column in ("summary", "themes"):
        assert f"row 1, {column}: The column is missing." in raised.value.stderr
    assert not imported().exists()


def test_xlsx_and_swedish_csv_import_alike(vocabulary, run):
    """An Excel workbook and a semicolon-separated CSV without BOM give the same pages."""
    run(xlsx_file(rows(2)), name="exempel.xlsx")
    run(csv_file(rows(2, start=3), delimiter=";", encoding="utf-8"))
    assert sorted(imported().values_list("external_id", flat=True)) == [
        "nv-00001",
        "nv-00002",
        "nv-00003",
        "nv-00004",
    ]
    assert imported().get(external_id="nv-00001").start_year == 2011


def formula_workbook():
    workbook = openpyxl.Workbook()
    workbook.active.append(list(row(1)))
    workbook.active.append(
        [*list(row(1).values())[:2], "=CONCAT(A2, B2)", *list(row(1).values())[3:]]
    )
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.csv", b"", "The file is empty."),
        ("picture.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "This is not a CSV text file."),
        ("notes.txt", b"hej", "Choose a CSV (.csv) or Excel (.xlsx) file."),
        ("secret.xlsx", reading.OLE_MAGIC + b"\x00" * 500, "password-protected"),
        ("broken.xlsx", b"PK\x03\x04 not really a zip", "damaged"),
        ("header.csv", b"\n\n", "The first row must name the columns"),
        ("formula.xlsx", None, "row 2, summary: A formula: replace it with its value"),
    ],
)
def test_files_that_are_not_spreadsheets_get_a_clear_message(
    vocabulary, run, name, content, message
):
    """Empty, foreign, encrypted, damaged or formula-holding files are refused with a reason."""
    with pytest.raises(CommandError) as raised:
        run(content if content is not None else formula_workbook(), name=name)
    assert message in raised.value.stderr
    assert not imported().exists()


def test_too_many_rows_are_refused(vocabulary, run, monkeypatch):
    """A file past the row limit is refused as a whole, before any row is checked."""
    monkeypatch.setattr(reading, "MAX_ROWS", 5)
    with pytest.raises(CommandError) as raised:
        run(csv_file(rows(6)))
    assert "more than 5 rows" in raised.value.stderr
    assert not imported().exists()


def test_english_library_takes_english_themes(vocabulary, run, home_en):
    """Rows go below the chosen language's library, with that language's themes."""
    translation_of(vocabulary, "en", CaseStudyIndexPageFactory, slug="case-studies")
    ThemeFactory(name="Climate contracts", slug="climate-contracts", locale=locale("en"))
    run(csv_file([row(1, themes="Climate contracts")]), "--locale", "en")
    page = imported().get()
    assert page.locale.language_code == "en"
    assert page.get_parent().slug == "case-studies"
