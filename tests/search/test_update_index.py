import io
from datetime import timedelta

import pytest

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from casestudies.models import CaseStudyPage
from events.models import EventPage
from hub.models import Organisation, StandardPage
from hub.newsletters.pages import NewsletterIssuePage
from tests.factories import (
    CaseStudyIndexPageFactory,
    EventIndexPageFactory,
    NewsletterIndexPageFactory,
    NewsletterIssuePageFactory,
    OrganisationFactory,
    StandardPageFactory,
    ThemeFactory,
    case_study,
    event,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def every_page_type(home):
    """One page of each content type, each with a word no other page has."""
    theme = ThemeFactory(name="Vattenrening")
    partner = OrganisationFactory(name="Kustbolaget")
    studies = CaseStudyIndexPageFactory(parent=home)
    case_study(
        studies, "Zinkfri hamn", themes=[theme], partners=[partner], tags=["hamnar"], body=[]
    )
    events = EventIndexPageFactory(parent=home)
    event(events, "Xenonkväll", timezone.now() + timedelta(days=3), themes=[theme])
    archive = NewsletterIndexPageFactory(parent=home)
    NewsletterIssuePageFactory(
        parent=archive, title="Nyhetsbrev om yllevantar", issue_date="2025-01-10", number=1
    )
    StandardPageFactory(parent=home, title="Om kvittohantering", slug="om-kvitton")


def search_titles(words):
    pages = Page.objects.live().specific().search(words, backend="default")
    return {page.title for page in pages}


def test_update_index_prints_progress_and_indexes_every_page_type(every_page_type):
    """update_index rebuilds an emptied index, a line a chunk, and every page type is found."""
    get_search_backend().reset_indexes()
    assert search_titles("zinkfri") == set()

    out = io.StringIO()
    call_command("update_index", chunk_size=1, stdout=out)

    output = out.getvalue()
    assert "casestudies.CaseStudyPage" in output
    assert "1/1 indexed" in output  # one line per chunk, the count done of the total
    assert "events.EventPage" in output
    assert "default: done in" in output
    assert search_titles("zinkfri") == {"Zinkfri hamn"}
    assert search_titles("xenonkväll") == {"Xenonkväll"}
    assert search_titles("yllevantar") == {"Nyhetsbrev om yllevantar"}
    assert search_titles("kvittohantering") == {"Om kvittohantering"}
    # Relations are read by update_index itself: the theme, partner and tag names.
    assert search_titles("kustbolaget") == {"Zinkfri hamn"}
    assert "Xenonkväll" in search_titles("vattenrening")


def test_update_index_schema_only_indexes_nothing(every_page_type):
    """--schema-only keeps Wagtail's meaning: the index is prepared, no objects are added."""
    get_search_backend().reset_indexes()
    out = io.StringIO()
    call_command("update_index", schema_only=True, stdout=out)
    assert "indexed 0 objects" in out.getvalue()
    assert search_titles("zinkfri") == set()


def extraction_queries(model):
    """Queries to read a chunk of `model`'s indexed objects and every value its index holds."""
    backend = get_search_backend()
    index = backend.get_index_for_model(model)
    with CaptureQueriesContext(connection) as queries:
        objects = list(model.get_indexed_objects().order_by("pk"))
        for obj in objects:
            indexer = index_indexer(index, obj, backend)
            indexer.title, indexer.body, indexer.autocomplete  # noqa: B018 (read to extract)
    return len(objects), len(queries)


def index_indexer(index, obj, backend):
    """The object indexer the backend's index uses for `obj`."""
    if connection.vendor == "postgresql":
        return index.indexer_class(obj, backend, "sv")
    return index.indexer_class(obj, backend)


def add_case_studies(parent, count, start):
    theme, partner = ThemeFactory(), OrganisationFactory()
    for number in range(start, start + count):
        case_study(
            parent,
            f"Fall {number}",
            municipalities=("1280", "0180"),
            themes=[theme],
            partners=[partner],
            tags=[f"tagg{number}", "delad"],
        )


def add_events(parent, count, start):
    theme, organiser = ThemeFactory(), OrganisationFactory()
    for number in range(start, start + count):
        event(
            parent,
            f"Träff {number}",
            timezone.now() + timedelta(days=number),
            themes=[theme],
            municipalities=("1280",),
            organisers=[organiser],
        )


@pytest.mark.parametrize(
    ("model", "index_factory", "add"),
    [
        (CaseStudyPage, CaseStudyIndexPageFactory, add_case_studies),
        (EventPage, EventIndexPageFactory, add_events),
    ],
)
def test_indexing_queries_do_not_grow_with_the_objects(home, model, index_factory, add):
    """Reading a chunk and extracting its fields takes the same queries for 2 or 6 objects."""
    parent = index_factory(parent=home)
    add(parent, 2, start=0)
    few, few_queries = extraction_queries(model)
    add(parent, 4, start=2)
    many, many_queries = extraction_queries(model)
    assert (few, many) == (2, 6)
    # The pages; then one prefetch each for the theme links and their themes, the
    # municipalities and their counties, the partners or organisers, the tags (plus the
    # event types, joined to the events).
    assert many_queries == few_queries <= 8


def test_newsletter_and_snippets_extract_in_bounded_queries(home):
    """Issues and organisations read their relations in a query per relation, not per object."""
    archive = NewsletterIndexPageFactory(parent=home)
    for number in range(3):
        NewsletterIssuePageFactory(
            parent=archive, issue_date="2025-01-10", number=number + 1, tags=["klimat", "energi"]
        )
    OrganisationFactory.create_batch(3)
    count, queries = extraction_queries(NewsletterIssuePage)
    assert count == 3
    assert queries <= 2  # the issues, their tags
    count, queries = extraction_queries(Organisation)
    assert count >= 3
    assert queries == 1
    count, queries = extraction_queries(StandardPage)
    assert queries == 1
