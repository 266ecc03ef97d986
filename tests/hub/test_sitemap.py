import xml.etree.ElementTree as ET

import pytest

from tests.factories import StandardPageFactory, translation_of
from tests.utils import count_queries

pytestmark = pytest.mark.django_db
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def urls(response):
    root = ET.fromstring(response.content)  # noqa: S314 - the hub's own sitemap
    return {
        url.find("s:loc", NS).text: {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
        }
        for url in root.findall("s:url", NS)
    }


def test_sitemap_lists_pages_in_both_languages_with_alternates(client, home, home_en):
    """Search engines find every live page and learn which pages translate which."""
    about = StandardPageFactory(parent=home, title="Om", slug="om")
    translation_of(about, "en", StandardPageFactory, title="About", slug="about")
    StandardPageFactory(parent=home, title="Utkast", slug="utkast", live=False)
    response = client.get("/sitemap.xml")
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    found = urls(response)
    assert found["http://testserver/sv/om/"] == {
        "sv": "http://testserver/sv/om/",
        "en": "http://testserver/en/about/",
    }
    assert "http://testserver/en/" in found
    assert not any("utkast" in url for url in found)


def test_robots_txt_points_to_the_sitemap(client, home):
    """robots.txt names the sitemap and keeps crawlers out of the admin."""
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_sitemap_query_count_does_not_grow(client, home):
    """The sitemap runs the same queries for 2 or 40 pages."""

    StandardPageFactory(parent=home)
    few = count_queries(client, "/sitemap.xml")
    for _number in range(38):
        StandardPageFactory(parent=home)
    assert count_queries(client, "/sitemap.xml") == few
