"""What a shared link and a search engine read: canonical address, Open Graph, Twitter, JSON-LD."""

import base64
import hashlib
import json
from datetime import date, timedelta
from io import BytesIO
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from django.conf import settings
from django.core.files.storage import default_storage
from django.utils import timezone

from tests.factories import (
    CaseStudyIndexPageFactory,
    CaseStudyPageFactory,
    EventIndexPageFactory,
    ImageFactory,
    NewsletterIndexPageFactory,
    NewsletterIssuePageFactory,
    OrganisationFactory,
    case_study,
    event,
    translation_of,
)
from tests.utils import assert_kept, turn_on_page_cache

pytestmark = pytest.mark.django_db
BASE = "http://testserver"


def read(client, path):
    """(parsed page, {meta property or name: [contents]}, [JSON-LD objects]) of a 200 response."""
    response = client.get(path)
    assert response.status_code == 200, path
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    meta = {}
    for tag in soup.find_all("meta"):
        key = tag.get("property") or tag.get("name")
        if key:
            meta.setdefault(key, []).append(tag.get("content"))
    scripts = soup.find_all("script", type="application/ld+json")
    return soup, meta, [json.loads(script.string) for script in scripts]


def canonical(soup):
    links = soup.find_all("link", rel="canonical")
    assert len(links) <= 1
    return links[0]["href"] if links else None


def of_type(objects, kind):
    found = [item for item in objects if item["@type"] == kind]
    assert len(found) == 1, [item["@type"] for item in objects]
    assert found[0]["@context"] == "https://schema.org"
    return found[0]


def answers(client, url):
    """The body of a site URL fetched through the site itself."""
    assert url.startswith(BASE + "/"), url
    response = client.get(urlparse(url).path)
    assert response.status_code == 200, url
    return b"".join(response.streaming_content) if response.streaming else response.content


def assert_default_image(client, meta):
    (url,) = meta["og:image"]
    assert url.startswith(f"{BASE}/static/hub/img/share-default")
    assert meta["og:image:width"] == ["1200"] and meta["og:image:height"] == ["630"]
    assert meta["og:image:alt"] == ["Klimathubben: kommuner som delar sitt klimatarbete"]
    assert meta["twitter:image"] == [url]
    assert meta["twitter:card"] == ["summary_large_image"]
    assert answers(client, url).startswith(b"\x89PNG")


@pytest.fixture
def study(library, themes):
    """A Swedish case study with an image, two themes, a partner and two municipalities."""
    partner = OrganisationFactory(name="Energibolaget", website="https://energi.example.org/")
    return case_study(
        library,
        "Solceller på skolor",
        slug="solceller",
        summary="Kommunen och energibolaget satte solceller på tolv skolor.",
        themes=[themes["symbios"], themes["kontrakt"]],
        municipalities=["1780", "1784"],
        partners=[partner],
        listing_image=ImageFactory(file__width=1600, file__height=1000),
        listing_image_alt="Solpaneler på ett skoltak",
        published_at=timezone.now() - timedelta(days=3),
    )


@pytest.fixture
def english_study(study, library, home_en):
    """The English translation of `study`, in an English library."""
    translation_of(library, "en", CaseStudyIndexPageFactory, title="Examples", slug="examples")
    return translation_of(
        study,
        "en",
        CaseStudyPageFactory,
        title="Solar panels on schools",
        slug="solar-panels",
        summary="The municipality and the energy company put solar panels on twelve schools.",
    )


def test_home_page(client, home):
    """The home page names the hub as an Organization and shares the default image."""
    soup, meta, data = read(client, "/sv/")
    assert canonical(soup) == f"{BASE}/sv/"
    assert meta["og:url"] == [f"{BASE}/sv/"]
    assert meta["og:type"] == ["website"]
    assert meta["og:title"] == ["Klimathubben"]
    assert meta["og:site_name"] == ["Klimathubben"]
    assert meta["og:description"] == meta["description"] == meta["twitter:description"]
    assert meta["og:locale"] == ["sv_SE"]
    assert "og:locale:alternate" not in meta  # no English home page yet
    assert_default_image(client, meta)
    organisation = of_type(data, "Organization")
    assert organisation["name"] == "Klimathubben"
    assert organisation["url"] == f"{BASE}/"
    assert "sameAs" not in organisation
    assert Image.open(BytesIO(answers(client, organisation["logo"]))).size == (512, 512)


