import re

import pytest

from tests.factories import StandardPageFactory, translation_of
from tests.utils import count_queries

pytestmark = pytest.mark.django_db


def test_swedish_home_page_renders_in_swedish(client, home):
    """The Swedish home page says it is Swedish and shows its introduction."""
    response = client.get("/sv/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="sv">' in html
    assert "<title>Klimathubben</title>" in html
    assert home.introduction in html
    assert "Hoppa till huvudinnehållet" in html


def test_english_home_page_renders_in_english(client, home_en):
    """The English home page has English interface text and lang."""
    response = client.get("/en/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert home_en.introduction in html
    assert "Skip to main content" in html


def test_home_page_has_a_meta_description_from_its_introduction(client, home):
    """Search engines get the introduction as the meta description."""
    html = client.get("/sv/").content.decode()
    match = re.search(r'<meta name="description" content="([^"]+)">', html)
    assert match and match.group(1).startswith("Exempel, träffar")


def test_main_menu_lists_pages_marked_for_menus(client, home):
    """Pages shown in menus appear in the main navigation; others do not."""
    StandardPageFactory(parent=home, title="Om nätverket", show_in_menus=True)
    StandardPageFactory(parent=home, title="Dold sida", show_in_menus=False)
    html = client.get("/sv/").content.decode()
    menu = html.split('class="main-menu"')[1].split("</nav>")[0]
    assert "Om nätverket" in menu
    assert "Dold sida" not in menu


def test_footer_links_pages_marked_for_the_footer(client, home):
    """The accessibility statement is reachable from the footer of every page."""
    StandardPageFactory(parent=home, title="Tillgänglighetsredogörelse", show_in_footer=True)
    html = client.get("/sv/").content.decode()
    footer = html.split('<footer class="site-footer">')[1]
    assert "Tillgänglighetsredogörelse" in footer


def test_home_page_query_count_does_not_grow_with_menu_pages(client, home, home_en):
    """The home page runs the same number of queries with 2 or 20 menu pages."""

    for index in range(2):
        StandardPageFactory(parent=home, title=f"Meny {index}", show_in_menus=True)
    few = count_queries(client, "/sv/")
    for index in range(18):
        StandardPageFactory(parent=home, title=f"Fler {index}", show_in_menus=True)
    many = count_queries(client, "/sv/")
    assert many == few
    # Site, locale, routing (2), aliases, view restrictions, home in each language, menu,
    # footer, translations.
    assert many <= 11


def test_standard_page_query_count_is_bounded(client, home, home_en):
    """A content page with breadcrumbs and a translation stays within a fixed query budget."""
    parent = StandardPageFactory(parent=home, title="Om", slug="om", show_in_menus=True)
    page = StandardPageFactory(parent=parent, title="Kontakt", slug="kontakt")
    translation_of(parent, "en", StandardPageFactory, title="About", slug="about")
    translation_of(page, "en", StandardPageFactory, title="Contact", slug="contact")
    # Site, locale, routing through each level (5), aliases, view restrictions (2), home in
    # each language, menu, footer, breadcrumbs, translations.
    assert count_queries(client, "/sv/om/kontakt/") <= 15
