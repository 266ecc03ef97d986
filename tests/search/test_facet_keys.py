"""Facet keys kept in step with the pages, and searches past the candidate limit."""

import pytest

from django.core.management import call_command

from casestudies.models import CaseStudyPage
from hub.models import Municipality
from search.models import FacetKey, PageFacets
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
    assert not PageFacets.objects.filter(page_id=page.pk).exists()


def test_update_index_derives_every_pages_keys(library):
    """`update_index` fills the keys of pages that were never indexed with them."""
    page = case_study(library, "Solceller på taken", start_year=2020)
    FacetKey.objects.all().delete()
    PageFacets.objects.all().delete()
    call_command("update_index", verbosity=0)
    keys = set(FacetKey.objects.filter(page=page).values_list("key", flat=True))
    assert "year:2020" in keys
    assert any(key.startswith("type:") for key in keys)
    assert PageFacets.objects.filter(page=page).exists()


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
