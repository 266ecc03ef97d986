"""A list's pages are serialised once per content version (`listing_view` in
hub/api/endpoints.py): a list asked for again must still say what editors have published since,
in the language and with the fields each client asks for."""

from decimal import Decimal

import pytest

from casestudies.models import CaseStudyImpactFigure
from tests.api.conftest import get_json, titles

pytestmark = pytest.mark.django_db

CASE_STUDIES = "/api/v2/pages/?type=casestudies.CaseStudyPage&locale=sv&fields=*"


def test_a_list_asked_for_again_shows_what_editors_published_since(client, content):
    study = content["study"]
    assert titles(get_json(client, CASE_STUDIES)) == ["Industriell symbios i Norrköping"]

    study.title = "Industriell symbios i hela Norrköping"
    study.save_revision().publish()
    [item] = get_json(client, CASE_STUDIES)["items"]
    assert item["title"] == "Industriell symbios i hela Norrköping"

    partner = study.partners.get()
    partner.name = "Händelö Eco AB"
    partner.save()
    [item] = get_json(client, CASE_STUDIES)["items"]
    assert [org["name"] for org in item["partners"]] == ["Händelö Eco AB"]

    study.unpublish()
    assert get_json(client, CASE_STUDIES)["items"] == []


def test_each_language_and_choice_of_fields_gets_its_own_answer(client, content):
    study = content["study"]
    CaseStudyImpactFigure.objects.create(
        page=study, locale=study.locale, metric="energy_saved", value=Decimal("1500")
    )
    study.save_revision().publish()

    def labels(language):
        [item] = get_json(client, CASE_STUDIES, HTTP_ACCEPT_LANGUAGE=language)["items"]
        return [figure["label"] for figure in item["impact_figures"]]

    assert labels("sv") == ["Sparad energi"]
    assert labels("en") == ["Energy saved"]
    assert labels("sv") == ["Sparad energi"]

    brief = get_json(client, CASE_STUDIES.replace("fields=*", "fields=_,title,themes"))
    assert brief["items"] == [
        {
            "title": "Industriell symbios i Norrköping",
            "themes": [{"slug": "industriell-symbios", "name": "Industriell symbios"}],
        }
    ]
    [full] = get_json(client, CASE_STUDIES)["items"]
    assert full["partners"][0]["name"] == "Händelö Eco"


def test_a_page_of_a_list_remembered_in_another_list_keeps_its_order(client, content, library):
    """Lists share their pages' JSON: each keeps its own order and paging."""
    newest = content["study"].copy(
        update_attrs={"title": "Symbios i Finspång", "slug": "symbios-i-finspang"}
    )
    newest.save_revision().publish()
    ascending = titles(get_json(client, f"{CASE_STUDIES}&order=id"))
    assert ascending == ["Industriell symbios i Norrköping", "Symbios i Finspång"]
    descending = titles(get_json(client, f"{CASE_STUDIES}&order=-id"))
    assert descending == ascending[::-1]
    second = get_json(client, f"{CASE_STUDIES}&order=id&limit=1&offset=1")
    assert titles(second) == ["Symbios i Finspång"]
    assert second["meta"] == {"total_count": 2, "total_count_exact": True}
