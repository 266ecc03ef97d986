import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest

from tests.factories import (
    CaseStudyIndexPageFactory,
    CaseStudyPageFactory,
    StandardPageFactory,
    case_study,
    translation_of,
)
from tests.utils import count_queries

pytestmark = pytest.mark.django_db
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def parse(response):
    return ET.fromstring(response.content)  # noqa: S314 - the hub's own sitemap


def urls(response):
    return {
        url.find("s:loc", NS).text: {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
        }
        for url in parse(response).findall("s:url", NS)
    }


def sitemap_files(client):
    """The addresses the sitemap index lists, as paths with their query strings."""
    response = client.get("/sitemap.xml")
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    locations = [loc.text for loc in parse(response).findall("s:sitemap/s:loc", NS)]
    return [urlsplit(loc)._replace(scheme="", netloc="").geturl() for loc in locations]


def every_url(client):
    """Every address in every sitemap file the index names, as a crawler would read them."""
    found = {}
    for path in sitemap_files(client):
        response = client.get(path)
        assert response["Content-Type"] == "application/xml; charset=utf-8"
        found.update(urls(response))
    return found


def test_sitemap_lists_pages_in_both_languages_with_alternates(client, home, home_en):
    """Search engines find every live page and learn which pages translate which."""
    about = StandardPageFactory(parent=home, title="Om", slug="om")
    translation_of(about, "en", StandardPageFactory, title="About", slug="about")
    StandardPageFactory(parent=home, title="Utkast", slug="utkast", live=False)
    found = every_url(client)
    assert found["http://testserver/sv/om/"] == {
        "sv": "http://testserver/sv/om/",
        "en": "http://testserver/en/about/",
    }
    assert "http://testserver/en/" in found
    assert not any("utkast" in url for url in found)


def test_sitemap_index_names_a_file_per_content_type_and_language(client, home, home_en, library):
    """Case studies have a sitemap of their own; other pages share one per language."""
    case_study(library, "Symbios i Karlstad", slug="symbios")
    assert sitemap_files(client) == [
        "/sitemap-case_studies-sv.xml",
        "/sitemap-pages-en.xml",
        "/sitemap-pages-sv.xml",
    ]
    case_studies = urls(client.get("/sitemap-case_studies-sv.xml"))
    assert list(case_studies) == ["http://testserver/sv/exempel/symbios/"]
    pages = urls(client.get("/sitemap-pages-sv.xml"))
    assert "http://testserver/sv/exempel/" in pages
    assert "http://testserver/sv/exempel/symbios/" not in pages
    lastmod = parse(client.get("/sitemap.xml")).find("s:sitemap/s:lastmod", NS)
    assert lastmod is not None and lastmod.text.startswith("20")


@pytest.mark.usefixtures("each_cache")
def test_a_newly_published_page_reaches_the_index(client, home, library):
    """The index is kept between visits, and publishing a page renews it."""
    assert "/sitemap-case_studies-sv.xml" not in sitemap_files(client)
    page = case_study(library, "Nytt exempel", slug="nytt")
    page.save_revision().publish()
    assert "/sitemap-case_studies-sv.xml" in sitemap_files(client)


def test_long_sitemaps_are_split_into_files(client, home, library, monkeypatch):
    """Past PER_FILE addresses a sitemap continues in ?p=2, and the index names both files."""
    monkeypatch.setattr("hub.sitemap.PER_FILE", 2)
    for number in range(3):
        case_study(library, f"Exempel {number}", slug=f"exempel-{number}")
    files = sitemap_files(client)
    assert "/sitemap-case_studies-sv.xml" in files
    assert "/sitemap-case_studies-sv.xml?p=2" in files
    first = urls(client.get("/sitemap-case_studies-sv.xml"))
    second = urls(client.get("/sitemap-case_studies-sv.xml?p=2"))
    assert len(first) == 2 and len(second) == 1
    assert not set(first) & set(second)


@pytest.mark.parametrize(
    "path",
    [
        "/sitemap-recipes-sv.xml",
        "/sitemap-pages-fr.xml",
        "/sitemap-pages-sv.xml?p=9",
        "/sitemap-pages-sv.xml?p=0",
        "/sitemap-pages-sv.xml?p=x",
    ],
)
def test_unknown_sitemaps_are_not_found(client, home, path):
    """Addresses of sitemaps that do not exist answer 404, never a server error."""
    assert client.get(path).status_code == 404


def test_robots_txt_points_to_the_sitemap(client, home):
    """robots.txt names the sitemap index and keeps crawlers out of the admin."""
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_sitemap_index_query_count_does_not_grow(client, home):
    """The index runs the same queries for 2 or 40 pages."""
    StandardPageFactory(parent=home)
    few = count_queries(client, "/sitemap.xml")
    for _number in range(38):
        StandardPageFactory(parent=home)
    many = count_queries(client, "/sitemap.xml")
    assert many == few
    # Once counted, the files and their dates come from the cache until content changes:
    # the one query reads the content version.
    assert many == 1


def test_section_sitemap_query_count_does_not_grow(client, home, home_en, library):
    """A section's sitemap runs the same queries for 5 or 15 case studies with translations."""

    translation_of(library, "en", CaseStudyIndexPageFactory, title="Case studies", slug="cs")

    def add(count):
        for _number in range(count):
            page = case_study(library, "Exempel")
            translation_of(page, "en", CaseStudyPageFactory, slug=f"{page.slug}-en")

    add(5)
    path = "/sitemap-case_studies-sv.xml"
    few = count_queries(client, path)
    add(10)
    many = count_queries(client, path)
    assert len(urls(client.get(path))) == 15
    assert many == few
    # The locale, view restrictions (for live().public(), twice), the pages, their
    # translations, the languages' codes and the request's site; the site root paths that
    # Page.get_url reads come from the cache.
    assert many <= 7


def test_sitemap_addresses_are_the_pages_own(client, home, home_en, library):
    """Every address in the sitemaps is the one Wagtail gives the page, non-ASCII slugs too."""
    pages = [
        StandardPageFactory(parent=home, title="Åtgärder", slug="åtgärder"),
        case_study(library, "Växjö", slug="växjö-energi"),
        home_en,
        library,
    ]
    found = every_url(client)
    for page in pages:
        assert f"http://testserver{page.get_url()}" in found
    assert "http://testserver/sv/%C3%A5tg%C3%A4rder/" in found
