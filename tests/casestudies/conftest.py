import pytest

from tests.factories import CaseStudyIndexPageFactory, ThemeFactory


@pytest.fixture
def library(home):
    """The Swedish case study library under the home page."""
    return CaseStudyIndexPageFactory(parent=home)


@pytest.fixture
def themes(db):
    return {
        "symbios": ThemeFactory(name="Industriell symbios", slug="industriell-symbios"),
        "kontrakt": ThemeFactory(name="Klimatkontrakt", slug="klimatkontrakt"),
        "coach": ThemeFactory(name="Energicoachning", slug="energicoachning"),
    }
