from datetime import date

import pytest

from tests.factories import NewsletterIndexPageFactory, NewsletterIssuePageFactory


@pytest.fixture
def archive(home):
    return NewsletterIndexPageFactory(parent=home, introduction="Nyheter från nätverket.")


@pytest.fixture
def issues(archive):
    """Three issues over two years, published in a jumbled order."""
    return {
        number: NewsletterIssuePageFactory(
            parent=archive,
            title=title,
            slug=f"nummer-{number}",
            number=number,
            issue_date=issue_date,
            tags=["klimatneutralitet"] if number == 1 else [],
        )
        for number, title, issue_date in [
            (2, "Hösten i nätverket", date(2025, 10, 2)),
            (1, "Verksamhetsplanen", date(2025, 4, 20)),
            (3, "Efter slutkonferensen", date(2026, 11, 20)),
        ]
    }
