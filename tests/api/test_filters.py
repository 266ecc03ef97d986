"""Filtering, ordering and paging the API's listings, and bad input answered with a 400."""

import pytest

from tests.api.conftest import get_json, titles
from tests.factories import case_study

pytestmark = pytest.mark.django_db

STUDY, STUDY_EN = "Industriell symbios i Norrköping", "Industrial symbiosis in Norrköping"
EVENT, EVENT_EN = "Webbfika om symbios", "Web coffee on symbiosis"
ISSUE, ISSUE_EN = "Symbiosnumret", "The symbiosis issue"


def listed(client, query):
    return set(titles(get_json(client, f"/api/v2/pages/?limit=100&{query}")))


def test_by_type(client, content):
    assert listed(client, "type=casestudies.CaseStudyPage") == {STUDY, STUDY_EN}
    assert listed(client, "type=events.EventPage,hub.NewsletterIssuePage") == {
        EVENT,
        EVENT_EN,
        ISSUE,
        ISSUE_EN,
    }


def test_by_locale(client, content):
    swedish = listed(client, "locale=sv")
    assert {STUDY, EVENT, ISSUE} <= swedish
    assert not {STUDY_EN, EVENT_EN, ISSUE_EN} & swedish
    assert listed(client, "locale=en&type=events.EventPage") == {EVENT_EN}


def test_by_theme_across_types_and_languages(client, content, library):
    """The theme's slug is the same in both languages; issues have no themes."""
    case_study(library, "Utan tema")
    assert listed(client, "theme=industriell-symbios") == {STUDY, STUDY_EN, EVENT, EVENT_EN}
    assert listed(client, "theme=industriell-symbios&locale=en") == {STUDY_EN, EVENT_EN}
    assert listed(client, "theme=industriell-symbios&type=hub.NewsletterIssuePage") == set()


@pytest.mark.parametrize("value", ["0581", "norrkoping"])
def test_by_municipality_code_or_slug(client, content, value):
    assert listed(client, f"municipality={value}") == {STUDY, STUDY_EN}
    assert listed(client, f"municipality={value}&type=casestudies.CaseStudyPage&locale=sv") == {
        STUDY
    }


def test_by_two_municipalities_means_both(client, content, library):
    case_study(library, "Bara Linköping", municipalities=("0580",))
    assert listed(client, "municipality=0580&locale=sv") == {STUDY, "Bara Linköping"}
    assert listed(client, "municipality=0580,0581&locale=sv") == {STUDY}


@pytest.mark.parametrize("value", ["symbios", "Symbios"])
def test_by_tag_for_every_type(client, content, value):
    """Wagtail's `tags` filter, for case studies, events and issues together."""
    assert listed(client, f"tags={value}&locale=sv") == {STUDY, EVENT, ISSUE}
    assert listed(client, "tags=symbios,näringsliv") == {STUDY, STUDY_EN}
    assert listed(client, "tags=symbios&type=hub.NewsletterIssuePage") == {ISSUE, ISSUE_EN}


def test_an_unknown_tag_gives_nothing(client, content):
    answer = get_json(client, "/api/v2/pages/?tags=finns-inte")
    assert answer == {"meta": {"total_count": 0, "total_count_exact": True}, "items": []}


def test_filters_combine(client, content):
    query = "type=casestudies.CaseStudyPage&locale=en&theme=industriell-symbios&municipality=0581"
    assert listed(client, f"{query}&tags=symbios") == {STUDY_EN}
    assert listed(client, f"{query}&tags=klimat") == set()


def test_order_and_paging(client, content):
    """Pages come by id; `offset`, `limit` and `after_id` page through them."""
    all_ids = [item["id"] for item in get_json(client, "/api/v2/pages/?limit=100")["items"]]
    assert all_ids == sorted(all_ids)
    newest_first = get_json(client, "/api/v2/pages/?limit=100&order=-id")["items"]
    assert [item["id"] for item in newest_first] == all_ids[::-1]
    answer = get_json(client, "/api/v2/pages/?limit=3&offset=2")
    assert [item["id"] for item in answer["items"]] == all_ids[2:5]
    assert answer["meta"]["total_count"] == len(all_ids)
    answer = get_json(client, f"/api/v2/pages/?limit=3&after_id={all_ids[4]}")
    assert [item["id"] for item in answer["items"]] == all_ids[5:8]
    assert answer["meta"]["total_count"] == len(all_ids) - 5


