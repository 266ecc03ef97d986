"""The case studies as open data: one row per published case study (hub/open_data/)."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from casestudies.models.figures import UNITS, Metric
from hub.open_data.columns import (
    municipality_filter,
    named_terms,
    page_columns,
    place_columns,
    public_pages,
    published_columns,
    status_filter,
    tag_column,
    theme_columns,
    theme_filter,
)
from hub.open_data.registry import Column, Dataset


def key_figures(page):
    """Each figure as "40 local actors", as the page shows it."""
    figures = []
    for block in page.key_figures:
        value = block.value
        figures.append(
            " ".join(part for part in (value["value"], value["unit"], value["label"]) if part)
        )
    return figures


# Each impact figure's column, named with its unit for the programs that read it.
FIGURE_COLUMNS = {
    Metric.GHG_REDUCTION: "ghg_reduction_t_co2e_per_year",
    Metric.ENERGY_SAVED: "energy_saved_mwh_per_year",
    Metric.RENEWABLE_ENERGY: "renewable_energy_mwh_per_year",
    Metric.INVESTMENT: "investment_sek",
    Metric.ORGANISATIONS: "organisations_engaged",
    Metric.PEOPLE: "people_reached",
}


def figure_value(metric):
    """The case study's figure for `metric` as a number, or None where it gives none."""

    def value(page):
        for figure in page.impact_figures.all():
            if figure.metric == metric:
                number = figure.value
                return int(number) if number == number.to_integral_value() else float(number)
        return None

    return value


def figure_sources(page):
    """Each figure's metric, years and source, as the page shows them."""
    sources = []
    for figure in page.impact_figures.all():
        years = f" ({figure.years})" if figure.years else ""
        sources.append(f"{figure.get_metric_display()}{years}: {figure.source}")
    return sources


def figure_columns():
    return (
        *(
            Column(
                name,
                format_lazy("{} ({})", Metric(metric).label, UNITS[metric]),
                _("From the case study's own reports; empty where it gives no such figure."),
                figure_value(metric),
                "number",
            )
            for metric, name in FIGURE_COLUMNS.items()
        ),
        Column(
            "impact_figure_sources",
            _("Sources of the impact figures"),
            _("Each figure's metric, years and source or method."),
            figure_sources,
            "list",
        ),
    )


def rows(locale):
    from casestudies.models import CaseStudyPage

    return public_pages(
        CaseStudyPage,
        locale,
        defer=("body", "results", "lessons", "external_links"),
        related=("case_study_themes__theme", "partners", "impact_figures"),
    )


def columns():
    return (
        *page_columns(),
        Column(
            "status",
            _("Status"),
            _("planned, ongoing or completed."),
            lambda page: page.status,
        ),
        Column(
            "start_year",
            _("Start year"),
            _("The year the work started; empty if unknown."),
            lambda page: page.start_year,
            "integer",
        ),
        Column(
            "end_year",
            _("End year"),
            _("The year the work ended; empty while it goes on."),
            lambda page: page.end_year,
            "integer",
        ),
        *place_columns(),
        *theme_columns("case_study_themes"),
        Column(
            "partners",
            _("Partner organisations"),
            _("The businesses, associations and authorities taking part."),
            lambda page: sorted(partner.name for partner in page.partners.all()),
            "list",
        ),
        Column(
            "key_figures",
            _("Key figures"),
            _("Figures that sum up the work, each with what it counts."),
            key_figures,
            "list",
        ),
        *figure_columns(),
        tag_column(),
        *published_columns(),
    )


def case_studies():
    from casestudies.models import CaseStudyPage

    return Dataset(
        key="case_studies",
        order=10,
        title=_("Case studies"),
        description=_(
            "How Swedish municipalities and regions work on climate with businesses, "
            "organisations and residents: who took part, when, and what came of it."
        ),
        file_name=pgettext_lazy("open data file name", "case-studies"),
        model=CaseStudyPage,
        rows=rows,
        columns=columns(),
        shows=named_terms(),
        filters=(
            theme_filter("case_study_themes__theme__slug"),
            municipality_filter(),
            status_filter(CaseStudyPage),
        ),
    )
