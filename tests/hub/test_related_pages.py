"""The shared related-pages helper: chosen rows become the pages a visitor may see."""

import pytest

from casestudies.models import CaseStudyRelatedPage
from hub.models.related import related_pages
from tests.factories import CaseStudyIndexPageFactory, case_study, translation_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def library_en(home_en, library):
    return translation_of(
        library, "en", CaseStudyIndexPageFactory, title="Case studies", slug="case-studies"
    )


def choose(page, *chosen):
    page.related_case_studies = [CaseStudyRelatedPage(related=item) for item in chosen]


def test_unsaved_rows_in_the_editors_order_without_the_page_itself(library):
    """Rows held in memory, as in a preview, give their pages in order, minus the page itself."""
    page = case_study(library, "Klimatkontrakt i Karlstad", slug="karlstad")
    lund = case_study(library, "Energicoach i Lund", slug="lund")
    lulea = case_study(library, "Vätgas i Luleå", slug="lulea")
    choose(page, lulea, page, lund, lulea)
    assert related_pages(page, page.related_case_studies) == [lulea, lund]
    assert not CaseStudyRelatedPage.objects.exists()


def test_translation_in_the_pages_language_where_it_is_live(library, library_en):
    """An English page gets the live English version of a choice, else the chosen page."""
    lund = case_study(library, "Energicoach i Lund", slug="lund")
    lund_en = case_study(
        library_en, "An energy coach in Lund", slug="lund", translation_key=lund.translation_key
    )
    lulea = case_study(library, "Vätgas i Luleå", slug="lulea")
    lulea_en = case_study(
        library_en, "Hydrogen in Luleå", slug="lulea", translation_key=lulea.translation_key
    )
    lulea_en.unpublish()
    english = case_study(library_en, "Climate contract in Karlstad", slug="karlstad")
    choose(english, lund, lulea)
    assert related_pages(english, english.related_case_studies) == [lund_en, lulea]


def test_no_rows_no_query(library, django_assert_num_queries):
    """A new page with nothing chosen asks the database nothing."""
    page = case_study(library, "Klimatkontrakt i Karlstad", slug="karlstad")
    choose(page)
    with django_assert_num_queries(0):
        assert related_pages(page, page.related_case_studies) == []
