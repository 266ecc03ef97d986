"""Search entries and facet keys kept in step with the pages, and searches past the candidate
limit."""

import pytest

from django.core.management import call_command
from django.db import connection

from wagtail.models import PageViewRestriction

from casestudies.models import CaseStudyPage
from hub.models import Municipality
from search.models import FacetKey, SearchEntry, SearchEntryTitle
from tests.factories import CaseStudyIndexPageFactory, ThemeFactory, case_study
from tests.utils import index_pages, organic_results

pytestmark = pytest.mark.django_db


def facet_counts(response):
    """{facet name: {option value: count}} as the page shows them."""
    return {
        facet.name: {option.value: option.count for option in facet.options}
        for facet in response.context["search"].facets
    }


@pytest.fixture
def library(home):
    return CaseStudyIndexPageFactory(parent=home)


def test_a_published_page_enters_the_facets_and_an_unpublished_one_leaves(
    client, library, django_capture_on_commit_callbacks
):
    """Publishing counts a page under its theme, place and tag; unpublishing takes it out."""
    theme = ThemeFactory(name="Vätgas", slug="vatgas")
    with django_capture_on_commit_callbacks(execute=True):
        page = case_study(library, "Vätgasbussar i Lund", municipalities=["1281"], themes=[theme])
        page.tags.add("vätgasbuss")
        page.save_revision().publish()
    counts = facet_counts(client.get("/sv/sok/", {"q": "vätgasbussar"}))
    assert counts["theme"] == {"vatgas": 1}
    assert counts["municipality"] == {"lund": 1}
    assert counts["county"] == {"12": 1}
    assert counts["tag"] == {"vatgasbuss": 1}
    assert [
        title
        for _url, title in organic_results(
            client.get("/sv/sok/", {"tag": "vatgasbuss"}).content.decode()
        )
    ] == ["Vätgasbussar i Lund"]

    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    response = client.get("/sv/sok/", {"q": "vätgasbussar"})
    assert response.context["search"].total == 0
    assert client.get("/sv/sok/", {"tag": "vatgasbuss"}).context["search"].total == 0


def test_keys_follow_the_page_when_it_changes_and_go_with_it(
    library, django_capture_on_commit_callbacks
):
    """A new place replaces the old key when the page is published; deleting drops them."""
    with django_capture_on_commit_callbacks(execute=True):
        page = case_study(library, "Cykelpendling", municipalities=["1280"])
    index_pages(CaseStudyPage)
    malmo = Municipality.objects.get(code="1280")
    assert FacetKey.objects.filter(page=page, key=f"municipality:{malmo.pk}").exists()

    page = CaseStudyPage.objects.get(pk=page.pk)
    page.municipalities = list(Municipality.objects.filter(code="0180"))
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    stockholm = Municipality.objects.get(code="0180")
    keys = set(FacetKey.objects.filter(page=page).values_list("key", flat=True))
    assert f"municipality:{stockholm.pk}" in keys
    assert f"municipality:{malmo.pk}" not in keys

    page.delete()
    assert not FacetKey.objects.filter(page_id=page.pk).exists()
    assert not SearchEntry.objects.filter(page_id=page.pk).exists()


def test_update_index_derives_every_pages_keys(library):
    """`update_index` fills the keys of pages that were never indexed with them."""
    page = case_study(library, "Solceller på taken", start_year=2020)
    FacetKey.objects.all().delete()
    SearchEntry.objects.all().delete()
    SearchEntryTitle.objects.all().delete()
    call_command("update_index", verbosity=0)
    keys = set(FacetKey.objects.filter(page=page).values_list("key", flat=True))
    assert "year:2020" in keys
    assert any(key.startswith("type:") for key in keys)
    assert SearchEntry.objects.filter(page=page).exists()
    if connection.vendor == "postgresql":
        assert SearchEntryTitle.objects.filter(page=page).exists()


