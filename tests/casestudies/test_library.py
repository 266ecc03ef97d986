import re

import pytest

from casestudies.models import CaseStudyTheme
from hub.models import Municipality, Organisation
from tests.factories import OrganisationFactory, case_study
from tests.utils import card_titles, count_queries

pytestmark = pytest.mark.django_db


def option_count(response, name, value):
    """The count shown next to one facet option."""
    html = response.content.decode()
    pattern = (
        rf'name="{name}" value="{re.escape(value)}"[^>]*>\s*'
        r'<label[^>]*>[^<]*<span class="facet__count">\((\d+)'
    )
    match = re.search(pattern, html)
    return int(match.group(1)) if match else None


@pytest.fixture
def cases(library, themes):
    paper = OrganisationFactory(name="Paper Province", kind=Organisation.Kind.NETWORK)
    university = OrganisationFactory(name="Lunds universitet", kind=Organisation.Kind.UNIVERSITY)
    return {
        "karlstad": case_study(
            library,
            "Industriell symbios i pappersindustrin",
            municipalities=["1780"],
            themes=[themes["symbios"]],
            partners=[paper],
            tags=["pappersindustri", "restvärme"],
            start_year=2015,
        ),
        "karlstad_coach": case_study(
            library,
            "Energicoachning i Karlstad",
            municipalities=["1780"],
            themes=[themes["coach"]],
            tags=["småföretag"],
            start_year=2020,
        ),
        "lidkoping": case_study(
            library,
            "Industriell symbios i Lidköping",
            municipalities=["1494"],
            themes=[themes["symbios"]],
            tags=["livsmedel"],
            start_year=2012,
            end_year=2016,
            status="completed",
        ),
        "lund": case_study(
            library,
            "Energicoach för små företag i Lund",
            municipalities=["1281"],
            themes=[themes["coach"]],
            partners=[university],
            tags=["småföretag"],
        ),
    }


def test_library_lists_every_case_study(client, cases):
    """Without filters the library shows all case studies and how many there are."""
    response = client.get("/sv/exempel/")
    assert response.status_code == 200
    assert len(card_titles(response)) == 4
    assert "4 exempel" in response.content.decode()


def test_theme_and_county_combine(client, cases):
    """Industrial symbiosis in Värmland finds the Karlstad paper industry example only."""
    response = client.get("/sv/exempel/?theme=industriell-symbios&county=varmlands-lan")
    assert card_titles(response) == ["Industriell symbios i pappersindustrin"]


def test_each_option_counts_results_with_the_other_filters(client, cases):
    """With Värmland chosen, theme counts only count Värmland case studies."""
    response = client.get("/sv/exempel/?county=varmlands-lan")
    assert option_count(response, "theme", "industriell-symbios") == 1
    assert option_count(response, "theme", "energicoachning") == 1
    assert option_count(response, "theme", "klimatkontrakt") == 0
    # A facet's own choice does not narrow its own counts: other counties stay visible.
    assert option_count(response, "county", "vastra-gotalands-lan") == 1
    assert option_count(response, "county", "skane-lan") == 1


def test_values_within_a_facet_are_alternatives(client, cases):
    """Choosing two municipalities shows case studies from either."""
    response = client.get("/sv/exempel/?municipality=lidkoping&municipality=lund")
    assert sorted(card_titles(response)) == [
        "Energicoach för små företag i Lund",
        "Industriell symbios i Lidköping",
    ]


def test_partner_kind_status_and_tag_filters(client, cases):
    """Partner type, status and tag each narrow the list."""
    lund, lidkoping = ["Energicoach för små företag i Lund"], ["Industriell symbios i Lidköping"]
    assert card_titles(client.get("/sv/exempel/?kind=university")) == lund
    assert card_titles(client.get("/sv/exempel/?status=completed")) == lidkoping
    assert len(card_titles(client.get("/sv/exempel/?tag=smaforetag"))) == 2


def test_year_range_finds_work_under_way_in_those_years(client, cases):
    """2017–2018 finds the paper industry work (since 2015) but not Lidköping (ended 2016)."""
    response = client.get("/sv/exempel/?year_from=2017&year_to=2018")
    assert card_titles(response) == ["Industriell symbios i pappersindustrin"]
    assert '<option value="2016">2016 (2)</option>' in client.get("/sv/exempel/").content.decode()


def test_sort_by_title_follows_the_swedish_alphabet(client, library, themes):
    """Å, Ä and Ö come after Z, in that order."""
    for title in ["Östersunds klimatråd", "Ängelholms nätverk", "Zonindelning", "Åre", "Alingsås"]:
        case_study(library, title)
    response = client.get("/sv/exempel/?sort=title")
    assert card_titles(response) == [
        "Alingsås",
        "Zonindelning",
        "Åre",
        "Ängelholms nätverk",
        "Östersunds klimatråd",
    ]


