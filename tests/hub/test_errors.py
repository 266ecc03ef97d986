import pytest

from django.test import override_settings

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "lang", "heading"),
    [
        ("/sv/finns-inte/", "sv", "Sidan finns inte"),
        ("/en/does-not-exist/", "en", "Page not found"),
    ],
)
def test_own_404_page_in_each_language(client, home, home_en, path, lang, heading):
    """A missing page gets the hub's own 404 in the language of the address."""
    response = client.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert f"<h1>{heading}</h1>" in html
    assert 'class="site-header"' in html
    assert f'href="/{lang}/"' in html


@override_settings(ROOT_URLCONF="tests.urls_with_error")
@pytest.mark.parametrize(
    ("path", "lang", "heading"),
    [("/sv/fel/", "sv", "Något gick fel"), ("/en/fel/", "en", "Something went wrong")],
)
def test_own_500_page_in_each_language(client, home, path, lang, heading):
    """An unexpected error shows the hub's own 500 page in the visitor's language."""
    client.raise_request_exception = False
    response = client.get(path)
    assert response.status_code == 500
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert f"<h1>{heading}</h1>" in html
    assert "Traceback" not in html


@pytest.mark.parametrize(
    "path",
    [
        "/sv/?page=99999999999999999999",
        "/sv/?q=%00%ff",
        "/sv/%E2%80%A8/",
        "/sv/" + "a" * 300 + "/",
        "/sv/..%2f..%2fetc/passwd",
    ],
)
def test_odd_addresses_never_give_a_server_error(client, home, path):
    """Odd query strings and paths give a page or a 404, never a 500."""
    assert client.get(path).status_code in {200, 404}
