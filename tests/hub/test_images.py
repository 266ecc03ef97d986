"""Images as visitors get them: pictures in AVIF and WebP with a JPEG fallback, sized to fit."""

from datetime import date, timedelta
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from django.conf import settings
from django.core.files.storage import default_storage
from django.utils import timezone

from tests.factories import (
    EventIndexPageFactory,
    ImageFactory,
    NewsletterIndexPageFactory,
    NewsletterIssuePageFactory,
    case_study,
    event,
)

pytestmark = pytest.mark.django_db
FORMATS = {"image/avif": "AVIF", "image/webp": "WEBP", "image/jpeg": "JPEG"}


def photo():
    """An uploaded picture larger than the largest rendition the pages ask for."""
    return ImageFactory(file__width=1600, file__height=1000)


def pictures(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return BeautifulSoup(response.content.decode(), "html.parser").find_all("picture")


def srcset(value):
    """[(address, width)] of a srcset attribute."""
    pairs = [candidate.strip().rsplit(" ", 1) for candidate in value.split(",")]
    return [(url, int(width.removesuffix("w"))) for url, width in pairs]


def assert_stored(url, file_format, width):
    """The rendition at `url` is a file of that format and width, in the media storage."""
    path = urlparse(url).path
    assert path.startswith(settings.MEDIA_URL), url
    with default_storage.open(path.removeprefix(settings.MEDIA_URL)) as file:
        stored = Image.open(file)
        assert (stored.format, stored.width) == (file_format, width), url


def assert_picture(picture, *, alt, widths, sizes):
    """AVIF and WebP sources and a JPEG <img>, each at `widths`, with their files made."""
    sources = picture.find_all("source")
    assert [source["type"] for source in sources] == ["image/avif", "image/webp"]
    img = picture.find("img")
    for element, mime_type in [*((source, source["type"]) for source in sources), (img, None)]:
        assert element["sizes"] == sizes
        candidates = srcset(element["srcset"])
        assert [width for _url, width in candidates] == widths
        for url, width in candidates:
            assert_stored(url, FORMATS[mime_type or "image/jpeg"], width)
    assert img["alt"] == alt
    assert img["src"] == srcset(img["srcset"])[0][0]
    # The fallback's own size, so the page keeps the image's place while it loads.
    assert int(img["width"]) * 9 == int(img["height"]) * 16
    return img


@pytest.fixture
def calendar(home):
    return EventIndexPageFactory(parent=home)


def test_case_study_page_shows_its_image_first(client, library):
    """The main image is at the top of the case study, fetched first and never lazily."""
    case_study(
        library,
        "Solceller på skolor",
        slug="solceller",
        listing_image=photo(),
        listing_image_alt="Solpaneler på ett skoltak",
    )
    (picture,) = pictures(client, "/sv/exempel/solceller/")
    img = assert_picture(
        picture,
        alt="Solpaneler på ett skoltak",
        widths=[800, 1200],
        sizes="(min-width: 48rem) 46rem, calc(100vw - 2rem)",
    )
    assert img["fetchpriority"] == "high"
    assert "loading" not in img.attrs
    assert "main-image" in img["class"]


def test_case_study_cards_load_their_images_lazily(client, library):
    """The library's cards carry small pictures, loaded as the visitor scrolls to them."""
    for number in range(2):
        case_study(
            library,
            f"Exempel {number}",
            listing_image=photo(),
            listing_image_alt=f"Foto {number}",
        )
    case_study(library, "Utan bild")
    found = pictures(client, "/sv/exempel/")
    assert len(found) == 2
    for picture in found:
        img = assert_picture(
            picture,
            alt=picture.find("img")["alt"],
            widths=[400, 800],
            sizes="(min-width: 34rem) 24rem, calc(100vw - 2rem)",
        )
        assert img["loading"] == "lazy"
        assert "fetchpriority" not in img.attrs
    assert sorted(picture.find("img")["alt"] for picture in found) == ["Foto 0", "Foto 1"]


def test_event_page_and_cards_show_the_event_image(client, calendar):
    """An event's image is at the top of its page and on its card in the calendar."""
    event(
        calendar,
        "Klimatfrukost",
        timezone.now() + timedelta(days=3),
        slug="frukost",
        listing_image=photo(),
        listing_image_alt="Frukostbord med deltagare",
    )
    (picture,) = pictures(client, "/sv/evenemang/frukost/")
    img = assert_picture(
        picture,
        alt="Frukostbord med deltagare",
        widths=[800, 1200],
        sizes="(min-width: 48rem) 46rem, calc(100vw - 2rem)",
    )
    assert img["fetchpriority"] == "high"
    (card,) = pictures(client, "/sv/evenemang/")
    img = assert_picture(card, alt="Frukostbord med deltagare", widths=[400, 800], sizes="16rem")
    assert img["loading"] == "lazy"


def test_event_without_an_image_shows_none(client, calendar):
    """Nothing stands in for a missing image: no empty picture, no placeholder."""
    event(calendar, "Webbfika", timezone.now() + timedelta(days=3), slug="webbfika")
    assert pictures(client, "/sv/evenemang/webbfika/") == []
    assert pictures(client, "/sv/evenemang/") == []


def test_featured_case_study_in_a_newsletter_issue(client, home, library):
    """A newsletter issue's featured case study shows its picture, lazily."""
    study = case_study(
        library, "Vindkraft", listing_image=photo(), listing_image_alt="Tre vindkraftverk"
    )
    archive = NewsletterIndexPageFactory(parent=home)
    NewsletterIssuePageFactory(
        parent=archive,
        slug="nummer-1",
        number=1,
        issue_date=date(2026, 11, 1),
        sections=[{"type": "featured_case_study", "value": {"page": study.pk, "note": ""}}],
    )
    (picture,) = pictures(client, "/sv/nyhetsbrev/nummer-1/")
    img = assert_picture(
        picture,
        alt="Tre vindkraftverk",
        widths=[400, 800],
        sizes="(min-width: 30rem) 24rem, calc(100vw - 4.5rem)",
    )
    assert img["loading"] == "lazy"


@pytest.mark.parametrize(("decorative", "alt"), [(False, "Karta över cykelvägar"), (True, "")])
def test_image_block_keeps_the_image_shape(client, library, decorative, alt):
    """An image in the body keeps its proportions in every format; a decorative one has no alt."""
    image = ImageFactory(file__width=1600, file__height=1200)
    block = {"image": image, "alt_text": "Karta över cykelvägar", "decorative": decorative}
    case_study(library, "Cykelvägar", slug="cykel", body=[("image", {**block, "caption": ""})])
    (picture,) = pictures(client, "/sv/exempel/cykel/")
    sources = picture.find_all("source")
    assert [source["type"] for source in sources] == ["image/avif", "image/webp"]
    img = picture.find("img")
    assert img["alt"] == alt
    assert img["loading"] == "lazy"
    assert (img["width"], img["height"]) == ("800", "600")
    for element in [*sources, img]:
        assert [width for _url, width in srcset(element["srcset"])] == [800, 1200]


def test_a_small_image_lists_each_width_once(client, library):
    """An image narrower than the sizes asked for is not enlarged, and its width is listed once."""
    case_study(
        library,
        "Liten bild",
        slug="liten",
        listing_image=ImageFactory(file__width=700, file__height=500),
        listing_image_alt="Ett tak",
    )
    (picture,) = pictures(client, "/sv/exempel/liten/")
    for element in [*picture.find_all("source"), picture.find("img")]:
        assert [width for _url, width in srcset(element["srcset"])] == [700]


def test_a_new_focal_point_shows_on_the_next_visit(client, editor, library):
    """An editor moves an image's focal point; the card's cropped files follow at once,
    however often the library was shown before."""
    image = photo()
    case_study(library, "Exempel", listing_image=image, listing_image_alt="Foto")
    (before,) = pictures(client, "/sv/exempel/")
    pictures(client, "/sv/exempel/")  # shown twice: the picture is remembered
    response = client.post(
        f"/admin/images/{image.pk}/",
        {
            "title": image.title,
            "collection": image.collection_id,
            "tags": "",
            "focal_point_x": 1400,
            "focal_point_y": 500,
            "focal_point_width": 200,
            "focal_point_height": 200,
        },
    )
    assert response.status_code == 302
    (after,) = pictures(client, "/sv/exempel/")
    assert after.find("img")["src"] != before.find("img")["src"]
    assert_picture(
        after, alt="Foto", widths=[400, 800], sizes="(min-width: 34rem) 24rem, calc(100vw - 2rem)"
    )
