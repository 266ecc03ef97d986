"""The case studies as open data: one row per published case study (hub/open_data/)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

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


def rows(locale):
    from casestudies.models import CaseStudyPage

    return public_pages(
        CaseStudyPage,
        locale,
        defer=("body", "results", "lessons", "external_links"),
        related=("case_study_themes__theme", "partners"),
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
