"""The demo content a newcomer sees after `make run`, loaded once and walked through."""

import re

import feedparser
import pytest
from icalendar import Calendar

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from wagtail.models import Page
from wagtail_localize.models import Translation

from casestudies.models import CaseStudyPage
from events.models import EventPage
from hub.models import Alert, HomePage, StandardPage
from tests.demo.conftest import commits_emulated
from tests.hub.test_desk import PANELS as DESK_PANELS

# The demo (tests/demo/conftest.py) fills a home page nobody has written yet, as after the
# first migration.
pytestmark = pytest.mark.django_db


def check_site_pages(client):
    assert HomePage.objects.filter(locale__language_code="en").live().count() == 1
    about = StandardPage.objects.get(slug="om-klimathubben")
    about_en = StandardPage.objects.get(
        locale__language_code="en", translation_key=about.translation_key
    )
    assert about_en.title == "About Klimathubben"
    assert about_en.url == "/en/about/"
    about_html = client.get("/en/about/").content.decode()
    assert "Many municipalities and regions" in about_html
    assert '<html lang="en">' in about_html
    translation = Translation.objects.get(
        source__object_id=about.translation_key, target_locale__language_code="en"
    )
    assert translation.enabled
    total, translated = translation.get_progress()
    assert total == translated > 0
    home_en = client.get("/en/").content.decode()
    assert 'href="/en/about/"' in home_en
    assert "Learn from those who have done it" in home_en


def check_case_studies(client):
    assert CaseStudyPage.objects.live().filter(locale__language_code="sv").count() >= 20
    assert CaseStudyPage.objects.live().filter(locale__language_code="en").count() >= 5
    html = client.get(
        "/sv/exempel/?theme=industriell-symbios&county=varmlands-lan"
    ).content.decode()
    assert "1 exempel" in html
    link = "/sv/exempel/industriell-symbios-i-pappersindustrin-i-karlstad/"
    assert f'href="{link}"' in html
    page = client.get(link).content.decode()
    assert "Paper Province" in page and "Pågående" in page
    assert "Vem kan jag fråga?" in page and "Relaterade exempel" in page
    assert "@example.org" not in page
    english = "/en/case-studies/industrial-symbiosis-in-the-paper-industry-in-karlstad/"
    assert f'href="{english}" hreflang="en"' in page
    english_page = client.get(english).content.decode()
    assert '<html lang="en">' in english_page
    assert ">Industrial symbiosis</a>" in english_page and "Ongoing" in english_page
    uppsala = client.get("/sv/exempel/uppsala-klimatprotokoll/").content.decode()
    assert '<span class="key-figure__value">40</span>' in uppsala
    assert "lokala aktörer" in uppsala
    # "Att jämföra med" links the case studies it names, in the reader's language.
    karlstad = client.get(
        "/sv/exempel/kommunal-energicoachning-for-foretag-i-karlstad/"
    ).content.decode()
    compare = karlstad.split(">Att jämföra med<")[1].split("</aside>")[0]
    assert 'href="/sv/exempel/energicoach-for-sma-och-medelstora-foretag-i-lund/"' in compare
    assert 'href="/sv/exempel/klimatneutrala-kalmar-2030/">Energikontor Syd' in compare
    karlstad_en = client.get(
        "/en/case-studies/municipal-energy-coaching-for-businesses-in-karlstad/"
    ).content.decode()
    compare = karlstad_en.split(">To compare with<")[1].split("</aside>")[0]
    lund_en = "/en/case-studies/energy-coach-for-small-and-medium-sized-businesses-in-lund/"
    assert f'href="{lund_en}">an energy coach' in compare
    assert 'href="/en/case-studies/climate-neutral-kalmar-2030/"' in compare


def check_events(client):
    home = client.get("/sv/").content.decode()
    coming = home.split("Kommande evenemang")[1].split("</section>")[0]
    assert len(re.findall(r'class="card card--event', coming)) == 3

    webbfika = (
        EventPage.objects.upcoming()
        .filter(event_type__slug="webbfika", locale__language_code="sv")
        .first()
    )
    html = client.get(webbfika.url).content.decode()
    assert "Lägg till i kalendern" in html
    calendar = Calendar.from_ical(client.get(f"{webbfika.url}ical/").content)
    assert str(calendar.walk("VEVENT")[0]["SUMMARY"]) == webbfika.title

    conference = EventPage.objects.get(slug="slutkonferens-koldioxidbudgetar")
    assert conference.has_ended
    html = client.get(conference.url).content.decode()
    assert "Evenemanget är avslutat. Materialet finns nedan." in html
    assert "Bikupor" in html and "(10 minuter)" in html
    assert "Vad saknas för att utsläppen ska börja minska snabbare?" in html
    slides = re.search(r'<a href="(/documents/[^"]+\.pdf)" download>', html).group(1)
    assert client.get(slides).status_code == 200

    robust = EventPage.objects.get(slug="webbfika-robusta-system", locale__language_code="sv")
    related = client.get(robust.url).content.decode().split('id="related-heading"')[1]
    assert related.index("Industriell symbios kring spannmål") < related.index("Mer kol i marken")

    conference_en = client.get("/en/events/closing-conference-carbon-budgets/").content.decode()
    assert (
        "What is missing for emissions to start falling faster?" in conference_en
        or "(10 minutes)" in conference_en
    )
    assert "Vad saknas för att utsläppen" not in conference_en

    feed = Calendar.from_ical(client.get("/sv/evenemang/ical/").content)
    upcoming = EventPage.objects.upcoming().filter(locale__language_code="sv").count()
    assert len(feed.walk("VEVENT")) == upcoming > 3
    assert client.get("/sv/kommuner/kalmar/").content.decode().count("card--event") >= 1


