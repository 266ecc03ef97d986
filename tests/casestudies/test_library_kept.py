"""The library browses a kept listing (hub/browsing/kept.py): what it shows must be what the
database holds, for any combination of filters, sort order and page."""

import re
from datetime import timedelta
from urllib.parse import urlencode

import pytest

from django.utils import timezone

from casestudies.models import CaseStudyIndexPage, CaseStudyPage
from hub.collation import collated
from hub.models import Organisation
from tests.factories import CaseStudyIndexPageFactory, OrganisationFactory, case_study
from tests.shared_rows import make_home, make_themes, rows_for_module
from tests.utils import card_titles

pytestmark = pytest.mark.django_db

OPTION = re.compile(
    r'name="(\w+)" value="([^"]*)"( checked)?>\s*<label[^>]*>[^<]*'
    r'<span class="facet__count">\((\d+)'
)
YEAR = re.compile(r'<option value="(\d{4})"[^>]*>\d{4} \((\d+)\)</option>')


def total(client, params):
    html = client.get(f"/sv/exempel/?{urlencode(params)}").content.decode()
    return int(re.search(r'id="results-heading"[^>]*>(\d+) exempel', html).group(1))


def without(params, *names):
    return [(name, value) for name, value in params if name not in names]


@pytest.fixture(scope="module")
def module_rows(django_db_setup, django_db_blocker):
    """The library and its varied case studies, made once for the module
    (tests/shared_rows.py): (library id, case study ids)."""
    with rows_for_module(django_db_blocker):
        library = CaseStudyIndexPageFactory(parent=make_home())
        yield library.pk, [page.pk for page in make_varied(library, make_themes())]


@pytest.fixture
def library(module_rows, db):
    return CaseStudyIndexPage.objects.get(pk=module_rows[0])


@pytest.fixture
def varied(module_rows, db):
    """Thirty case studies that differ in every filter, published a day apart."""
    pages = CaseStudyPage.objects.in_bulk(module_rows[1])
    return [pages[pk] for pk in module_rows[1]]


def make_varied(library, themes):
    kinds = [Organisation.Kind.NETWORK, Organisation.Kind.UNIVERSITY, Organisation.Kind.COMPANY]
    partners = [OrganisationFactory(name=f"Partner {kind}", kind=kind) for kind in kinds]
    places = [["1780"], ["1494"], ["1281", "1780"], ["0180"], ["1281"]]
    theme_list = list(themes.values())
    start = timezone.now() - timedelta(days=60)
    return [
        case_study(
            library,
            f"{'ÖÄÅZBA'[number % 6]}xempel {number:02}",
            municipalities=places[number % 5],
            themes=theme_list[: 1 + number % 3],
            partners=partners[number % 3 : number % 3 + number % 2],
            tags=[f"tagg-{number % 4}", *(["gemensam"] if number % 3 else [])],
            start_year=None if number % 7 == 0 else 2010 + number % 6,
            end_year=2014 + number % 4 if number % 4 == 1 else None,
            status="completed" if number % 4 == 1 else "ongoing",
            published_at=start + timedelta(days=number),
        )
        for number in range(30)
    ]


@pytest.mark.parametrize(
    "params",
    [
        [],
        [("theme", "klimatkontrakt")],
        [("county", "varmlands-lan"), ("tag", "gemensam")],
        [("municipality", "lund"), ("municipality", "stockholm"), ("status", "ongoing")],
        [("year_from", "2013"), ("year_to", "2014"), ("kind", "network")],
    ],
)
def test_every_count_is_the_number_of_results_its_option_gives(client, varied, params):
    """Choosing any option instead of its filter's choices, or any one year, gives as many
    results as its count said."""
    html = client.get(f"/sv/exempel/?{urlencode(params)}").content.decode()
    options = OPTION.findall(html)
    assert len(options) > 10
    for name, value, _checked, count in options:
        assert total(client, [*without(params, name), (name, value)]) == int(count), value
    years = YEAR.findall(html.split('name="year_from"')[1].split("</select>")[0])
    assert years
    for year, count in years:
        chosen = [*without(params, "year_from", "year_to"), ("year_from", year), ("year_to", year)]
        assert total(client, chosen) == int(count), year


@pytest.mark.parametrize("sort", ["newest", "title"])
def test_pages_follow_the_order_the_database_gives(client, library, varied, sort):
    """Every page of a filtered listing, in either order, as the database orders it."""
    library.per_page = 3
    library.save_revision().publish()
    pages = CaseStudyPage.objects.live().filter(
        case_study_themes__theme__slug="klimatkontrakt", municipalities__county__slug="skane-lan"
    )
    if sort == "title":
        pages = pages.order_by(collated("title", "sv"), "pk")
    else:
        pages = pages.order_by("-first_published_at", "-pk")
    expected = list(pages.distinct().values_list("title", flat=True))
    assert len(expected) > 6
    shown = []
    for number in range(1, (len(expected) + 2) // 3 + 1):
        query = f"theme=klimatkontrakt&county=skane-lan&sort={sort}&page={number}"
        shown += card_titles(client.get(f"/sv/exempel/?{query}"))
    assert shown == expected


def test_a_page_unpublished_elsewhere_is_not_shown(client, library, varied):
    """Cards are read from the live pages, so one unpublished since the listing was kept (as
    another process sees it until its version changes) never shows."""
    newest = varied[-1]
    assert card_titles(client.get("/sv/exempel/"))[0] == newest.title
    CaseStudyPage.objects.filter(pk=newest.pk).update(live=False)  # no signal: as elsewhere
    titles = card_titles(client.get("/sv/exempel/"))
    assert newest.title not in titles
    assert titles[0] == varied[-2].title
