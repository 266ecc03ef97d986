"""Every view of the case study library has RSS and Atom feeds of its newest case studies."""

import re
from html import unescape

import pytest

from casestudies.models import CaseStudyPage
from tests.casestudies.test_impact_figures import with_figures
from tests.factories import (
    CaseStudyIndexPageFactory,
    ThemeFactory,
    case_study,
    locale,
    translation_of,
)
from tests.utils import assert_kept, count_queries, local, parsed_feed, turn_on_page_cache

pytestmark = pytest.mark.django_db

COACHING_IN_VARMLAND = "theme=energicoachning&county=varmlands-lan"


def titles(feed):
    return [entry.title for entry in feed.entries]


@pytest.fixture
def cases(library, themes):
    """Energy coaching in Karlstad and Arvika (Värmland) and Lund (Skåne), and industrial
    symbiosis in Karlstad, published a day apart."""
    return {
        "arvika": case_study(
            library,
            "Energicoach för föreningar i Arvika",
            slug="arvika",
            municipalities=["1784"],
            themes=[themes["coach"]],
            start_year=2018,
            end_year=2019,
            published_at=local(2026, 3, 2, 10),
        ),
        "symbios": case_study(
            library,
            "Industriell symbios i pappersindustrin",
            slug="symbios",
            municipalities=["1780"],
            themes=[themes["symbios"]],
            published_at=local(2026, 3, 3, 10),
        ),
        "karlstad": case_study(
            library,
            "Energicoachning i Karlstad",
            slug="karlstad",
            municipalities=["1780"],
            themes=[themes["coach"], themes["kontrakt"]],
            start_year=2021,
            published_at=local(2026, 3, 4, 10),
        ),
        "lund": case_study(
            library,
            "Energicoach för små företag i Lund",
            slug="lund",
            municipalities=["1281"],
            themes=[themes["coach"]],
            published_at=local(2026, 3, 5, 10),
        ),
    }


def test_theme_and_county_feeds_list_exactly_the_matching_case_studies(client, cases):
    """Energy coaching in Värmland: the two matching case studies, newest first, in both
    formats, with the view named in the title, absolute links, dates and themes."""
    for path, version in [("rss", "rss20"), ("atom", "atom10")]:
        feed = parsed_feed(client.get(f"/sv/exempel/{path}/?{COACHING_IN_VARMLAND}"), version)
        assert feed.feed.title == "Klimathubben: Energicoachning, Värmlands län"
        assert feed.feed.link == f"http://testserver/sv/exempel/?{COACHING_IN_VARMLAND}"
        assert titles(feed) == ["Energicoachning i Karlstad", "Energicoach för föreningar i Arvika"]
        first = feed.entries[0]
        assert first.link == "http://testserver/sv/exempel/karlstad/"
        published = first.get("published_parsed") or first.get("updated_parsed")
        assert published[:4] == (2026, 3, 4, 9)  # 10.00 Swedish winter time, in UTC
        assert "Så gjorde man: Energicoachning i Karlstad." in first.summary
        assert [tag.term for tag in first.tags] == ["Energicoachning", "Klimatkontrakt"]


def test_english_library_feed_is_in_english(client, home_en, library):
    """The English library's feed names its view in English and lists English case studies."""
    library_en = translation_of(
        library, "en", CaseStudyIndexPageFactory, title="Case studies", slug="case-studies"
    )
    coaching = ThemeFactory(name="Energy coaching", slug="energy-coaching", locale=locale("en"))
    case_study(library, "Energicoachning i Karlstad", slug="karlstad")
    case_study(library_en, "Energy coaching in Karlstad", slug="karlstad", themes=[coaching])
    case_study(library_en, "Energy coaching in Lund", municipalities=["1281"], themes=[coaching])
    response = client.get("/en/case-studies/rss/?theme=energy-coaching&county=varmlands-lan")
    assert response["Content-Language"] == "en"
    feed = parsed_feed(response, "rss20")
    assert feed.feed.title == "Klimathubben: Energy coaching, Värmland County"
    assert feed.feed.language == "en"
    assert feed.feed.subtitle == (
        "The newest case studies on Klimathubben: Energy coaching, Värmland County."
    )
    assert titles(feed) == ["Energy coaching in Karlstad"]
    assert feed.entries[0].link == "http://testserver/en/case-studies/karlstad/"


def test_every_filter_and_the_years_narrow_the_feed(client, cases):
    """Alternatives within a filter, a municipality and years give the view's case studies
    and name them in the title; the unfiltered feed has every case study."""
    feed = parsed_feed(client.get("/sv/exempel/atom/"), "atom10")
    assert feed.feed.title == "Klimathubben: Exempel"
    assert len(feed.entries) == 4
    feed = parsed_feed(
        client.get("/sv/exempel/rss/?theme=energicoachning&theme=industriell-symbios"
                   "&municipality=karlstad&year_from=2020"),
        "rss20",
    )  # fmt: skip
    assert titles(feed) == ["Energicoachning i Karlstad"]
    assert feed.feed.title == (
        "Klimathubben: Energicoachning eller Industriell symbios, Karlstad, Från 2020"
    )


