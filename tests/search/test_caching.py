"""A search's candidates and excerpts kept between requests, and given up when a page changes."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from casestudies.models import CaseStudyPage
from search import caching
from tests.factories import CaseStudyIndexPageFactory, case_study
from tests.utils import index_pages, organic_results

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(home):
    return CaseStudyIndexPageFactory(parent=home)


def titles(client, query):
    page = client.get("/sv/sok/", query).content.decode()
    return [title for _url, title in organic_results(page)]


def queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        client.get(path)
    return [query["sql"] for query in captured.captured_queries]


@pytest.mark.usefixtures("each_cache")
def test_a_repeated_search_reuses_its_candidates_and_excerpts(client, library):
    """The second request reads neither the search entries nor the indexed text."""
    case_study(library, "Solkraft i Lund", summary="Solkraft på skolans tak.")
    index_pages(CaseStudyPage)
    path = "/sv/sok/?q=solkraft"
    first = queries(client, path)
    again = queries(client, path)
    assert any("search_searchentry" in sql for sql in first)
    assert not any("search_searchentry" in sql or "indexentry" in sql for sql in again)
    assert "<mark>Solkraft</mark>" in client.get(path).content.decode()


@pytest.mark.usefixtures("each_cache")
def test_publishing_unpublishing_and_deleting_show_at_once(
    client, library, django_capture_on_commit_callbacks
):
    """A kept search never outlives a change to the pages it found."""
    lund = case_study(library, "Solkraft i Lund")
    index_pages(CaseStudyPage)
    assert titles(client, {"q": "solkraft"}) == ["Solkraft i Lund"]

    with django_capture_on_commit_callbacks(execute=True):
        malmo = case_study(library, "Solkraft i Malmö")
        malmo.save_revision().publish()
    assert set(titles(client, {"q": "solkraft"})) == {"Solkraft i Lund", "Solkraft i Malmö"}

    with django_capture_on_commit_callbacks(execute=True):
        malmo.unpublish()
    assert titles(client, {"q": "solkraft"}) == ["Solkraft i Lund"]

    token = caching.current()
    lund.delete()
    assert caching.current() != token
    assert titles(client, {"q": "solkraft"}) == []
