"""Lists link each page at the address Wagtail serves it from, whatever the page's parent or
language, also after an editor changes its slug (hub/page_urls.py)."""

import re

import pytest

from tests.factories import (
    CaseStudyIndexPageFactory,
    CaseStudyPageFactory,
    EventIndexPageFactory,
    case_study,
    event,
    translation_of,
)
from tests.utils import local

pytestmark = pytest.mark.django_db
CARD_LINK = re.compile(r'<h3 class="card__title"><a href="([^"]+)"[^>]*>([^<]+)</a>')


def card_links(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return {title: href for href, title in CARD_LINK.findall(response.content.decode())}


def test_cards_of_several_parents_and_languages_link_where_the_pages_are(client, home, home_en):
    library = CaseStudyIndexPageFactory(parent=home, title="Exempel", slug="exempel")
    calendar = EventIndexPageFactory(parent=home, title="Evenemang", slug="evenemang")
    lund = case_study(library, "Energicoach i Lund", slug="energicoach-lund", tags=["energi"])
    study = case_study(library, "Klimatkontrakt i Malmö", slug="klimatkontrakt", tags=["energi"])
    meeting = event(calendar, "Webbfika om energi", local(2026, 12, 9, 14, 0), slug="webbfika")
    meeting.tags.add("energi")
    meeting.save_revision().publish()
    library_en = translation_of(
        library, "en", CaseStudyIndexPageFactory, title="Case studies", slug="case-studies"
    )
    translation_of(
        lund, "en", CaseStudyPageFactory, title="Energy coach in Lund", slug="energy-coach-lund"
    )
    assert library_en.live

    for _visit in range(2):  # the second visit reads the remembered parents' addresses
        assert card_links(client, "/sv/taggar/energi/") == {
            "Energicoach i Lund": lund.url,
            "Klimatkontrakt i Malmö": study.url,
            "Webbfika om energi": meeting.url,
        }
        assert card_links(client, "/en/case-studies/") == {
            "Energy coach in Lund": "/en/case-studies/energy-coach-lund/"
        }
    assert client.get(lund.url).status_code == 200
    assert client.get(meeting.url).status_code == 200

    study.slug = "klimatkontrakt-malmo"
    study.save_revision().publish()
    links = card_links(client, "/sv/exempel/")
    assert links["Klimatkontrakt i Malmö"] == "/sv/exempel/klimatkontrakt-malmo/"
    assert client.get(links["Klimatkontrakt i Malmö"]).status_code == 200


def test_the_calendar_file_links_each_event(client, home):
    calendar = EventIndexPageFactory(parent=home, title="Evenemang", slug="evenemang")
    for day in (9, 10):
        event(calendar, f"Träff {day}", local(2026, 12, day, 14, 0), slug=f"traff-{day}")
    text = client.get("/sv/evenemang/ical/").content.decode().replace("\r\n ", "")
    urls = re.findall(r"^URL:(.+)\r$", text, re.MULTILINE)
    assert urls == [
        "http://testserver/sv/evenemang/traff-9/",
        "http://testserver/sv/evenemang/traff-10/",
    ]


def test_a_renamed_section_moves_its_cards_links(client, home):
    library = CaseStudyIndexPageFactory(parent=home, title="Exempel", slug="exempel")
    case_study(library, "Energicoach i Lund", slug="energicoach-lund")
    assert card_links(client, "/sv/exempel/") == {
        "Energicoach i Lund": "/sv/exempel/energicoach-lund/"
    }
    library.slug = "goda-exempel"
    library.save_revision().publish()
    assert card_links(client, "/sv/goda-exempel/") == {
        "Energicoach i Lund": "/sv/goda-exempel/energicoach-lund/"
    }
