"""Comparable impact figures: what editors enter, what the case study, the library, the
municipality pages, the API and the structured data make of them."""

import json
import re
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup

from wagtail.test.utils.form_data import inline_formset

from casestudies.models import CaseStudyImpactFigure, CaseStudyPage
from hub.demo import DemoLoader
from tests.casestudies.test_admin_and_translation import case_study_form
from tests.factories import case_study
from tests.utils import count_queries

pytestmark = pytest.mark.django_db

ADD = "/admin/pages/add/casestudies/casestudypage/{}/"


def figure(metric="ghg_reduction", value="1200", base_year="2019", target_year="2023", **more):
    return {
        "metric": metric,
        "value": value,
        "base_year": base_year,
        "target_year": target_year,
        "source": "Kommunens uppföljning 2023, beräknad med Klimatklivets metod.",
        **more,
    }


def with_figures(page, *figures):
    """`page` with these (metric, value) figures, published the way the admin saves rows."""
    for order, (metric, value) in enumerate(figures):
        CaseStudyImpactFigure.objects.create(
            page=page,
            locale=page.locale,
            sort_order=order,
            metric=metric,
            value=Decimal(value),
            source="Egen uppföljning.",
        )
    # Saving the page starts a new content version, as publishing does.
    page.save()
    return page


def text(element):
    """The element's text with runs of spaces and newlines made one space (no-break spaces,
    which group thousands, are kept)."""
    return re.sub(r"[ \t\n]+", " ", element.get_text(" ", strip=True))


def titles(html):
    soup = BeautifulSoup(html, "html.parser")
    return [title.get_text(strip=True) for title in soup.select(".card__title a")]


def test_editor_publishes_figures_and_the_page_shows_them(client, editor, library, themes):
    """Figures entered in the admin show with the unit their metric fixes, years and source."""
    form = case_study_form(
        themes,
        impact_figures=inline_formset(
            [figure(), figure("organisations", "55", base_year="", target_year="2022")]
        ),
    )
    response = client.post(ADD.format(library.pk), form)
    assert response.status_code == 302
    page = CaseStudyPage.objects.get(slug="klimatkontrakt-karlstad")
    assert [(f.metric, f.value) for f in page.impact_figures.all()] == [
        ("ghg_reduction", Decimal("1200.00")),
        ("organisations", Decimal("55.00")),
    ]
    html = client.get(page.url).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    shown = [text(item) for item in soup.select(".impact-figure")]
    assert shown[0] == (
        "1\xa0200 ton CO₂e per år Minskade utsläpp av växthusgaser, 2019–2023 "
        "Källa: Kommunens uppföljning 2023, beräknad med Klimatklivets metod."
    )
    assert shown[1].startswith(
        "55 företag eller organisationer Engagerade företag eller organisationer, 2022"
    )
    assert "Klimathubben har inte granskat dem" in html


