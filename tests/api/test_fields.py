"""What the API says about each content type, field by field, in both languages."""

from datetime import datetime

import pytest

from tests.api.conftest import get_json

pytestmark = pytest.mark.django_db

NORRKOPING = {
    "code": "0581",
    "name": "Norrköping",
    "slug": "norrkoping",
    "county": {"code": "05", "name": "Östergötlands län"},
}
LINKOPING = {
    "code": "0580",
    "name": "Linköping",
    "slug": "linkoping",
    "county": {"code": "05", "name": "Östergötlands län"},
}
KARLSTAD = {
    "code": "1780",
    "name": "Karlstad",
    "slug": "karlstad",
    "county": {"code": "17", "name": "Värmlands län"},
}
PARTNER = {"name": "Händelö Eco", "kind": "company", "website": "https://example.org/eco"}


def only_item(answer):
    assert answer["meta"] == {"total_count": 1, "total_count_exact": True}
    [item] = answer["items"]
    return item


def check_meta(item, page, type_name, language, settings):
    meta = item["meta"]
    assert meta["type"] == type_name
    assert meta["detail_url"] == f"{settings.WAGTAILAPI_BASE_URL}/api/v2/pages/{page.pk}/"
    assert meta["html_url"].endswith(page.url)
    assert meta["html_url"].startswith("http")
    assert meta["slug"] == page.slug
    assert meta["locale"] == language
    published = meta["first_published_at"]
    assert (published and datetime.fromisoformat(published)) == page.first_published_at
    assert item["id"] == page.pk
    assert item["title"] == page.title


@pytest.mark.parametrize(
    ("language", "title", "theme", "summary", "figure"),
    [
        ("sv", "Industriell symbios i Norrköping", "Industriell symbios", "Företag", "mindre"),
        ("en", "Industrial symbiosis in Norrköping", "Industrial symbiosis", "Companies", "less"),
    ],
)
def test_a_case_study_in_each_language(
    client, content, settings, language, title, theme, summary, figure
):
    """A case study lists its themes, municipalities with codes, partners, years and figures."""
    page = content["study" if language == "sv" else "study_en"]
    path = f"/api/v2/pages/?type=casestudies.CaseStudyPage&locale={language}&fields=*"
    item = only_item(get_json(client, path))
    check_meta(item, page, "casestudies.CaseStudyPage", language, settings)
    assert item["title"] == title
    assert item["summary"].startswith(summary)
    assert item["status"] == "completed"
    assert (item["start_year"], item["end_year"]) == (2019, 2023)
    assert item["themes"] == [{"slug": "industriell-symbios", "name": theme}]
    assert item["municipalities"] == [LINKOPING, NORRKOPING]
    assert item["partners"] == [PARTNER]
    assert item["tags"] == ["näringsliv", "symbios"]
    [key_figure] = item["key_figures"]
    assert key_figure["type"] == "figure"
    assert key_figure["value"]["value"] == "40"
    assert key_figure["value"]["unit"] == "%"
    assert key_figure["value"]["label"].startswith(figure)
    # The detail view says the same, and names the page's parent.
    detail = get_json(client, f"/api/v2/pages/{page.pk}/")
    for name in ("title", "summary", "themes", "municipalities", "partners", "tags"):
        assert detail[name] == item[name], name
    assert detail["meta"]["parent"]["id"] == page.get_parent().pk


