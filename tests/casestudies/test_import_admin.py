"""Importing case studies in the admin: upload, progress, report, templates and who may."""

import csv
import io

import openpyxl
import pytest

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.models import Revision
from wagtail.users.models import UserProfile

from casestudies.importing import views
from casestudies.importing.columns import KEYS
from casestudies.importing.jobs import ImportJob
from hub import roles
from tests.casestudies.import_files import csv_file, imported, rows, xlsx_file
from tests.factories import OrganisationFactory
from tests.utils import run_worker

pytestmark = pytest.mark.django_db

IMPORT = "/admin/case-study-import/"
REFRESH = '<meta http-equiv="refresh"'


@pytest.fixture
def vocabulary(library, themes):
    """The library, its themes and a partner the files name."""
    OrganisationFactory(name="Energimyndigheten")
    return library


def upload(client, library, content, name="exempel.csv", mode="draft"):
    """Post the import form; the address of the job's progress page."""
    response = client.post(
        IMPORT,
        {"file": SimpleUploadedFile(name, content), "library": library.pk, "mode": mode},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return response.url


def revision_count():
    ids = [str(pk) for pk in imported().values_list("pk", flat=True)]
    return Revision.page_revisions.filter(object_id__in=ids).count()


@pytest.mark.django_db(transaction=True)
def test_500_rows_import_in_the_worker_with_progress_then_again_without_duplicates(
    client, editor, vocabulary
):
    """The upload queues the import; the page shows progress, then the report; the same file
    again changes nothing and makes no revision."""
    status = upload(client, vocabulary, xlsx_file(rows(500)), name="exempel.xlsx")
    html = client.get(status).content.decode()
    assert REFRESH in html
    assert "Väntar på bakgrundsarbetaren" in html
    assert not imported().exists()

    run_worker()
    html = client.get(status).content.decode()
    assert REFRESH not in html
    assert "500 rader i filen" in html and "500 nya exempel" in html
    assert imported().count() == 500
    assert not imported().filter(live=True).exists()
    assert revision_count() == 500
    assert ImportJob.objects.get().content is None  # the file is let go once written

    status = upload(client, vocabulary, xlsx_file(rows(500)), name="exempel.xlsx")
    run_worker()
    html = client.get(status).content.decode()
    assert "500 oförändrade" in html
    assert imported().count() == 500
    assert revision_count() == 500


def test_progress_page_counts_rows_written(client, editor, vocabulary):
    """While the worker writes, the page shows rows done of rows to write and reloads itself."""
    job = ImportJob.objects.create(
        user=editor,
        library=vocabulary,
        file_name="exempel.csv",
        mode=ImportJob.Mode.DRAFT,
        status=ImportJob.Status.WRITING,
        done=150,
        total=500,
    )
    html = client.get(f"{IMPORT}{job.pk}/").content.decode()
    assert '<progress max="500" value="150">' in html
    assert "150 av 500 rader skrivna." in html
    assert f'{REFRESH} content="2">' in html


@pytest.mark.django_db(transaction=True)
def test_dry_run_then_import_without_uploading_again(client, editor, vocabulary):
    """A dry run lists what would change and writes nothing; its button imports the file."""
    status = upload(client, vocabulary, csv_file(rows(3)), mode="dry_run")
    run_worker()
    html = client.get(status).content.decode()
    assert "Vad en import av filen skulle göra" in html
    assert "3 nya exempel" in html and "nv-00003" in html
    assert not imported().exists()

    response = client.post(status, {"mode": "publish"})
    run_worker()
    html = client.get(response.url).content.decode()
    assert "3 nya exempel" in html
    assert imported().filter(live=True).count() == 3


@pytest.mark.django_db(transaction=True)
def test_a_broken_file_is_refused_with_every_problem_by_row_and_column(client, editor, vocabulary):
    """Unknown places and themes, bad years, duplicate ids and missing titles: all listed."""
    records = rows(5)
    records[0]["municipalities"] = "9999"
    records[1]["themes"] = "Rymdfart"
    records[2]["start_year"] = "1850"
    records[3]["external_id"] = records[0]["external_id"]
    records[4]["title"] = ""
    status = upload(client, vocabulary, csv_file(records))
    run_worker()
    html = client.get(status).content.decode()
    assert "5 problem: ingenting skrevs" in html
    problems = [
        ("2", "municipalities", "Okänd kommunkod eller kommun ”9999”."),
        ("3", "themes", "Okänt tema ”Rymdfart”."),
        ("4", "start_year", "”1850” är inte ett år från 1990 till 2100."),
        ("5", "external_id", "Det externa id:t ”nv-00001” finns redan på rad 2."),
        ("6", "title", "Titeln saknas."),
    ]
    for row, column, message in problems:
        assert f"<td>{row}</td><td><code>{column}</code></td><td>{message}</td>" in html
    assert not imported().exists()
    assert ImportJob.objects.get().status == ImportJob.Status.REFUSED


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_templates_open_and_import_as_no_rows(client, editor, vocabulary, kind):
    """Each template names every column and imports as zero rows without a problem."""
    response = client.get(f"{IMPORT}template.{kind}")
    assert response.status_code == 200
    assert f'filename="case-studies.{kind}"' in response["Content-Disposition"]
    if kind == "csv":
        header = next(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    else:
        workbook = openpyxl.load_workbook(io.BytesIO(response.content))
        header = [cell.value for cell in workbook.worksheets[0][1]]
        assert workbook.worksheets[1]["A2"].value == "external_id"
    assert header == KEYS

    status = upload(client, vocabulary, response.content, name=f"mall.{kind}", mode="dry_run")
    run_worker()
    html = client.get(status).content.decode()
    assert "0 rader i filen" in html and "problem" not in html.split("<main", 1)[-1].lower()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("exempel.pdf", b"%PDF-1.4", "Välj en CSV-fil (.csv) eller Excelfil (.xlsx)."),
        ("stor.csv", b"x" * 2048, "Filen är större än 0 MB"),
    ],
)
def test_the_form_refuses_other_files_and_large_ones(
    client, editor, vocabulary, monkeypatch, name, content, message
):
    """A file of another kind, or past the size limit, is refused on the form itself."""
    monkeypatch.setattr(views, "MAX_BYTES", 1024)
    response = client.post(
        IMPORT,
        {"file": SimpleUploadedFile(name, content), "library": vocabulary.pk, "mode": "draft"},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ImportJob.objects.exists()


def test_nobody_sees_another_editors_import(client, editor, vocabulary):
    """The progress page of someone else's import is not found."""
    other = get_user_model().objects.create_superuser("annan", "annan@example.org", "losen")
    job = ImportJob.objects.create(
        user=other, library=vocabulary, file_name="hemlig.csv", mode=ImportJob.Mode.DRAFT
    )
    # The hub's LocaleMiddleware first tries the address with a language prefix.
    assert client.get(f"{IMPORT}{job.pk}/", follow=True).status_code == 404


@pytest.mark.parametrize(
    ("group", "allowed"),
    [
        (roles.ADMINISTRATORS, True),
        (roles.EDITORS, True),
        (roles.WRITERS, False),
        (roles.TRANSLATORS, False),
        (roles.NEWSLETTER_SENDERS, False),
    ],
)
def test_only_those_who_publish_case_studies_import(client, vocabulary, group, allowed):
    """Editors and administrators find the import in the menu; other roles cannot open it."""
    roles.ensure_roles(apps)
    user = get_user_model().objects.create_user("medlem", "medlem@example.org", "losen")
    user.groups.set(Group.objects.filter(name=group))
    UserProfile.get_for_user(user)
    client.force_login(user)

    assert (IMPORT in client.get("/admin/").content.decode()) is allowed
    response = client.get(IMPORT)
    if allowed:
        assert response.status_code == 200
        assert "Importera exempel" in response.content.decode()
    else:
        assert response.status_code == 302
    assert (client.get(f"{IMPORT}template.csv").status_code == 200) is allowed