def test_home_page_names_its_translation(client, home, home_en):
    """With an English home page, each language names the other as its alternate locale."""
    for path, own, other in [("/sv/", "sv_SE", "en_GB"), ("/en/", "en_GB", "sv_SE")]:
        _soup, meta, _data = read(client, path)
        assert meta["og:locale"] == [own], path
        assert meta["og:locale:alternate"] == [other], path


def test_case_study(client, study):
    """A case study is an Article with its partner, themes, municipalities and image."""
    soup, meta, data = read(client, "/sv/exempel/solceller/")
    url = f"{BASE}/sv/exempel/solceller/"
    assert canonical(soup) == url
    assert meta["og:type"] == ["article"]
    assert meta["og:title"] == meta["twitter:title"] == ["Solceller på skolor"]
    assert meta["og:description"] == ["Kommunen och energibolaget satte solceller på tolv skolor."]
    assert meta["article:published_time"] == [
        timezone.localtime(study.first_published_at).isoformat()
    ]
    assert "og:locale:alternate" not in meta  # not translated
    (image_url,) = meta["og:image"]
    assert meta["og:image:width"] == ["1200"] and meta["og:image:height"] == ["630"]
    assert meta["og:image:alt"] == meta["twitter:image:alt"] == ["Solpaneler på ett skoltak"]
    assert image_url.startswith(f"{BASE}{settings.MEDIA_URL}images/")
    stored = urlparse(image_url).path.removeprefix(settings.MEDIA_URL)
    with default_storage.open(stored) as file:
        assert Image.open(file).size == (1200, 630)

    article = of_type(data, "Article")
    assert article["headline"] == "Solceller på skolor"
    assert article["description"] == meta["og:description"][0]
    assert article["url"] == article["mainEntityOfPage"] == url
    assert article["inLanguage"] == "sv"
    assert article["datePublished"] == study.first_published_at.isoformat()
    assert article["dateModified"] == study.last_published_at.isoformat()
    assert article["image"] == {
        "@type": "ImageObject",
        "url": image_url,
        "width": 1200,
        "height": 630,
    }
    assert article["author"] == [
        {"@type": "Organization", "name": "Energibolaget", "url": "https://energi.example.org/"}
    ]
    assert article["publisher"]["name"] == "Klimathubben"
    assert article["publisher"]["logo"].startswith(f"{BASE}/static/hub/img/share-logo")
    assert article["about"] == [
        {"@type": "DefinedTerm", "name": "Industriell symbios"},
        {"@type": "DefinedTerm", "name": "Klimatkontrakt"},
    ]
    places = {place["name"]: place for place in article["spatialCoverage"]}
    assert set(places) == {"Karlstad", "Arvika"}
    assert places["Karlstad"]["@type"] == "AdministrativeArea"
    assert places["Karlstad"]["identifier"]["value"] == "1780"
    assert places["Arvika"]["identifier"]["value"] == "1784"

    crumbs = of_type(data, "BreadcrumbList")["itemListElement"]
    assert [(item["position"], item["name"], item["item"]) for item in crumbs] == [
        (1, "Klimathubben", f"{BASE}/sv/"),
        (2, "Exempel", f"{BASE}/sv/exempel/"),
        (3, "Solceller på skolor", url),
    ]


def test_case_study_in_english(client, english_study):
    """The English case study says so, and each language names the other one's locale."""
    soup, meta, data = read(client, "/en/examples/solar-panels/")
    assert canonical(soup) == f"{BASE}/en/examples/solar-panels/"
    assert meta["og:locale"] == ["en_GB"]
    assert meta["og:locale:alternate"] == ["sv_SE"]
    assert meta["og:title"] == ["Solar panels on schools"]
    article = of_type(data, "Article")
    assert article["inLanguage"] == "en"
    assert article["headline"] == "Solar panels on schools"
    assert [item["name"] for item in of_type(data, "BreadcrumbList")["itemListElement"]] == [
        "Klimathubben",
        "Examples",
        "Solar panels on schools",
    ]
    _soup, swedish, _data = read(client, "/sv/exempel/solceller/")
    assert swedish["og:locale:alternate"] == ["en_GB"]


