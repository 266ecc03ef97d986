from datetime import UTC, datetime

import pytest

from hub.blocks import parse_video_url
from tests.factories import StandardPageFactory, translation_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.youtube.com/watch?v=aqz-KE-bpKQ", "youtube-nocookie.com/embed/aqz-KE-bpKQ"),
        ("https://youtu.be/aqz-KE-bpKQ?t=10", "youtube-nocookie.com/embed/aqz-KE-bpKQ"),
        ("https://vimeo.com/76979871", "player.vimeo.com/video/76979871?dnt=1"),
    ],
)
def test_supported_video_addresses_get_a_privacy_friendly_embed(url, expected):
    """YouTube and Vimeo addresses turn into their no-tracking embed addresses."""
    assert expected in parse_video_url(url)[1]


@pytest.mark.parametrize(
    "url",
    ["https://example.org/film.mp4", "https://www.youtube.com/watch?v=<script>", "", "nonsense"],
)
def test_other_video_addresses_are_refused(url):
    """Anything else is not embedded."""
    assert parse_video_url(url) is None


def test_latest_section_lists_the_newest_children_of_the_chosen_page(client, home, home_en):
    """A home page section shows the newest pages under the chosen listing page."""
    news = StandardPageFactory(parent=home, title="Aktuellt", slug="aktuellt")
    for day, title in enumerate(["Äldst", "Mitten", "Nyast"], start=1):
        StandardPageFactory(
            parent=news, title=title, first_published_at=datetime(2026, 3, day, tzinfo=UTC)
        )
    home.sections = [
        {
            "type": "latest",
            "value": {
                "heading": "Senaste nytt",
                "source": news.pk,
                "count": 2,
                "link_text": "Allt",
            },
        }
    ]
    home.save_revision().publish()
    html = client.get("/sv/").content.decode()
    section = html.split("Senaste nytt")[1]
    assert "Nyast" in section and "Mitten" in section
    assert "Äldst" not in section
    assert 'href="/sv/aktuellt/">Allt</a>' in section


def test_latest_section_on_the_english_home_uses_the_english_listing(client, home, home_en):
    """Editors choose the Swedish listing page once; English visitors see the English one."""
    news = StandardPageFactory(parent=home, title="Aktuellt", slug="aktuellt")
    news_en = translation_of(news, "en", StandardPageFactory, title="News", slug="news")
    StandardPageFactory(parent=news_en, title="An English item")
    home_en.sections = [
        {
            "type": "latest",
            "value": {"heading": "Latest", "source": news.pk, "count": 3, "link_text": "All"},
        }
    ]
    home_en.save_revision().publish()
    html = client.get("/en/").content.decode()
    assert "An English item" in html
    assert 'href="/en/news/">All</a>' in html


def test_latest_section_says_so_when_nothing_is_published(client, home):
    """An empty listing shows a friendly line instead of an empty box."""
    news = StandardPageFactory(parent=home, title="Aktuellt", slug="aktuellt")
    home.sections = [
        {"type": "latest", "value": {"heading": "Nytt", "source": news.pk, "count": 3}}
    ]
    home.save_revision().publish()
    assert "Inget publicerat här ännu." in client.get("/sv/").content.decode()


def test_document_block_shows_type_and_size(client, home):
    """A document download says what kind of file it is and how large."""
    from django.core.files.base import ContentFile

    from wagtail.documents.models import Document

    document = Document.objects.create(
        title="Presentation", file=ContentFile(b"%PDF-1.4 " + b"x" * 2048, name="bild.pdf")
    )
    StandardPageFactory(
        parent=home,
        slug="material",
        body=[{"type": "document", "value": {"document": document.pk, "title": ""}}],
    )
    html = client.get("/sv/material/").content.decode()
    assert ">Presentation</a>" in html
    assert "(PDF, 2,0\xa0kB)" in html