@pytest.mark.parametrize(
    ("language", "title", "type_name", "audience"),
    [
        ("sv", "Webbfika om symbios", "Webbfika", "Alla kommuner"),
        ("en", "Web coffee on symbiosis", "Web coffee", "All municipalities"),
    ],
)
def test_an_event_in_each_language(client, content, settings, language, title, type_name, audience):
    """An event gives its type, times in Swedish time, place, organisers and registration."""
    page = content["event" if language == "sv" else "event_en"]
    path = f"/api/v2/pages/?type=events.EventPage&locale={language}&fields=*"
    item = only_item(get_json(client, path))
    check_meta(item, page, "events.EventPage", language, settings)
    assert item["title"] == title
    assert item["event_type"] == {"slug": "webbfika", "name": type_name}
    assert item["start"] == "2026-03-10T09:00:00+01:00"
    assert item["end"] == "2026-03-10T10:00:00+01:00"
    assert item["status"] == "scheduled"
    assert item["attendance_mode"] == "online"
    assert item["audience"] == audience
    assert item["themes"][0]["slug"] == "industriell-symbios"
    assert item["municipalities"] == [KARLSTAD]
    assert item["organisers"] == [PARTNER]
    if language == "sv":
        assert item["tags"] == ["symbios"]
        assert item["registration_url"] == "https://example.org/anmalan"
    detail = get_json(client, f"/api/v2/pages/{page.pk}/")
    assert detail["event_type"] == item["event_type"]
    assert detail["start"] == item["start"]


@pytest.mark.parametrize(
    ("language", "title", "intro"),
    [("sv", "Symbiosnumret", "Om symbios."), ("en", "The symbiosis issue", "On symbiosis.")],
)
def test_a_newsletter_issue_in_each_language(client, content, settings, language, title, intro):
    """An issue gives its date, number, introduction and tags."""
    page = content["issue" if language == "sv" else "issue_en"]
    path = f"/api/v2/pages/?type=hub.NewsletterIssuePage&locale={language}&fields=*"
    item = only_item(get_json(client, path))
    check_meta(item, page, "hub.NewsletterIssuePage", language, settings)
    assert item["title"] == title
    assert item["issue_date"] == "2026-02-01"
    assert item["number"] == 7
    assert item["intro"] == intro
    assert item["sign_off"] == "Kansliet"
    assert item["tags"] == ["symbios"]


def test_the_default_listing_names_each_page_briefly(client, content):
    """Without `fields`, each page gives its id, type, addresses, title and language."""
    answer = get_json(client, "/api/v2/pages/?type=casestudies.CaseStudyPage&locale=sv")
    [item] = answer["items"]
    assert set(item) == {"id", "meta", "title"}
    assert set(item["meta"]) == {
        "type",
        "detail_url",
        "html_url",
        "slug",
        "first_published_at",
        "locale",
    }


def test_every_public_page_type_is_listed_by_default(client, content):
    """Without `type`, every live page of the site is listed, in both languages."""
    answer = get_json(client, "/api/v2/pages/?limit=100")
    types = {item["meta"]["type"] for item in answer["items"]}
    assert {"casestudies.CaseStudyPage", "events.EventPage", "hub.NewsletterIssuePage"} <= types
    assert {item["meta"]["locale"] for item in answer["items"]} == {"sv", "en"}
    assert answer["meta"]["total_count"] == len(answer["items"])


def test_images_and_documents(client, content):
    """The image and document endpoints list title, size, tags and where to download."""
    from django.core.files.base import ContentFile

    from wagtail.documents.models import Document

    from tests.factories import ImageFactory

    image = ImageFactory(title="Värmeväxlare")
    image.tags.add("symbios")
    document = Document.objects.create(
        title="Slutrapport", file=ContentFile(b"%PDF-1.4 rapport", name="slutrapport.pdf")
    )
    [item] = get_json(client, "/api/v2/images/?fields=*")["items"]
    assert item["id"] == image.pk
    assert item["title"] == "Värmeväxlare"
    assert (item["width"], item["height"]) == (image.width, image.height)
    assert item["meta"]["tags"] == ["symbios"]
    assert item["meta"]["download_url"].endswith(image.file.name.rsplit("/", 1)[-1])
    [item] = get_json(client, "/api/v2/documents/?fields=*")["items"]
    assert item["title"] == "Slutrapport"
    assert item["meta"]["download_url"].endswith(f"/documents/{document.pk}/slutrapport.pdf")