def test_small_image_gives_way_to_the_default(client, library):
    """An image too small to be shown large is not shared; the default image is."""
    image = ImageFactory(file__width=400, file__height=300)
    case_study(
        library, "Liten bild", slug="liten", listing_image=image, listing_image_alt="Ett tak"
    )
    _soup, meta, data = read(client, "/sv/exempel/liten/")
    assert_default_image(client, meta)
    assert of_type(data, "Article")["image"]["url"] == meta["og:image"][0]


def test_title_that_could_break_out_is_escaped(client, library):
    """A title holding `</script>`, quotes and ampersands parses back intact everywhere."""
    title = 'Slut </script><script>alert(1)</script> "citat" & <!-- så'
    case_study(library, title, slug="knepig")
    response = client.get("/sv/exempel/knepig/")
    html = response.content.decode()
    assert "<script>alert(1)" not in html
    soup, meta, data = read(client, "/sv/exempel/knepig/")
    assert meta["og:title"] == meta["twitter:title"] == [title]
    assert of_type(data, "Article")["headline"] == title
    assert of_type(data, "BreadcrumbList")["itemListElement"][-1]["name"] == title


def test_json_ld_is_allowed_by_its_hash(client, study):
    """Every JSON-LD script is allowed by the Content-Security-Policy, with no nonce."""
    response = client.get("/sv/exempel/solceller/")
    policy = response["Content-Security-Policy"]
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    scripts = soup.find_all("script", type="application/ld+json")
    assert len(scripts) == 2
    for script in scripts:
        digest = base64.b64encode(hashlib.sha256(script.string.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy
    assert "nonce-" not in policy


def test_page_with_json_ld_is_kept_in_the_page_cache(client, settings, study):
    """The sharing tags are the same for every visitor, so the page cache keeps the page."""
    turn_on_page_cache(settings)
    first = client.get("/sv/exempel/solceller/")
    kept = assert_kept(client, "/sv/exempel/solceller/")
    assert kept.content == first.content
    assert kept["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_event_keeps_its_event_data(client, home):
    """An event's Event data comes through the same helper, beside its breadcrumbs."""
    calendar = EventIndexPageFactory(parent=home)
    start = timezone.now() + timedelta(days=5)
    event(calendar, "Klimatfrukost", start, slug="frukost", municipalities=["1780"])
    soup, meta, data = read(client, "/sv/evenemang/frukost/")
    assert canonical(soup) == f"{BASE}/sv/evenemang/frukost/"
    assert meta["og:type"] == ["website"]
    assert meta["og:title"] == ["Klimatfrukost"]
    assert_default_image(client, meta)
    item = of_type(data, "Event")
    assert item["name"] == "Klimatfrukost"
    assert item["url"] == f"{BASE}/sv/evenemang/frukost/"
    assert item["startDate"] == start.isoformat()
    assert item["inLanguage"] == "sv"
    assert item["organizer"]["name"] == "Klimathubben"
    assert item["image"] == meta["og:image"]
    assert [entry["name"] for entry in of_type(data, "BreadcrumbList")["itemListElement"]] == [
        "Klimathubben",
        "Evenemang",
        "Klimatfrukost",
    ]


def test_newsletter_issue(client, home):
    """A newsletter issue is an Article by the network, dated by its issue."""
    archive = NewsletterIndexPageFactory(parent=home)
    NewsletterIssuePageFactory(
        parent=archive, slug="nummer-7", number=7, issue_date=date(2026, 3, 2), title="Mars"
    )
    soup, meta, data = read(client, "/sv/nyhetsbrev/nummer-7/")
    assert canonical(soup) == f"{BASE}/sv/nyhetsbrev/nummer-7/"
    assert meta["og:type"] == ["article"]
    assert_default_image(client, meta)
    article = of_type(data, "Article")
    assert article["headline"] == "Mars"
    assert article["description"] == "Det här händer i nätverket."
    assert article["datePublished"] == "2026-03-02T08:00:00+01:00"
    assert article["author"]["name"] == article["publisher"]["name"] == "Klimathubben"
    assert article["image"]["url"] == meta["og:image"][0]
    assert "about" not in article and "spatialCoverage" not in article
    assert of_type(data, "BreadcrumbList")["itemListElement"][1]["name"] == "Nyhetsbrev"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", "/sv/exempel/"),
        ("?page=2", "/sv/exempel/?page=2"),
        ("?page=1", "/sv/exempel/"),
        ("?page=tva", "/sv/exempel/"),
        ("?theme=klimatkontrakt", "/sv/exempel/"),
        ("?theme=klimatkontrakt&page=2", "/sv/exempel/"),
        ("?utm_source=nyhetsbrev", "/sv/exempel/"),
    ],
)
def test_library_canonical(client, library, themes, query, expected):
    """A filtered library points to the library; a further page of it to itself."""
    for number in range(14):
        case_study(library, f"Exempel {number}", themes=[themes["kontrakt"]])
    soup, meta, _data = read(client, f"/sv/exempel/{query}")
    assert canonical(soup) == meta["og:url"][0] == BASE + expected
    assert meta["og:title"] == ["Exempel"]


def test_tag_page(client, library):
    """A tag page and one type's further page are canonical, with their breadcrumbs."""
    for number in range(30):
        case_study(library, f"Exempel {number}", tags=["klimat"])
    soup, meta, data = read(client, "/sv/taggar/klimat/")
    assert canonical(soup) == f"{BASE}/sv/taggar/klimat/"
    assert meta["og:title"] == ["Tagg: klimat"]
    assert meta["og:locale:alternate"] == ["en_GB"]  # the same view answers in English
    assert [
        (entry["name"], entry["item"])
        for entry in of_type(data, "BreadcrumbList")["itemListElement"]
    ] == [("Taggar", f"{BASE}/sv/taggar/"), ("klimat", f"{BASE}/sv/taggar/klimat/")]

    soup, meta, data = read(client, "/sv/taggar/klimat/?page=2&section=case_studies&sort=x")
    assert canonical(soup) == f"{BASE}/sv/taggar/klimat/"
    soup, meta, data = read(client, "/sv/taggar/klimat/?page=2&section=case_studies")
    assert canonical(soup) == f"{BASE}/sv/taggar/klimat/?section=case_studies&page=2"
    crumbs = of_type(data, "BreadcrumbList")["itemListElement"]
    assert crumbs[-1]["item"] == f"{BASE}/sv/taggar/klimat/?section=case_studies"
    assert [entry["position"] for entry in crumbs] == [1, 2, 3]


def test_noindex_pages_have_no_canonical(client, home):
    """A search with a query is kept out of search engines, so it names no canonical page."""
    soup, meta, _data = read(client, "/sv/sok/?q=klimat")
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert canonical(soup) is None
    assert meta["og:title"] == ["Sök: klimat"]
    soup, _meta, _data = read(client, "/sv/sok/")
    assert canonical(soup) == f"{BASE}/sv/sok/"


def test_municipality_page(client, library):
    """A municipality page is canonical by itself, with its breadcrumbs."""
    case_study(library, "Solkartan", municipalities=["1780"])
    soup, meta, data = read(client, "/sv/kommuner/karlstad/?sort=nyast")
    assert canonical(soup) == f"{BASE}/sv/kommuner/karlstad/"
    assert meta["og:title"] == ["Karlstad"]
    assert meta["og:locale:alternate"] == ["en_GB"]
    assert [
        (entry["position"], entry["name"], entry["item"])
        for entry in of_type(data, "BreadcrumbList")["itemListElement"]
    ] == [
        (1, "Kommuner och län", f"{BASE}/sv/kommuner/"),
        (2, "Karlstad", f"{BASE}/sv/kommuner/karlstad/"),
    ]