def test_a_case_study_without_figures_says_so(client, library):
    page = case_study(library, "Klimatråd utan siffror")
    html = client.get(page.url).content.decode()
    assert "Inga jämförbara siffror har rapporterats för det här exemplet än." in html
    assert "impact-figure__value" not in html


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (figure(value="-5"), "Kontrollera att detta värde är större än eller lika med 0."),
        (figure(base_year="2024", target_year="2020"), "Målåret kan inte vara före basåret."),
        (figure(base_year="1980"), "Kontrollera att detta värde är större än eller lika med 1990."),
        (
            figure(target_year="2150"),
            "Kontrollera att detta värde är mindre än eller lika med 2100.",
        ),
        (figure("people", "12.5"), "Räkna hela företag, organisationer eller personer."),
        (figure(value="mycket"), "Fyll i ett tal."),
        (figure(source=""), "Det här fältet är obligatoriskt"),
        (figure(metric="happiness"), "Välj ett giltigt alternativ."),
    ],
)
def test_bad_figures_are_refused_and_the_form_kept(client, editor, library, themes, row, message):
    """A figure that cannot be compared gives a form error; nothing the editor wrote is lost."""
    response = client.post(
        ADD.format(library.pk), case_study_form(themes, impact_figures=inline_formset([row]))
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Kommunen och lokala företag skriver under ett gemensamt kontrakt." in html
    assert "Kommunens uppföljning 2023" in html or row["source"] == ""
    assert not CaseStudyPage.objects.filter(slug="klimatkontrakt-karlstad").exists()


def test_one_figure_per_metric(client, editor, library, themes):
    form = case_study_form(
        themes, impact_figures=inline_formset([figure(), figure(value="300", base_year="2020")])
    )
    response = client.post(ADD.format(library.pk), form)
    assert response.status_code == 200
    assert "Det här exemplet har redan en siffra för det måttet" in response.content.decode()
    assert not CaseStudyPage.objects.filter(slug="klimatkontrakt-karlstad").exists()


def test_the_library_sorts_by_a_metric_and_filters_to_those_with_it(client, library):
    """Largest reduction first, case studies without the figure after; the filter keeps only
    those with the figure, and its option counts them."""
    small = with_figures(case_study(library, "Liten minskning"), ("ghg_reduction", "40"))
    with_figures(case_study(library, "Stor minskning"), ("ghg_reduction", "12000.5"))
    with_figures(case_study(library, "Bara energi"), ("energy_saved", "900"))
    case_study(library, "Inga siffror")
    sorted_html = client.get("/sv/exempel/?sort=ghg_reduction").content.decode()
    order = titles(sorted_html)
    assert order[:2] == ["Stor minskning", "Liten minskning"]
    assert set(order[2:]) == {"Bara energi", "Inga siffror"}
    assert "Minskade utsläpp av växthusgaser, störst först" in sorted_html

    filtered = client.get("/sv/exempel/?figures=ghg_reduction&sort=ghg_reduction").content.decode()
    assert titles(filtered) == ["Stor minskning", "Liten minskning"]
    soup = BeautifulSoup(client.get("/sv/exempel/").content, "html.parser")
    option = soup.find("input", {"name": "figures", "value": "ghg_reduction"})
    label = soup.find("label", {"for": option["id"]}).get_text(" ", strip=True)
    assert label.startswith("Minskade utsläpp av växthusgaser (2")

    # A change to a figure reaches the kept sort order at once.
    small.impact_figures.update(value=Decimal("50000"))
    small.save()
    assert titles(client.get("/sv/exempel/?sort=ghg_reduction").content.decode())[0] == (
        "Liten minskning"
    )


def test_unknown_sort_and_figure_values_are_ignored(client, library):
    with_figures(case_study(library, "Stor minskning"), ("ghg_reduction", "12000"))
    response = client.get("/sv/exempel/?sort=happiness&figures=happiness&figures=ghg_reduction")
    assert response.status_code == 200
    assert titles(response.content.decode()) == ["Stor minskning"]


def test_library_sorted_by_a_metric_runs_a_bounded_number_of_queries(client, library):
    for number in range(3):
        with_figures(case_study(library, f"Exempel {number}"), ("ghg_reduction", str(number)))
    client.get("/sv/exempel/?sort=ghg_reduction&figures=ghg_reduction")  # keep the listing
    few = count_queries(client, "/sv/exempel/?sort=ghg_reduction&figures=ghg_reduction")
    for number in range(3, 30):
        with_figures(case_study(library, f"Exempel {number}"), ("ghg_reduction", str(number)))
    client.get("/sv/exempel/?sort=ghg_reduction&figures=ghg_reduction")
    many = count_queries(client, "/sv/exempel/?sort=ghg_reduction&figures=ghg_reduction")
    assert many == few


def test_municipality_page_adds_up_the_figures_of_its_case_studies(client, library):
    """Totals per metric over the municipality's case studies, with how many are behind each."""
    with_figures(case_study(library, "A"), ("ghg_reduction", "1000"), ("investment", "2500000"))
    with_figures(case_study(library, "B"), ("ghg_reduction", "250.5"))
    with_figures(
        case_study(library, "Annan kommun", municipalities=["1280"]), ("ghg_reduction", "9")
    )
    case_study(library, "C")
    html = client.get("/sv/kommuner/karlstad/").content.decode()
    soup = BeautifulSoup(html, "html.parser")
    rows = [
        [text(cell) for cell in row.find_all(["th", "td"])]
        for row in soup.select(".figure-totals tbody tr")
    ]
    assert rows == [
        ["Minskade utsläpp av växthusgaser", "1\xa0250,5 ton CO₂e per år", "2"],
        ["Investering", "2\xa0500\xa0000 kronor", "1"],
    ]
    assert "Vad exemplen från Karlstad rapporterar" in html
    assert "Klimathubben har inte granskat dem" in html
    # A municipality whose case studies give no figures shows no totals.
    case_study(library, "D", municipalities=["0180"])
    assert "figure-totals" not in client.get("/sv/kommuner/stockholm/").content.decode()


def test_figures_reach_the_structured_data_and_the_api(client, library):
    page = with_figures(case_study(library, "Solceller"), ("renewable_energy", "340"))
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    articles = [
        json.loads(script.string)
        for script in soup.find_all("script", type="application/ld+json")
        if json.loads(script.string).get("@type") == "Article"
    ]
    dataset = articles[0]["hasPart"]
    assert dataset["@type"] == "Dataset"
    assert dataset["variableMeasured"] == [
        {
            "@type": "PropertyValue",
            "name": "Förnybar energi som producerats",
            "propertyID": "renewable_energy",
            "value": 340.0,
            "unitText": "MWh per år",
            "measurementTechnique": "Egen uppföljning.",
        }
    ]
    api = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert api["impact_figures"] == [
        {
            "metric": "renewable_energy",
            "label": "Förnybar energi som producerats",
            "value": 340.0,
            "unit": "MWh per år",
            "base_year": None,
            "target_year": None,
            "source": "Egen uppföljning.",
        }
    ]


def test_an_english_translation_keeps_the_figures_with_a_translated_source(
    client, home_en, library, django_capture_on_commit_callbacks
):
    """wagtail-localize copies the metric, value and years and translates the source."""
    loader = DemoLoader()
    with django_capture_on_commit_callbacks(execute=True):
        loader.translate(library, "en", {"title": "Case studies", "slug": "case-studies"})
    page = with_figures(case_study(library, "Energicoachning"), ("energy_saved", "1500"))
    english_figures = [
        CaseStudyImpactFigure(
            translation_key=source.translation_key,
            metric=source.metric,
            value=source.value,
            source="The municipality's own follow-up.",
        )
        for source in page.impact_figures.all()
    ]
    with django_capture_on_commit_callbacks(execute=True):
        loader.translate(
            page,
            "en",
            {
                "title": "Energy coaching",
                "slug": "energy-coaching",
                "summary": "Small firms get help.",
                "impact_figures": english_figures,
            },
        )
    html = client.get("/en/case-studies/energy-coaching/").content.decode()
    soup = BeautifulSoup(html, "html.parser")
    shown = text(soup.select_one(".impact-figure"))
    assert shown == "1,500 MWh per year Energy saved Source: The municipality's own follow-up."


def test_sorting_by_a_metric_pages_from_those_with_it_into_those_without(client, library):
    """Page by page, the case studies with the figure come first, then the others, newest
    first, none twice and none left out."""
    library.per_page = 3
    library.save()
    case_study(library, "Utan siffra, äldst")
    case_study(library, "Utan siffra, äldre")
    for value in ("20", "10", "40", "30"):
        with_figures(case_study(library, f"Minskning {value}"), ("ghg_reduction", value))
    case_study(library, "Utan siffra, nyast")
    pages = [
        titles(client.get(f"/sv/exempel/?sort=ghg_reduction&page={number}").content.decode())
        for number in (1, 2, 3)
    ]
    assert pages == [
        ["Minskning 40", "Minskning 30", "Minskning 20"],
        ["Minskning 10", "Utan siffra, nyast", "Utan siffra, äldre"],
        ["Utan siffra, äldst"],
    ]
    filtered = client.get("/sv/exempel/?sort=ghg_reduction&figures=ghg_reduction&page=2")
    assert titles(filtered.content.decode()) == ["Minskning 10"]


def test_preview_shows_unsaved_figures_of_a_published_case_study(client, editor, library, themes):
    """An editor changes a figure and previews: the preview shows the new figure, the live
    page keeps the published one until the change is published."""
    from tests.hub.test_preview import preview

    client.post(
        ADD.format(library.pk), case_study_form(themes, impact_figures=inline_formset([figure()]))
    )
    page = CaseStudyPage.objects.get(slug="klimatkontrakt-karlstad")
    [published] = page.impact_figures.all()
    changed = figure(value="1500", id=published.pk)
    data = case_study_form(themes, impact_figures=inline_formset([changed], initial=1))
    data.pop("action-publish")
    html = preview(client, f"/admin/pages/{page.pk}/edit/preview/", data)
    assert "1\xa0500" in html
    assert "1\xa0500" not in client.get(page.url).content.decode()
    assert "1\xa0200" in client.get(page.url).content.decode()
