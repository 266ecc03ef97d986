import re

import pytest
from playwright.sync_api import expect

from tests.factories import StandardPageFactory, translation_of

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def about(home, home_en):
    page = StandardPageFactory(
        parent=home, title="Om Klimathubben", slug="om-klimathubben", show_in_menus=True
    )
    translation_of(page, "en", StandardPageFactory, title="About Klimathubben", slug="about")
    return page


def test_home_page_in_both_languages(page, home, home_en):
    """Both home pages load with their language and a heading."""
    page.goto("/sv/")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.get_by_role("heading", level=1)).to_have_text("Klimathubben")
    page.goto("/en/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_attached()


def test_switching_language_with_a_click(page, about):
    """A visitor on a Swedish page clicks English and lands on its translation."""
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/sv/$"))
    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Om Klimathubben"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Om Klimathubben")
    page.get_by_role("navigation", name="Språk").get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(r"/en/about/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("About Klimathubben")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Svenska").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Om Klimathubben")


def test_video_plays_only_after_a_click(page, home):
    """The video placeholder turns into the player only when the visitor clicks play."""
    StandardPageFactory(
        parent=home,
        slug="film",
        body=[
            {
                "type": "video",
                "value": {"url": "https://youtu.be/aqz-KE-bpKQ", "title": "Filmen", "caption": ""},
            }
        ],
    )
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.route("https://www.youtube-nocookie.com/**", lambda route: route.abort())
    page.goto("/sv/film/")
    expect(page.locator("iframe")).to_have_count(0)
    assert not [url for url in requests if "youtube" in url]
    page.get_by_role("button", name="Spela upp videon").click()
    expect(page.locator("iframe[title='Filmen']")).to_have_count(1)
