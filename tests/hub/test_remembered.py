"""What a worker remembers between requests (hub/versions.py) never shows an old state.

Each test visits a page so that its address, menu or translations are remembered, changes the
content the way editors do, and visits again: the change shows on the very next request.
"""

import re
from uuid import uuid4

import pytest

from wagtail.models import Page, PageViewRestriction

from hub.models import ContentVersion, Municipality
from tests.factories import (
    CaseStudyIndexPageFactory,
    StandardPageFactory,
    ThemeFactory,
    case_study,
    locale,
    translation_of,
)

pytestmark = pytest.mark.django_db


def test_an_unpublished_page_is_gone_at_once(client, library):
    study = case_study(library, "Klimatkontrakt i Umeå", slug="klimatkontrakt")
    assert client.get("/sv/exempel/klimatkontrakt/").status_code == 200
    study.unpublish()
    assert client.get("/sv/exempel/klimatkontrakt/").status_code == 404


def test_a_page_given_a_new_address_answers_there_at_once(client, library):
    study = case_study(library, "Energicoachning", slug="energi")
    assert client.get("/sv/exempel/energi/").status_code == 200
    study.slug = "energicoachning"
    study.save_revision().publish()
    assert client.get("/sv/exempel/energi/").status_code == 404
    assert client.get("/sv/exempel/energicoachning/").status_code == 200


def test_a_page_moved_elsewhere_answers_at_its_new_address(client, home, library):
    study = case_study(library, "Gröna resplaner", slug="resplaner")
    about = StandardPageFactory(parent=home, title="Om", slug="om")
    assert client.get("/sv/exempel/resplaner/").status_code == 200
    study.move(about, pos="last-child")
    old = client.get("/sv/exempel/resplaner/")
    assert old.status_code == 301
    assert old["Location"] == "/sv/om/resplaner/"
    assert client.get("/sv/om/resplaner/").status_code == 200


def test_the_menu_shows_a_new_page_and_drops_an_unpublished_one_at_once(client, home):
    about = StandardPageFactory(parent=home, title="Om hubben", slug="om", show_in_menus=True)
    assert "Om hubben" in client.get("/sv/").text
    news = StandardPageFactory(parent=home, title="Nytt i nätverket", show_in_menus=True)
    assert "Nytt i nätverket" in client.get("/sv/").text
    about.unpublish()
    response = client.get(news.url)
    assert "Om hubben" not in response.text
    assert "Nytt i nätverket" in response.text


def test_a_restriction_applies_at_once_to_a_page_already_visited(client, home):
    members = StandardPageFactory(parent=home, title="Medlemmar", slug="medlemmar")
    inner = StandardPageFactory(parent=members, title="Protokoll", slug="protokoll")
    assert client.get("/sv/medlemmar/protokoll/").status_code == 200
    PageViewRestriction.objects.create(page=members, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(inner.url)
    assert response.status_code == 302
    assert "/_util/login/" in response["Location"] or "login" in response["Location"]


def test_a_new_translation_shows_in_the_language_switcher_at_once(client, home_en, library):
    study = case_study(library, "Klimatkontrakt", slug="klimatkontrakt")
    response = client.get("/sv/exempel/klimatkontrakt/")
    assert 'hreflang="en"' not in response.text.split("<body", 1)[0]
    translation_of(library, "en", CaseStudyIndexPageFactory, title="Examples", slug="examples")
    english = case_study(
        library.get_translation(locale("en")),
        "Climate contract",
        slug="climate-contract",
        translation_key=study.translation_key,
    )
    head = client.get("/sv/exempel/klimatkontrakt/").text.split("<body", 1)[0]
    assert f'hreflang="en" href="http://testserver{english.url}"' in head


def test_a_change_committed_by_another_worker_shows_here_on_the_next_request(client, home):
    """Another worker's publish gives the content a new version in the database; this worker
    reads the version on each request and forgets what it remembered under the old one."""
    StandardPageFactory(parent=home, title="Om hubben", slug="om", show_in_menus=True)
    assert "Om hubben" in client.get("/sv/").text
    # As another process would: the page row and the version change, no signal runs here.
    Page.objects.filter(slug="om").update(show_in_menus=False)
    assert "Om hubben" in client.get("/sv/").text  # remembered under the version read
    ContentVersion.objects.filter(pk=1).update(token=uuid4())
    assert "Om hubben" not in client.get("/sv/").text


def test_a_process_outside_requests_reads_the_version_each_time(home):
    """A task worker (sending a newsletter, say) gets no request to read the version anew by,
    so it reads it whenever it asks: a change committed elsewhere shows at once."""
    from hub.versions import content_version

    before = content_version()
    assert content_version() == before
    ContentVersion.objects.filter(pk=1).update(token=uuid4())
    assert content_version() != before


def test_addresses_that_lead_nowhere_are_not_remembered(client, library):
    """A crawl of made-up addresses cannot crowd out the pages a worker remembers, and a page
    published at an address that answered 404 before is there at once."""
    from hub import versions

    for number in range(30):
        assert client.get(f"/sv/exempel/finns-inte-{number}/").status_code == 404
    assert not any(key[0] == "route" for key in versions._remembered)
    case_study(library, "Nu finns den", slug="finns-inte-3")
    assert client.get("/sv/exempel/finns-inte-3/").status_code == 200


def test_cards_show_renamed_places_and_themes_at_once(client, library):
    """Cards name themes and municipalities from vocabularies remembered by id."""
    travel = ThemeFactory(name="Resor", sort_order=1)
    energy = ThemeFactory(name="Energi", sort_order=2)
    case_study(
        library,
        "Gröna resplaner",
        municipalities=("1780", "1880"),
        themes=(energy, travel),
    )
    card = library_card(client)
    # The editor's order of the themes; the places by name.
    assert re.findall(r"<li>(\w+)</li>", card) == ["Energi", "Resor"]
    assert "Karlstad, Örebro" in card
    karlstad = Municipality.objects.get(code="1780")
    karlstad.name = "Karlstads kommun"
    karlstad.save()
    energy.name = "Energieffektivisering"
    energy.save()
    card = library_card(client)
    assert "Karlstads kommun, Örebro" in card
    assert "<li>Energieffektivisering</li>" in card


def library_card(client):
    page = client.get("/sv/exempel/").content.decode()
    return re.search(r'<article class="card card--case-study".*?</article>', page, re.S).group()