def test_newest_first_by_default(client, library):
    """The most recently published case study comes first."""
    from datetime import UTC, datetime

    case_study(library, "Äldre", published_at=datetime(2025, 1, 1, tzinfo=UTC))
    case_study(library, "Nyare", published_at=datetime(2026, 1, 1, tzinfo=UTC))
    assert card_titles(client.get("/sv/exempel/")) == ["Nyare", "Äldre"]


@pytest.mark.parametrize(
    ("query", "notice"),
    [
        ("theme=finns-inte", "finns-inte"),
        ("county=atlantis", "atlantis"),
        ("municipality=<script>alert(1)</script>", "&lt;script&gt;"),
        ("year_from=tjugohundra", "tjugohundra"),
        ("year_to=99999", "99999"),
        ("sort=drop%20table", "Okänd sorteringsordning"),
        ("page=abc", "abc"),
        ("page=99999999999999999999", "Det finns bara"),
        ("status=%00", "filtervärdet"),
        # PostgreSQL refuses a NUL in any text it is asked to compare.
        ("county=a%00b", "filtervärdet"),
        ("theme=a%00b&tag=%00", "filtervärdet"),
    ],
)
def test_unknown_or_malformed_values_are_ignored_with_a_notice(client, cases, query, notice):
    """Bad filter values never give a 500: the list is shown with a visible notice."""
    response = client.get(f"/sv/exempel/?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="notice" role="status"' in html
    assert notice in html
    assert "<script>alert(1)" not in html
    assert card_titles(response)


def test_no_match_shows_a_friendly_empty_state(client, cases):
    """Filters that exclude everything explain what to do."""
    response = client.get("/sv/exempel/?theme=klimatkontrakt")
    assert card_titles(response) == []
    assert "Inga exempel matchar filtren" in response.content.decode()


def test_active_filters_can_be_removed_one_by_one(client, cases):
    """Each active filter links to the same list without it."""
    response = client.get("/sv/exempel/?theme=industriell-symbios&county=varmlands-lan")
    html = response.content.decode()
    assert 'href="?county=varmlands-lan">Tema: Industriell symbios' in html
    assert 'href="?theme=industriell-symbios">Län: Värmlands län' in html


@pytest.mark.parametrize(
    ("query", "name", "value", "chip", "without"),
    [
        # No symbiosis case study in Skåne, none at all on Gotland.
        (
            "theme=industriell-symbios&county=skane-lan",
            "county",
            "skane-lan",
            "Län: Skåne län",
            "theme=industriell-symbios",
        ),
        (
            "county=gotlands-lan&theme=industriell-symbios",
            "county",
            "gotlands-lan",
            "Län: Gotlands län",
            "theme=industriell-symbios",
        ),
        (
            "theme=industriell-symbios&municipality=lund",
            "municipality",
            "lund",
            "Kommun: Lund",
            "theme=industriell-symbios",
        ),
        (
            "theme=industriell-symbios&tag=smaforetag",
            "tag",
            "smaforetag",
            "Tagg: småföretag",
            "theme=industriell-symbios",
        ),
    ],
)
def test_a_choice_without_results_stays_ticked_and_removable(
    client, cases, query, name, value, chip, without
):
    """A chosen value that gives nothing with the other filters shows with 0 and as a chip."""
    response = client.get(f"/sv/exempel/?{query}")
    html = response.content.decode()
    assert "0 exempel" in html
    assert option_count(response, name, value) == 0
    assert f'name="{name}" value="{value}" checked' in html
    assert f'<a href="?{without}">{chip} <span aria-hidden="true">×</span>' in html
    assert 'class="notice"' not in html


def test_a_chosen_county_without_results_keeps_its_place(client, cases):
    """The county list stays alphabetical with a chosen county that has no case studies."""
    response = client.get("/sv/exempel/?county=gotlands-lan")
    counties = re.findall(r'name="county" value="([^"]+)"', response.content.decode())
    assert counties == ["gotlands-lan", "skane-lan", "varmlands-lan", "vastra-gotalands-lan"]


def test_a_chosen_year_without_case_studies_stays_chosen(client, cases):
    """A year before every case study still shows as chosen in the period filter."""
    html = client.get("/sv/exempel/?year_from=2001").content.decode()
    assert '<option value="2001" selected>2001 (0)</option>' in html
    assert 'href="/sv/exempel/">Från 2001' in html


@pytest.mark.parametrize(
    ("query", "clean"),
    [
        (
            "year_from=&year_to=&theme=industriell-symbios&sort=newest",
            "?theme=industriell-symbios&sort=newest",
        ),
        (
            "theme=industriell-symbios&county=&theme=energicoachning&county=varmlands-lan",
            "?theme=industriell-symbios&theme=energicoachning&county=varmlands-lan",
        ),
        (
            "county=varmlands-lan&theme=%20&tag=sm%C3%A5f%C3%B6retag&kind=",
            "?county=varmlands-lan&tag=sm%C3%A5f%C3%B6retag",
        ),
        ("year_from=&year_to=", ""),
    ],
)
def test_empty_parameters_redirect_to_a_clean_address(client, cases, query, clean):
    """The plain GET form's empty fields are dropped by a redirect; repeats keep their order."""
    response = client.get(f"/sv/exempel/?{query}")
    assert response.status_code == 302
    assert response["Location"] == f"/sv/exempel/{clean}"
    if clean:
        assert client.get(response["Location"]).status_code == 200


def test_pagination_keeps_the_filters(client, library, themes):
    """Page links carry the filters along."""
    library.per_page = 3
    library.save_revision().publish()
    for number in range(7):
        case_study(library, f"Fall {number}", themes=[themes["kontrakt"]])
    response = client.get("/sv/exempel/?theme=klimatkontrakt&page=2")
    assert len(card_titles(response)) == 3
    html = response.content.decode()
    assert 'href="?theme=klimatkontrakt&amp;page=3"' in html
    assert 'aria-current="page"><span class="visually-hidden">Sida </span>2<' in html


@pytest.mark.parametrize("query", ["", "?theme=klimatkontrakt&county=varmlands-lan&sort=title"])
def test_query_count_does_not_grow_with_the_number_of_case_studies(client, library, themes, query):
    """The library runs the same queries for 10 and 60 case studies (five pages of results)."""
    partner = OrganisationFactory(kind=Organisation.Kind.COMPANY)

    def add(count, offset):
        for number in range(count):
            case_study(
                library,
                f"Exempel {offset + number}",
                municipalities=["1780", "0180"] if number % 2 else ["1281"],
                themes=[themes["kontrakt"], themes["coach"]],
                partners=[partner],
                tags=[f"tagg{number % 5}", "gemensam"],
                start_year=2010 + number % 10,
            )

    add(10, 0)
    few = count_queries(client, f"/sv/exempel/{query}")
    add(50, 10)
    many = count_queries(client, f"/sv/exempel/{query}")
    assert many == few
    # Site, locale, routing and view restrictions (~9); home pages, menu, footer, breadcrumbs
    # and translations (5); themes and a chosen county's name; the page of results (its
    # count and every facet's come from the kept listing); prefetched themes and
    # municipalities.
    assert many <= 18


def test_counts_follow_every_change_to_what_they_count(client, library, cases, themes):
    """The library's counts with nothing chosen are kept, and forgotten as content changes."""

    def counts():
        response = client.get("/sv/exempel/")
        html = response.content.decode()
        return (
            re.search(r"(\d+) exempel", html).group(1),
            option_count(response, "theme", "industriell-symbios"),
            option_count(response, "kind", "network"),
            option_count(response, "tag", "livsmedel"),
        )

    assert counts() == ("4", 2, 1, 1)
    new = case_study(library, "Symbios i Skövde", themes=[themes["symbios"]], tags=["livsmedel"])
    assert counts() == ("5", 3, 1, 2)
    CaseStudyTheme.objects.create(page=cases["lund"], theme=themes["symbios"])
    assert counts() == ("5", 4, 1, 2)
    Organisation.objects.filter(name="Lunds universitet").update(kind=Organisation.Kind.NETWORK)
    Organisation.objects.get(name="Lunds universitet").save()
    assert counts() == ("5", 4, 2, 2)
    new.unpublish()
    assert counts() == ("4", 3, 2, 1)


def test_long_filters_offer_the_most_used_values_and_say_where_the_rest_are(client, library):
    """Tags and municipalities beyond the limit are left out, with a hint; a chosen one stays."""
    tags = [f"tagg-{number:02}" for number in range(35)]
    codes = list(Municipality.objects.order_by("code").values_list("code", flat=True)[:60])
    case_study(library, "Många taggar och orter", municipalities=codes, tags=tags)
    case_study(library, "Några till", municipalities=codes[:2], tags=tags[:3])
    response = client.get("/sv/exempel/")
    html = response.content.decode()
    assert len(re.findall(r'name="tag" value=', html)) == 30
    assert len(re.findall(r'name="municipality" value=', html)) == 50
    assert "Varje tagg har en egen sida under Taggar." in html
    assert "Välj ett län för att se alla dess kommuner." in html
    # The two most used of each are among those offered.
    assert option_count(response, "tag", "tagg-00") == 2
    assert option_count(response, "municipality", Municipality.objects.get(code=codes[0]).slug) == 2
    # A value left out can still be chosen, and then shows, ticked.
    rare = Municipality.objects.get(code=codes[59]).slug
    chosen = client.get(f"/sv/exempel/?municipality={rare}").content.decode()
    assert f'name="municipality" value="{rare}" checked' in chosen