def test_the_count_stops_at_its_limit(client, library, monkeypatch):
    """Past COUNT_LIMIT matching pages the count says so rather than counting them all."""
    monkeypatch.setattr("hub.api.pagination.COUNT_LIMIT", 4)
    for number in range(6):
        case_study(library, f"Exempel {number}")
    answer = get_json(client, "/api/v2/pages/?type=casestudies.CaseStudyPage&limit=2")
    assert answer["meta"] == {"total_count": 4, "total_count_exact": False}
    assert len(answer["items"]) == 2
    answer = get_json(client, "/api/v2/pages/?type=casestudies.CaseStudyPage&limit=2&offset=4")
    assert titles(answer) == ["Exempel 4", "Exempel 5"]
    answer = get_json(client, "/api/v2/pages/?type=casestudies.CaseStudyPage&municipality=0380")
    assert answer["meta"] == {"total_count": 0, "total_count_exact": True}


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("theme=finns-inte", "Okänt tema 'finns-inte'."),
        ("municipality=9999", "Okänd kommun '9999'."),
        ("municipality=atlantis", "Okänd kommun 'atlantis'."),
        ("locale=de", "Okänt språk 'de': använd något av en, sv."),
        ("theme=", "theme behöver ett värde."),
        ("tags=a,b,c,d,e,f", "tags tar högst 5 värden."),
        ("limit=abc", "limit måste vara ett heltal, 0 eller mer."),
        ("limit=-1", "limit måste vara ett heltal, 0 eller mer."),
        ("limit=101", "limit kan inte vara högre än 100."),
        ("offset=1001", "offset kan inte vara högre än 1000."),
        ("offset=99999999999999999999", "offset måste vara ett heltal, 0 eller mer."),
        ("after_id=1&order=-id", "after_id bläddrar efter id: använd det utan offset och order."),
        ("order=title", "Kan inte sortera efter 'title': använd id eller -id."),
        ("order=random", "Kan inte sortera efter 'random': använd id eller -id."),
        ("type=hub.Subscriber", "Okänd sidtyp."),
        ("type=finns.Inte", "Okänd sidtyp."),
        ("type=a.b.c", "Okänd sidtyp."),
        ("search=klimat", "API:et söker inte; använd webbplatsens söksida."),
        ("fields=owner", "unknown fields: owner"),
        ("fields=latest_revision", "unknown fields: latest_revision"),
        ("fields=((", "fields error: unexpected char '(' at position 0"),
        ("child_of=99999999999999999999", "parent page doesn't exist"),
        ("descendant_of=abc", "descendant_of must be a positive integer"),
    ],
)
def test_bad_input_is_a_400_that_says_why(client, home, query, message):
    """Messages of the hub's own are in the language the client asks for, Swedish first."""
    answer = get_json(client, f"/api/v2/pages/?{query}", status=400)
    assert answer == {"message": message}


def test_an_unknown_parameter_is_named(client, home):
    answer = get_json(client, "/api/v2/pages/?title=x", status=400, HTTP_ACCEPT_LANGUAGE="en")
    assert answer["message"].startswith("Unknown query parameters: title. Known: after_id,")


@pytest.mark.parametrize(
    "path",
    [
        "/api/v2/pages/99999999999/",
        "/api/v2/pages/find/?html_path=/sv/finns-inte/",
        "/api/v2/pages/find/?html_path=/xx/",
        "/api/v2/images/12345/",
        "/api/v2/documents/12345/",
    ],
)
def test_what_is_not_there_is_a_json_404(client, home, path):
    """Not a redirect to /sv/ and the same path, as Django does for other addresses."""
    get_json(client, path, status=404)


def test_find_by_address_or_id(client, content):
    study = content["study"]
    for query in (f"html_path={study.url}", f"id={study.pk}"):
        response = client.get(f"/api/v2/pages/find/?{query}")
        assert response.status_code == 302
        assert response["Location"].endswith(f"/api/v2/pages/{study.pk}/?")
    get_json(client, "/api/v2/pages/find/?id=abc", status=400)


@pytest.mark.parametrize("kind", ["images", "documents"])
def test_finding_an_image_or_document_by_an_id_that_is_no_number_is_a_400(client, home, kind):
    get_json(client, f"/api/v2/{kind}/find/?id=casestudies.CaseStudyPage", status=400)
    get_json(client, f"/api/v2/{kind}/find/?id=424242", status=404)