def test_unknown_values_odd_input_page_and_sort_are_dropped(client, cases):
    """An unknown value gives the feed without it, a page number or sort changes nothing,
    and huge or odd query strings still give a feed."""
    expected = titles(parsed_feed(client.get("/sv/exempel/rss/?county=varmlands-lan"), "rss20"))
    assert len(expected) == 3
    for query in [
        "county=varmlands-lan&theme=finns-inte",
        "county=varmlands-lan&page=2",
        "county=varmlands-lan&page=abc&sort=title",
        "county=varmlands-lan&sort=%00&year_from=99999&year_to=tjugo",
        "county=varmlands-lan&" + "&".join(f"tag=t{n}" for n in range(500)),
        "county=varmlands-lan&theme=" + "x" * 20000,
        "county=varmlands-lan&kind=%00%ff&status=<script>",
    ]:
        feed = parsed_feed(client.get(f"/sv/exempel/rss/?{query}"), "rss20")
        assert titles(feed) == expected, query
        assert feed.feed.title == "Klimathubben: Värmlands län", query


def test_the_library_links_to_the_feeds_of_its_view(client, cases):
    """The head announces and the results offer the view's feeds with its filters, without
    the page, the sort or unknown values."""
    html = client.get(
        f"/sv/exempel/?{COACHING_IN_VARMLAND}&theme=finns-inte&page=1&sort=title"
    ).content.decode()
    query = COACHING_IN_VARMLAND.replace("&", "&amp;")
    title = "Klimathubben: Energicoachning, Värmlands län"
    assert (
        f'<link rel="alternate" type="application/rss+xml" title="{title} (RSS)" '
        f'href="/sv/exempel/rss/?{query}">'
    ) in html
    assert (
        f'<link rel="alternate" type="application/atom+xml" title="{title} (Atom)" '
        f'href="/sv/exempel/atom/?{query}">'
    ) in html
    follow = re.search(r'<p class="follow">(.*?)</p>', html, re.S).group(1)
    assert follow.startswith("Följ den här listan:")
    assert re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', follow) == [
        (f"/sv/exempel/rss/?{query}", "RSS"),
        (f"/sv/exempel/atom/?{query}", "Atom"),
    ]
    for href, _label in re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', follow):
        assert client.get(unescape(href)).status_code == 200
    plain = client.get("/sv/exempel/").content.decode()
    assert 'href="/sv/exempel/rss/">' in plain


def test_a_published_case_study_shows_in_the_kept_feed_at_once(client, settings, cases, themes):
    """With the page cache on, the filtered feed is kept like a page, and the next fetch
    after a matching case study is published, or unpublished, shows it."""
    turn_on_page_cache(settings)
    path = f"/sv/exempel/rss/?{COACHING_IN_VARMLAND}"
    client.get(path)
    assert_kept(client, path)
    new = case_study(
        cases["karlstad"].get_parent(),
        "Energicoachning för lantbruk i Arvika",
        slug="lantbruk",
        municipalities=["1784"],
        themes=[themes["coach"]],
    )
    new.live = False
    new.save()
    new.save_revision().publish()
    feed = parsed_feed(client.get(path), "rss20")
    assert titles(feed)[0] == "Energicoachning för lantbruk i Arvika"
    assert len(feed.entries) == 3
    CaseStudyPage.objects.get(pk=new.pk).unpublish()
    assert "Energicoachning för lantbruk i Arvika" not in titles(
        parsed_feed(client.get(path), "rss20")
    )


@pytest.mark.parametrize("matching", [5, 30])
def test_a_filtered_feed_runs_the_same_queries_for_5_or_30_case_studies(
    client, library, themes, matching
):
    """Whether 5 or 30 match: the content version, the page, the chosen county's name, the
    case studies (by id from the kept listing, with their images), their themes and places
    (and their images' renditions, where they have images). The themes offered come from
    the remembered vocabulary."""
    for number in range(matching):
        case_study(library, f"Energicoachning {number}", themes=[themes["coach"]])
    case_study(library, "Symbios", themes=[themes["symbios"]])
    path = f"/sv/exempel/rss/?{COACHING_IN_VARMLAND}"
    assert count_queries(client, path) == 5
    assert len(parsed_feed(client.get(path), "rss20").entries) == matching


def test_a_feed_follows_has_figures_for_but_not_the_sort_by_a_figure(client, cases):
    """ "Has figures for" narrows the feed like any filter; sorting by that figure does not
    reorder it: a feed lists the newest first."""
    with_figures(cases["arvika"], ("ghg_reduction", "900"))
    with_figures(cases["karlstad"], ("ghg_reduction", "40"), ("people", "300"))
    with_figures(cases["lund"], ("people", "1200"))
    feed = parsed_feed(
        client.get("/sv/exempel/rss/?figures=ghg_reduction&sort=ghg_reduction"), "rss20"
    )
    assert titles(feed) == ["Energicoachning i Karlstad", "Energicoach för föreningar i Arvika"]
    assert feed.feed.title == "Klimathubben: Minskade utsläpp av växthusgaser"
    html = client.get("/sv/exempel/?figures=ghg_reduction&sort=ghg_reduction").content.decode()
    assert 'href="/sv/exempel/rss/?figures=ghg_reduction">' in html
