import re
from datetime import date

import feedparser
import pytest

from tests.factories import NewsletterIssuePageFactory, ThemeFactory, case_study
from tests.utils import count_queries

pytestmark = pytest.mark.django_db
FEEDS = ("/sv/nyhetsbrev/rss/", "/sv/nyhetsbrev/atom/")


def test_archive_groups_issues_by_year_newest_first(client, issues):
    """The archive lists issues under their year, newest first."""
    html = client.get("/sv/nyhetsbrev/").content.decode()
    assert html.index('<h3 class="archive-year">2026</h3>') < html.index("Efter slutkonferensen")
    assert html.index("Efter slutkonferensen") < html.index('<h3 class="archive-year">2025</h3>')
    assert html.index("Hösten i nätverket") < html.index("Verksamhetsplanen")
    assert 'Nr 3 · <time datetime="2026-11-20">20 november 2026</time>' in html


def test_archive_paginates_and_survives_odd_page_numbers(client, archive, issues):
    """With one issue a page, page 2 shows the second newest; nonsense pages fall back."""
    archive.per_page = 1
    archive.save()
    assert "Hösten i nätverket" in client.get("/sv/nyhetsbrev/?page=2").content.decode()
    for page in ["0", "-1", "abc", "9" * 30]:
        assert client.get(f"/sv/nyhetsbrev/?page={page}").status_code == 200


def test_issue_links_to_previous_and_next(client, issues):
    """Each issue leads to the one before and the one after."""
    html = client.get("/sv/nyhetsbrev/nummer-2/").content.decode()
    assert re.search(r'href="/sv/nyhetsbrev/nummer-1/" rel="prev">.*Verksamhetsplanen', html)
    assert re.search(r'href="/sv/nyhetsbrev/nummer-3/" rel="next">.*Efter slutkonferensen', html)
    first = client.get("/sv/nyhetsbrev/nummer-1/").content.decode()
    assert 'rel="prev"' not in first


def test_featured_case_study_stays_current(client, archive, library):
    """A featured case study shows its current title and summary, also after it changes."""
    study = case_study(library, "Energicoach i Lund", themes=[ThemeFactory()])
    NewsletterIssuePageFactory(
        parent=archive,
        slug="med-exempel",
        number=4,
        issue_date="2026-11-01",
        sections=[{"type": "featured_case_study", "value": {"page": study.pk, "note": "Läs!"}}],
    )
    assert "Energicoach i Lund" in client.get("/sv/nyhetsbrev/med-exempel/").content.decode()
    study.title = "Energicoach för småföretag i Lund"
    study.summary = "Ny sammanfattning."
    study.save()
    html = client.get("/sv/nyhetsbrev/med-exempel/").content.decode()
    assert "Energicoach för småföretag i Lund" in html and "Ny sammanfattning." in html


def test_archive_query_count_does_not_grow(client, archive, issues):
    """The archive runs the same number of queries for 3 or 30 issues."""

    few = count_queries(client, "/sv/nyhetsbrev/")
    for number in range(10, 37):
        NewsletterIssuePageFactory(
            parent=archive, number=number, issue_date=f"2024-{number % 12 + 1:02d}-01"
        )
    assert count_queries(client, "/sv/nyhetsbrev/") == few
    assert few <= 20


def test_issue_feeds_parse_with_absolute_links_and_dates(client, issues):
    """RSS 2.0 and Atom feeds of the issues, newest first, with absolute links and dates."""
    for path, version in [("/sv/nyhetsbrev/rss/", "rss20"), ("/sv/nyhetsbrev/atom/", "atom10")]:
        feed = feedparser.parse(client.get(path).content)
        assert feed.version == version
        assert not feed.bozo
        assert [entry.title for entry in feed.entries] == [
            "Efter slutkonferensen",
            "Hösten i nätverket",
            "Verksamhetsplanen",
        ]
        assert feed.entries[0].link == "http://testserver/sv/nyhetsbrev/nummer-3/"
        published = feed.entries[0].get("published_parsed") or feed.entries[0].get("updated_parsed")
        assert published[:3] == (2026, 11, 20)


def test_issue_feeds_give_each_issue_its_tags(client, archive, issues):
    """A feed reader sees each issue's tags as its categories, in alphabetical order."""
    NewsletterIssuePageFactory(
        parent=archive,
        title="Vätgasnumret",
        slug="nummer-4",
        number=4,
        issue_date=date(2026, 11, 25),
        tags=["vätgas", "elfordon", "biogas"],
    )
    for path in ("/sv/nyhetsbrev/rss/", "/sv/nyhetsbrev/atom/"):
        feed = feedparser.parse(client.get(path).content)
        categories = {
            entry.title: [tag.term for tag in entry.get("tags", [])] for entry in feed.entries
        }
        assert categories == {
            "Vätgasnumret": ["biogas", "elfordon", "vätgas"],
            "Efter slutkonferensen": [],
            "Hösten i nätverket": [],
            "Verksamhetsplanen": ["klimatneutralitet"],
        }


def test_issue_feeds_run_the_same_queries_for_3_or_30_issues(client, archive, issues):
    """The content version, the archive (its address is remembered), then the issues and all
    their tags in one query each."""
    few = {path: count_queries(client, path) for path in FEEDS}
    for number in range(10, 37):
        NewsletterIssuePageFactory(
            parent=archive,
            number=number,
            issue_date=date(2024, number % 12 + 1, 1),
            tags=["klimat", f"tagg-{number}"],
        )
    assert {path: count_queries(client, path) for path in FEEDS} == few == dict.fromkeys(FEEDS, 4)


def test_pages_link_to_their_feeds(client, issues):
    """Feed readers find the feeds from the pages themselves."""
    html = client.get("/sv/nyhetsbrev/").content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in html
    assert 'href="/sv/nyhetsbrev/rss/"' in html
    assert 'href="/sv/flode/"' in client.get("/sv/").content.decode()
