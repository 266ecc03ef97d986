"""Comparable impact figures: what a case study achieved, in numbers that can be sorted, summed
and compared (docs/impact-figures.md).

Next to the free-text key figures ("about 25 members"), an impact figure names a metric from a
fixed list, whose unit the metric fixes, a value, the years it spans and where it comes from.
The figures are rows of their own, so the library sorts and filters by them and municipality
pages add them up in the database.
"""

from decimal import Decimal

from modelcluster.fields import ParentalKey

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Count, Sum
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable, TranslatableMixin

from casestudies.models.years import year_field
from hub.content_checks import ContentChecksPageForm


class Metric(models.TextChoices):
    GHG_REDUCTION = "ghg_reduction", _("Greenhouse gas reduction")
    ENERGY_SAVED = "energy_saved", _("Energy saved")
    RENEWABLE_ENERGY = "renewable_energy", _("Renewable energy produced")
    INVESTMENT = "investment", _("Investment")
    ORGANISATIONS = "organisations", _("Companies or organisations engaged")
    PEOPLE = "people", _("People reached")


# The unit each metric is given in; an editor cannot choose another.
UNITS = {
    Metric.GHG_REDUCTION: _("tonnes CO₂e per year"),
    Metric.ENERGY_SAVED: _("MWh per year"),
    Metric.RENEWABLE_ENERGY: _("MWh per year"),
    Metric.INVESTMENT: _("SEK"),
    Metric.ORGANISATIONS: _("companies or organisations"),
    Metric.PEOPLE: _("people"),
}
# Metrics that count things: whole numbers only.
COUNTED = {Metric.ORGANISATIONS, Metric.PEOPLE}


def shown_number(value):
    """A figure as a reader of the page's language writes it: grouped thousands, no ".00"."""
    value = Decimal(value)
    integral = value == value.to_integral_value()
    return number_format(
        value if integral else value.normalize(),
        decimal_pos=0 if integral else None,
        use_l10n=True,
        force_grouping=True,
    )


class CaseStudyImpactFigure(TranslatableMixin, Orderable):
    """One comparable figure of a case study. Translatable, so that the source sentence can be
    translated; the metric, value and years stay the same in every language."""

    page = ParentalKey(
        "casestudies.CaseStudyPage", on_delete=models.CASCADE, related_name="impact_figures"
    )
    metric = models.CharField(_("metric"), max_length=30, choices=Metric.choices)
    value = models.DecimalField(
        _("value"),
        max_digits=16,
        decimal_places=2,
        validators=[MinValueValidator(0)],
        help_text=_("In the metric's unit. A reduction is entered as a positive number."),
    )
    base_year = year_field(
        _("base year"), _("The year the figure is measured from, if it has one.")
    )
    target_year = year_field(_("target year"), _("The year the figure was reached, or is to be."))
    source = models.CharField(
        _("source or method"),
        max_length=300,
        help_text=_("In one sentence: the report the figure comes from, or how it was worked out."),
    )

    panels = [
        FieldRowPanel([FieldPanel("metric"), FieldPanel("value")]),
        FieldRowPanel([FieldPanel("base_year"), FieldPanel("target_year")]),
        FieldPanel("source"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("impact figure")
        verbose_name_plural = _("impact figures")
        # The library's kept sort orders and "has figures for" sets read all of one metric.
        indexes = [models.Index(fields=["metric", "page"], name="impactfigure_metric")]

    def __str__(self):
        return f"{self.get_metric_display()}: {self.shown_value} {self.unit}"

    @property
    def unit(self):
        return UNITS.get(self.metric, "")

    @property
    def shown_value(self):
        return shown_number(self.value) if self.value is not None else ""

    @property
    def years(self):
        """ "2019–2023", "2023" or ""."""
        if self.base_year and self.target_year:
            return f"{self.base_year}–{self.target_year}"
        return str(self.base_year or self.target_year or "")

    def clean(self):
        super().clean()
        errors = {}
        if self.metric in COUNTED and self.value is not None and self.value % 1:
            errors["value"] = _("Count whole companies, organisations or people.")
        if self.base_year and self.target_year and self.target_year < self.base_year:
            errors["target_year"] = _("The target year cannot be before the base year.")
        if errors:
            raise ValidationError(errors)


class CaseStudyPageForm(ContentChecksPageForm):
    """The case study form: one impact figure per metric, so that totals and sorting read one
    value per case study."""

    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("impact_figures")
        if formset is None or not formset.is_valid():  # the rows' own errors come first
            return cleaned_data
        seen = set()
        for form in formset.forms:
            if form.cleaned_data.get("DELETE"):
                continue
            metric = form.cleaned_data.get("metric")
            if metric and metric in seen:
                form.add_error(
                    "metric",
                    _("This case study already has a figure for this metric; give one only."),
                )
            seen.add(metric)
        return cleaned_data


def figure_totals(pages):
    """[(metric, total, number of case studies)] of the impact figures of `pages`, in the order
    of the metrics; one query, over those pages' figures only."""
    rows = (
        CaseStudyImpactFigure.objects.filter(page__in=pages.order_by().values("pk"))
        .values("metric")
        .annotate(total=Sum("value"), cases=Count("page", distinct=True))
        .order_by()
    )
    found = {row["metric"]: (row["total"], row["cases"]) for row in rows}
    return [
        {
            "metric": metric,
            "label": Metric(metric).label,
            "unit": UNITS[metric],
            "total": shown_number(found[metric][0]),
            "cases": found[metric][1],
        }
        for metric in Metric.values
        if metric in found
    ]
