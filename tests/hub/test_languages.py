import pytest

from tests.factories import (
    CaseStudyIndexPageFactory,
    EventIndexPageFactory,
    StandardPageFactory,
    translation_of,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("en-GB,en;q=0.9", "/en/"),
        ("sv-SE,sv;q=0.9,en;q=0.5", "/sv/"),
        ("de-DE,de;q=0.9", "/sv/"),
        ("", "/sv/"),
        ("??;;q=x", "/sv/"),
    ],
)
def test_root_sends_visitors_to_their_preferred_language(client, home, accept_language, expected):
    """/ redirects to the browser's preferred language, Swedish otherwise."""
    response = client.get("/", headers={"accept-language": accept_language})
    assert response.status_code == 302
    assert response["Location"] == expected


def test_unprefixed_page_url_redirects_to_the_language_prefixed_one(client, home):
    """An old link without language prefix still reaches the page."""
    StandardPageFactory(parent=home, title="Om", slug="om")
    response = client.get("/om/")
    assert response.status_code == 302
    assert response["Location"] == "/sv/om/"


def test_switcher_leads_to_the_translated_page(client, home, home_en):
    """On a translated page the switcher links to its translation."""
    page = StandardPageFactory(parent=home, title="Om hubben", slug="om-hubben")
    translation_of(page, "en", StandardPageFactory, title="About the hub", slug="about-the-hub")
    html = client.get("/sv/om-hubben/").content.decode()
    assert 'href="/en/about-the-hub/" hreflang="en"' in html
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/about-the-hub/">' in html
    assert '<link rel="alternate" hreflang="sv" href="http://testserver/sv/om-hubben/">' in html


def test_switcher_leads_to_the_other_home_when_there_is_no_translation(client, home, home_en):
    """An untranslated page links to the other language's home, and says so."""
    StandardPageFactory(parent=home, title="Bara på svenska", slug="bara-svenska")
    html = client.get("/sv/bara-svenska/").content.decode()
    assert 'href="/en/" hreflang="en"' in html
    assert "startsidan, sidan är inte översatt" in html
    assert 'hreflang="en" href=' not in html


def test_switcher_from_english_leads_back_to_swedish(client, home, home_en):
    """The English home page links to the Swedish one."""
    html = client.get("/en/").content.decode()
    assert 'href="/sv/" hreflang="sv"' in html
    assert 'aria-current="true" class="is-current"><span lang="en">' in html


@pytest.mark.parametrize(
    ("factory", "swedish", "english"),
    [
        (CaseStudyIndexPageFactory, "/sv/exempel/", "/en/case-studies/"),
        (EventIndexPageFactory, "/sv/evenemang/", "/en/events/"),
    ],
)
def test_switcher_keeps_the_filters_of_a_listing(client, home, home_en, factory, swedish, english):
    """Switching language on a filtered listing keeps the filters, in order, but not the page."""
    translation_of(factory(parent=home), "en", factory, title="In English", slug=english[4:-1])
    query = "theme=energi&county=varmlands-lan&theme=klimatkontrakt"
    html = client.get(f"{swedish}?{query}&page=2").content.decode()
    link = f'href="{english}?theme=energi&amp;county=varmlands-lan&amp;theme=klimatkontrakt"'
    assert f'{link} hreflang="en"' in html
    # The head's alternates name the listing itself.
    assert f'<link rel="alternate" hreflang="en" href="http://testserver{english}">' in html


def test_switcher_keeps_the_search_and_escapes_it(client, home, home_en):
    """The search page's switcher carries the words and filters, safely encoded."""
    html = client.get("/sv/sok/", {"q": '"><script>alert(1)</script>', "tag": "små"}).content
    html = html.decode()
    expected = "/en/search/?q=%22%3E%3Cscript%3Ealert%281%29%3C%2Fscript%3E&amp;tag=sm%C3%A5"
    assert f'href="{expected}" hreflang="en"' in html
    assert "<script>alert(1)" not in html


def test_switcher_drops_the_query_when_it_leads_to_the_home_page(client, home, home_en):
    """Without a translation the switcher leads to the other home page, without filters."""
    CaseStudyIndexPageFactory(parent=home)
    html = client.get("/sv/exempel/?theme=energi").content.decode()
    assert 'href="/en/" hreflang="en"' in html


def test_unknown_language_prefix_is_a_404(client, home):
    """A language the hub does not offer ends in a not-found page, not an error."""
    assert client.get("/de/", follow=True).status_code == 404
