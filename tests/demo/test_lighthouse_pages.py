"""`make lighthouse` finds each of its six pages in the demo content, in both languages."""

import importlib.util
from pathlib import Path

import pytest

from django.utils import translation

pytestmark = pytest.mark.django_db

PAGES_PY = Path(__file__).resolve().parents[2] / "scripts" / "lighthouse" / "pages.py"


def lighthouse_pages():
    """scripts/lighthouse/pages.py, which is a script beside package.json, not a package."""
    spec = importlib.util.spec_from_file_location("lighthouse_pages", PAGES_PY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_audited_page_is_found_and_answers(demo, client, language):
    """Each page the Lighthouse run audits exists, answers 200 and is meant to be indexed."""
    module = lighthouse_pages()
    try:
        urls = module.page_urls(language)
    finally:
        translation.activate("sv")
    assert list(urls) == [name for name, _what in module.PAGES]
    pages = {}
    for name, url in urls.items():
        assert url.startswith(f"/{language}/"), name
        response = client.get(url)
        assert response.status_code == 200, (name, url)
        html = response.content.decode()
        assert 'name="robots"' not in html, name
        pages[name] = html
    # The filtered library lists the case study audited on its own.
    assert f'href="{urls["case-study"]}"' in pages["library-filtered"]
    # The municipality overview is the page with the county map.
    assert "<svg" in pages["map"]
