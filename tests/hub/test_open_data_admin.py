"""Editors download the open data from the admin, filtered; writers may not."""

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from hub import roles
from tests.factories import case_study, event, locale
from tests.utils import local

pytestmark = pytest.mark.django_db

URL = "/admin/open-data/"


@pytest.fixture
def sign_in(client):
    """Sign in as a new member of the named group (not a superuser)."""

    def member(name):
        roles.ensure_roles(apps)
        user = get_user_model().objects.create_user(name, f"{name}@example.org", "losen")
        user.groups.set(Group.objects.filter(name=name))
        client.force_login(user)
        return user

    return member


@pytest.fixture
def case_studies(library, themes):
    case_study(library, "Klimatkontrakt i Karlstad", slug="karlstad", themes=[themes["kontrakt"]])
    case_study(
        library,
        "Symbios i Sotenäs",
        slug="sotenas",
        municipalities=("1427",),
        themes=[themes["symbios"]],
        status="completed",
        end_year=2022,
    )


def streamed(response):
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content)


def download(client, dataset, **choices):
    params = {"dataset": dataset, **{f"{dataset}-{name}": v for name, v in choices.items()}}
    return client.get(URL, params)


def test_an_editor_finds_the_downloads_in_the_reports_menu(client, sign_in, case_studies):
    sign_in(roles.EDITORS)
    page = client.get(URL).content.decode()
    assert "<h2" in page and "Exempel" in page and "Evenemang" in page
    assert 'name="case_studies-theme"' in page
    assert URL in client.get("/admin/").content.decode()


def test_an_editor_downloads_case_studies_filtered_by_theme(client, sign_in, case_studies):
    """Only the chosen theme's case studies, as the public CSV has them."""
    sign_in(roles.EDITORS)
    response = download(
        client, "case_studies", language="sv", format="csv", theme="industriell-symbios"
    )
    assert response["Content-Disposition"] == 'attachment; filename="exempel.csv"'
    rows = list(csv.DictReader(io.StringIO(streamed(response).decode("utf-8-sig"))))
    assert [row["title"] for row in rows] == ["Symbios i Sotenäs"]
    assert rows[0]["municipality_codes"] == "1427"


def test_an_editor_downloads_by_municipality_and_status_as_xlsx_and_json(
    client, sign_in, case_studies
):
    sign_in(roles.EDITORS)
    response = download(client, "case_studies", language="sv", format="xlsx", municipality="1780")
    sheet = load_workbook(io.BytesIO(streamed(response))).active
    assert [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        "Klimatkontrakt i Karlstad"
    ]
    response = download(client, "case_studies", language="sv", format="json", status="completed")
    document = json.loads(streamed(response))
    assert [row["title"] for row in document["rows"]] == ["Symbios i Sotenäs"]
    assert document["license"]["name"] == "CC-BY-4.0"


def test_an_editor_downloads_events(client, sign_in, home):
    from tests.factories import EventIndexPageFactory

    calendar = EventIndexPageFactory(parent=home)
    event(calendar, "Webbfika om solel", local(2026, 3, 4, 9), municipalities=("0180",))
    sign_in(roles.EDITORS)
    response = download(client, "events", language="sv", format="csv")
    [row] = csv.DictReader(io.StringIO(streamed(response).decode("utf-8-sig")))
    assert row["title"] == "Webbfika om solel"
    assert row["start"] == "2026-03-04T09:00:00+01:00"
    assert row["county_codes"] == "01"


def test_bad_choices_show_the_form_again(client, sign_in, case_studies):
    """A made-up value is a form error, never a 500 and never a file."""
    sign_in(roles.EDITORS)
    response = download(client, "case_studies", language="xx", format="pdf", theme="nej")
    assert response.status_code == 200
    assert "Välj i listorna." in response.content.decode()
    assert client.get(URL, {"dataset": "okand"}).status_code == 200


def test_the_english_file_lists_the_english_pages(client, sign_in, case_studies):
    locale("en")
    sign_in(roles.EDITORS)
    response = download(client, "case_studies", language="en", format="csv")
    assert response["Content-Disposition"] == 'attachment; filename="case-studies.csv"'
    assert list(csv.DictReader(io.StringIO(streamed(response).decode("utf-8-sig")))) == []


@pytest.mark.parametrize("group", [roles.WRITERS, roles.TRANSLATORS])
def test_writers_and_translators_may_not_download(client, sign_in, case_studies, group):
    sign_in(group)
    response = download(client, "case_studies", language="sv", format="csv")
    assert response.status_code == 302
    assert not hasattr(response, "streaming_content")
    assert URL not in client.get("/admin/").content.decode()
