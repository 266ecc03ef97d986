import pytest

from wagtail.models import Page
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from hub.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db


def test_admin_login_page_speaks_swedish(client, home):
    """An editor who has not chosen a language sees the Swedish admin."""
    response = client.get("/admin/login/", headers={"accept-language": "sv"})
    assert response.status_code == 200
    assert "Logga in" in response.content.decode()


def test_admin_login_page_for_english_browsers(client, home):
    """An English-speaking browser gets the English admin login."""
    response = client.get("/admin/login/", headers={"accept-language": "en"})
    assert "Sign in" in response.content.decode()


def test_editor_creates_and_publishes_a_standard_page(client, home, editor):
    """An editor creates a page through the real admin form and it goes live."""
    url = f"/admin/pages/add/hub/standardpage/{home.pk}/"
    data = nested_form_data(
        {
            "title": "Om nätverket",
            "slug": "om-natverket",
            "introduction": "Vilka vi är.",
            "body": streamfield(
                [
                    ("heading", {"text": "Bakgrund", "level": "h2"}),
                    ("paragraph", rich_text("<p>Nätverket startade 2021.</p>")),
                ]
            ),
            "action-publish": "publish",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, WagtailTestUtils.get_soup(response.content).text[:500]
    page = StandardPage.objects.get(slug="om-natverket")
    assert page.live
    public = client.get("/sv/om-natverket/")
    assert "Nätverket startade 2021." in public.content.decode()


def test_video_with_an_unsupported_address_is_refused_with_a_message(client, home, editor):
    """A video address that is not YouTube or Vimeo gives a form error, and nothing is lost."""
    url = f"/admin/pages/add/hub/standardpage/{home.pk}/"
    data = nested_form_data(
        {
            "title": "Film",
            "slug": "film",
            "introduction": "",
            "body": streamfield(
                [("video", {"url": "https://example.org/film.mp4", "title": "Film", "caption": ""})]
            ),
            "action-publish": "publish",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "YouTube eller Vimeo" in response.content.decode()
    assert not StandardPage.objects.filter(slug="film").exists()


def test_page_types_sit_where_they_belong(home):
    """Home pages sit at the root; standard pages under home or each other."""
    assert HomePage.can_create_at(Page.get_first_root_node())
    assert StandardPage.can_create_at(home)
    assert not HomePage.can_create_at(home)
    assert not StandardPage.can_create_at(Page.get_first_root_node())
