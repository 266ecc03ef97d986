"""How many items a listing shows a page stays within bounds, in the admin and when served."""

from datetime import date, timedelta

import pytest

from django.utils import timezone

from wagtail.test.utils.form_data import nested_form_data, streamfield

from casestudies.models import CaseStudyIndexPage
from events.models import EventIndexPage
from hub.models import NewsletterIndexPage
from tests.factories import (
    CaseStudyIndexPageFactory,
    EventIndexPageFactory,
    NewsletterIndexPageFactory,
    NewsletterIssuePageFactory,
    case_study,
    event,
)

pytestmark = pytest.mark.django_db

LISTINGS = [
    pytest.param(CaseStudyIndexPage, "/sv/exempel/", id="library"),
    pytest.param(EventIndexPage, "/sv/evenemang/", id="calendar"),
    pytest.param(NewsletterIndexPage, "/sv/nyhetsbrev/", id="archive"),
]


def add_issues(archive, count):
    for number in range(1, count + 1):
        NewsletterIssuePageFactory(
            parent=archive,
            slug=f"nummer-{number}",
            number=number,
            issue_date=date(2026, 1, 1) + timedelta(days=number),
        )


@pytest.fixture
def listings(home):
    """The library, the calendar and the archive, three items in each."""
    library = CaseStudyIndexPageFactory(parent=home)
    calendar = EventIndexPageFactory(parent=home)
    archive = NewsletterIndexPageFactory(parent=home)
    soon = timezone.now() + timedelta(days=7)
    for number in range(3):
        case_study(library, f"Exempel {number}")
        event(calendar, f"Träff {number}", soon + timedelta(days=number))
    add_issues(archive, 3)
    return {CaseStudyIndexPage: library, EventIndexPage: calendar, NewsletterIndexPage: archive}


@pytest.mark.parametrize(("model", "path"), LISTINGS)
def test_a_listing_saved_with_zero_per_page_shows_one_item_a_page(client, listings, model, path):
    """A listing whose stored "per page" is 0 still serves, one item a page."""
    model.objects.update(per_page=0)
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'aria-current="page"><span class="visually-hidden">Sida </span>1<' in html
    assert 'href="?page=3"' in html
    assert client.get(f"{path}?page=3").status_code == 200


@pytest.mark.parametrize(("model", "path"), LISTINGS)
def test_a_listing_saved_with_a_huge_per_page_still_serves(client, listings, model, path):
    """A stored "per page" beyond what the field holds in the admin still gives the page."""
    model.objects.update(per_page=30000)
    response = client.get(path)
    assert response.status_code == 200
    assert 'class="pagination"' not in response.content.decode()


def test_a_huge_per_page_shows_at_most_a_hundred_items(client, home):
    """However many items the stored value asks for, a page holds at most a hundred."""
    archive = NewsletterIndexPageFactory(parent=home)
    add_issues(archive, 101)
    NewsletterIndexPage.objects.update(per_page=30000)
    html = client.get("/sv/nyhetsbrev/").content.decode()
    assert html.count('<article class="card card--issue">') == 100
    assert 'href="?page=2"' in html


@pytest.mark.parametrize(("model", "path"), LISTINGS)
@pytest.mark.parametrize("per_page", ["0", "101", "30000"])
def test_admin_refuses_an_out_of_range_per_page_and_keeps_the_other_edits(
    client, editor, listings, model, path, per_page
):
    """The editor sees why the number was refused, with every other edit still in the form."""
    page = listings[model]
    data = nested_form_data(
        {
            "title": "Ny rubrik",
            "slug": page.slug,
            "introduction": "En ingress som inte får försvinna.",
            "per_page": per_page,
            "body": streamfield([]),
        }
    )
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kontrollera att detta värde är" in html
    assert 'value="Ny rubrik"' in html
    assert "En ingress som inte får försvinna." in html
    page.refresh_from_db()
    assert (page.title, page.per_page) == (listings[model].title, 12)