def check_newsletters(client):
    archive = client.get("/sv/nyhetsbrev/").content.decode()
    match = re.search(r'href="(/sv/nyhetsbrev/[^"]+/)">([^<]*[Vv]erksamhetsplan[^<]*)</a>', archive)
    april = match.group(1)
    html = client.get(april).content.decode()
    assert "2021" in html and "rättvis klimatomställning" in html.lower()
    assert "Filippa" not in html and "Maria" not in html
    assert client.get(f"{april}email/").status_code == 200
    assert 'href="/sv/taggar/klimatneutralitet/"' in html
    tag_page = client.get("/sv/taggar/klimatneutralitet/").content.decode()
    assert (
        "card--case-study" in tag_page and "card--event" in tag_page and "card--issue" in tag_page
    )
    feed = feedparser.parse(client.get("/sv/nyhetsbrev/rss/").content)
    assert len(feed.entries) == 3 and not feed.bozo
    everything = feedparser.parse(client.get("/sv/flode/").content)
    assert len(everything.entries) == 30
    english = client.get("/en/newsletter/").content.decode()
    assert "Newsletter" in english and "/en/newsletter/" in english


def check_pictures(client):
    """Some case studies and events have a drawn picture with its alternative text in each
    language, and the editors' block picker previews an image block with one of them."""
    html = client.get("/sv/exempel/?theme=industriell-symbios").content.decode()
    assert 'alt="Tecknad bild av tre fabriker som är förbundna med rör."' in html
    lund = CaseStudyPage.objects.get(
        locale__language_code="en", listing_image__title__startswith="Solceller"
    )
    assert lund.listing_image_alt.startswith("Drawing of two houses with solar panels")
    conference = EventPage.objects.filter(
        locale__language_code="en", listing_image__title__startswith="Publik"
    ).first()
    assert (
        conference.listing_image_alt
        == "Drawing of an audience looking at a chart on a screen by the stage."
    )
    page = client.get(conference.url).content.decode()
    assert 'alt="Drawing of an audience looking at a chart on a screen by the stage."' in page
    image_block = CaseStudyPage.body.field.stream_block.child_blocks["image"]
    preview = client.get(
        reverse("wagtailadmin_block_preview"), {"id": image_block.definition_prefix}
    ).content.decode()
    assert re.search(r'<img [^>]*alt="[^"]+"', preview), preview


ROW_LINK = re.compile(r'<td class="title">\s*<div[^>]*>\s*<a href="([^"]+)"')


def check_demo_reader(client):
    """The demo reader's alert is in the admin's subscriber listing, in words."""
    html = client.get("/admin/subscribers/?has_alerts=true").content.decode()
    assert "klimatstrateg@example.org" in html
    assert "Energi- och klimatcoachning för småföretag i Värmlands län, varje vecka" in html


def desk_links(client):
    """The links of the rows of the editors' desk, panel by panel."""
    html = client.get("/admin/").content.decode()
    links = {}
    for name in DESK_PANELS:
        section = re.search(rf'<section[^>]* id="{name}-section".*?</section>', html, re.S)
        links[name] = (
            re.findall(r'<td class="title">\s*<div[^>]*>\s*<a href="([^"]+)"', section.group(0))
            if section
            else []
        )
    return links


def check_impact_figures(client):
    """Figures only where the source documents state them: sorting by organisations engaged
    puts the three case studies with that figure first, largest first."""
    library = client.get("/sv/exempel/?figures=organisations&sort=organisations").content
    titles = re.findall(r'class="card__title"><a href="[^"]+"[^>]*>([^<]+)</a>', library.decode())
    assert titles == [
        "Klimatrådet i Jönköpings län",
        "Uppsala klimatprotokoll",
        "Lunds Klimatallians",
    ]
    uppsala = client.get("/sv/exempel/uppsala-klimatprotokoll/").content.decode()
    assert '40 <span class="impact-figure__unit">företag eller organisationer</span>' in uppsala
    english = client.get("/en/case-studies/uppsala-climate-protocol/").content.decode()
    assert "which counts 40 local actors in the protocol" in english
    assert (
        "Inga jämförbara siffror"
        in client.get(
            "/sv/exempel/industriell-symbios-i-pappersindustrin-i-karlstad/"
        ).content.decode()
    )
    municipality = client.get("/sv/kommuner/uppsala/").content.decode()
    assert "Vad exemplen från Uppsala rapporterar" in municipality


def test_demo_content(client, demo):
    """After loading, a newcomer's paths through the hub all work, in both languages."""
    check_site_pages(client)
    check_case_studies(client)
    check_events(client)
    check_newsletters(client)
    check_impact_figures(client)
    # Every panel of the editors' desk lists a gap (hub/demo/desk.toml).
    client.force_login(get_user_model().objects.create_superuser("desk", "desk@example.org", "x"))
    check_pictures(client)
    check_demo_reader(client)
    desk = desk_links(client)
    assert all(desk.values()), desk
    before = Page.objects.count()
    with commits_emulated():
        call_command("load_demo_content", "--skip-index", verbosity=0)
    assert Page.objects.count() == before
    assert desk_links(client) == desk
    assert Alert.objects.filter(subscriber__email="klimatstrateg@example.org").count() == 1
