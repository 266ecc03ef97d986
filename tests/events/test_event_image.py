"""An event's main image: chosen in the admin, described, translated and shared."""

import pytest
from bs4 import BeautifulSoup

from events.models import EventPage
from hub.demo import DemoLoader
from tests.events.test_events_elsewhere import event_form
from tests.factories import EventIndexPageFactory, ImageFactory, event, translation_of
from tests.utils import local

pytestmark = pytest.mark.django_db
ALT = "Deltagare vid skärmar under en webbfika"


@pytest.fixture
def image(db):
    return ImageFactory(title="Webbfika", file__width=1600, file__height=1000)


def main_img(html):
    """The <img> of the main image at the top of an event page."""
    return BeautifulSoup(html, "html.parser").find("img", class_="main-image")


def test_editor_adds_an_image_to_an_event(
    client, editor, calendar, types, image, django_capture_on_commit_callbacks
):
    """Without alternative text the image is refused and the form kept; with it, it previews
    and publishes, and its renditions are made before anyone visits."""
    add = f"/admin/pages/add/events/eventpage/{calendar.pk}/"
    response = client.post(add, event_form(types, listing_image=image.pk, listing_image_alt=" "))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Beskriv listbilden för den som inte kan se den." in html
    assert "Vilka verktyg använder kommunerna?" in html
    assert not EventPage.objects.filter(slug="webbfika-visualisering").exists()

    form = event_form(types, listing_image=image.pk, listing_image_alt=ALT)
    state = client.post(f"{add}preview/", form)
    assert state.status_code == 200 and state.json()["is_valid"], state.content
    preview = client.get(f"{add}preview/")
    assert preview.status_code == 200
    assert main_img(preview.content.decode())["alt"] == ALT

    image.renditions.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(add, form)
    assert response.status_code == 302
    page = EventPage.objects.get(slug="webbfika-visualisering")
    assert page.live and page.listing_image == image
    # Cards and page: two sizes each, the larger card the smaller main image, in three formats.
    assert image.renditions.count() == 9
    img = main_img(client.get(page.url).content.decode())
    assert img["alt"] == ALT and img["fetchpriority"] == "high"


def test_event_shares_its_own_image(client, calendar, image):
    """A shared event shows its image at the size link previews use, with its description."""
    event(
        calendar,
        "Webbfika",
        local(2026, 12, 9, 14, 0),
        slug="webbfika",
        listing_image=image,
        listing_image_alt=ALT,
    )
    soup = BeautifulSoup(client.get("/sv/evenemang/webbfika/").content.decode(), "html.parser")
    meta = {tag.get("property") or tag.get("name"): tag.get("content") for tag in soup("meta")}
    assert "/media/images/" in meta["og:image"] and "1200x630" in meta["og:image"]
    assert meta["twitter:image"] == meta["og:image"]
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
    assert meta["og:image:alt"] == ALT


def test_english_translation_keeps_the_image_with_english_text(
    client, home_en, calendar, image, django_capture_on_commit_callbacks
):
    """wagtail-localize keeps the image in the translation and translates its description."""
    translation_of(calendar, "en", EventIndexPageFactory, title="Events", slug="events")
    source = event(
        calendar,
        "Webbfika om energi",
        local(2026, 12, 9, 14, 0),
        slug="energi",
        listing_image=image,
        listing_image_alt=ALT,
    )
    with django_capture_on_commit_callbacks(execute=True):
        DemoLoader().translate(
            source,
            "en",
            {
                "title": "Online coffee on energy",
                "slug": "energy",
                "summary": "An hour on energy.",
                "listing_image_alt": "People at their screens during an online coffee",
            },
        )
    english = EventPage.objects.get(slug="energy")
    assert english.listing_image_id == image.pk
    img = main_img(client.get("/en/events/energy/").content.decode())
    assert img["alt"] == "People at their screens during an online coffee"
    assert main_img(client.get("/sv/evenemang/energi/").content.decode())["alt"] == ALT