def test_a_renamed_page_is_found_by_its_new_title_alone(
    client, library, postgres, django_capture_on_commit_callbacks
):
    """The titles a search ranks first are copies of the entries without their bodies; the
    copy follows the page when it is renamed, unpublished and deleted."""

    def found(query):
        response = client.get("/sv/sok/", {"q": query})
        return [title for _url, title in organic_results(response.content.decode())]

    with django_capture_on_commit_callbacks(execute=True):
        page = case_study(library, "Vätgasbussar i Lund", summary="Bussar i stadstrafiken.")
        page.save_revision().publish()
    assert found("vätgasbussar") == ["Vätgasbussar i Lund"]

    page = CaseStudyPage.objects.get(pk=page.pk)
    page.title = "Elbussar i Lund"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert found("vätgasbussar") == []
    assert found("elbussar") == ["Elbussar i Lund"]

    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert found("elbussar") == []
    assert not SearchEntryTitle.objects.get(page=page).live

    page.delete()
    assert not SearchEntryTitle.objects.filter(page_id=page.pk).exists()


def test_past_the_candidate_limit_the_page_says_what_it_counts(client, library, settings):
    """More matches than the limit: "more than", counts of those shown, and no error."""
    settings.SEARCH_CANDIDATES = 2
    for number in range(4):
        case_study(library, f"Solkraft {number}", municipalities=["1281"])
    index_pages(CaseStudyPage)
    response = client.get("/sv/sok/", {"q": "solkraft"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Fler än 2 träffar för ”solkraft”" in page
    assert "Antalen gäller de 2 första träffarna." in page
    assert facet_counts(response)["municipality"] == {"lund": 2}
    assert len(organic_results(page)) == 2
    for params in ({"q": "solkraft", "sort": "date"}, {"municipality": "lund"}):
        listing = client.get("/sv/sok/", params)
        assert listing.context["search"].more
        assert len(organic_results(listing.content.decode())) == 2


def test_a_pages_search_entry_carries_what_a_search_reads(
    library, django_capture_on_commit_callbacks
):
    """Language, type, live, date and the same keys as the filter index; unpublishing shows."""
    theme = ThemeFactory(name="Vätgas", slug="vatgas")
    with django_capture_on_commit_callbacks(execute=True):
        page = case_study(library, "Vätgasbussar i Lund", themes=[theme], start_year=2021)
        page.save_revision().publish()
    entry = SearchEntry.objects.get(page=page)
    assert (entry.locale_id, entry.content_type_id, entry.live) == (
        page.locale_id,
        page.content_type_id,
        True,
    )
    keys = set(FacetKey.objects.filter(page=page).values_list("key", flat=True))
    assert set(entry.keys.split()) == keys
    assert {f"theme:{theme.pk}", "year:2021"} <= keys
    if connection.vendor == "postgresql":  # the vectors copied from the search index
        assert entry.title and entry.body
        copy = SearchEntryTitle.objects.get(page=page)  # and the entry without its body
        assert (copy.locale_id, copy.live, copy.keys) == (entry.locale_id, True, entry.keys)

    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert not SearchEntry.objects.get(page=page).live


def test_a_private_section_stays_out_of_the_results(client, library):
    """Pages under a view restriction are neither found nor suggested."""
    case_study(library, "Solkraft i Lund")
    hidden = CaseStudyIndexPageFactory(parent=library.get_parent(), slug="internt")
    case_study(hidden, "Solkraft i Malmö")
    index_pages(CaseStudyPage)
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    response = client.get("/sv/sok/", {"q": "solkraft"})
    assert [title for _url, title in organic_results(response.content.decode())] == [
        "Solkraft i Lund"
    ]
    suggestions = client.get("/sv/sok/forslag/", {"q": "solkraft"}).json()["results"]
    assert [item["title"] for item in suggestions] == ["Solkraft i Lund"]


def test_titles_first_then_the_pages_that_only_say_the_word(client, library, settings):
    """With more matches than the candidates, the pages whose titles carry the word come
    first and the rest fill what is left, so a word in few titles still shows body matches."""
    settings.SEARCH_CANDIDATES = 3
    case_study(library, "Solkraft på taken")
    for number in range(3):
        case_study(library, f"Tak nummer {number}", summary="Om solkraft och mer.")
    index_pages(CaseStudyPage)
    titles = [
        title
        for _url, title in organic_results(
            client.get("/sv/sok/", {"q": "solkraft"}).content.decode()
        )
    ]
    assert titles[0] == "Solkraft på taken"
    assert len(titles) == 3
    assert set(titles[1:]) <= {f"Tak nummer {number}" for number in range(3)}
