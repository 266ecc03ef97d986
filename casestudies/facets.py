"""The case study library's filters: each is one declaration on `CaseStudyBrowser`.

The page model is read from the pages browsed, so that `casestudies.models` can import this
module.

Any number of values may be chosen within a filter; see `hub.browsing.browser` for how they
combine and are counted.
"""

from urllib.parse import urlencode

from django.db.models import Count
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import pgettext_lazy

from casestudies.models.figures import CaseStudyImpactFigure, Metric
from hub.browsing.browser import ALL, Browser, FacetField
from hub.browsing.cards import terms_of_language, themes_by_id
from hub.browsing.options import Option
from hub.collation import collated
from hub.county_map import all_counties, county_map
from hub.models import County, Organisation

# The tag filter offers the most used tags; every tag has a page of its own (/sv/taggar/).
MOST_USED_TAGS = 30
# The municipality filter offers those with the most case studies: enough for every
# municipality of any one county (Västra Götaland has 49) once a county is chosen.
MOST_MUNICIPALITIES = 50


def themes(browser):
    """The themes in the library's language."""
    return terms_of_language("theme", themes_by_id(), browser.index_page.locale_id)


def counties(browser, values):
    """Every county chosen that exists, with or without case studies."""
    rows = County.objects.filter(slug__in=values).values_list("slug", "name")
    return {slug: County(name=name).display_name for slug, name in rows}


def county_name(name):
    return County(name=name).display_name


class CaseStudyBrowser(Browser):
    # fmt: off
    fields = (
        FacetField("theme", _lazy("Theme"), "case_study_themes__theme__slug",
                   choices=themes, open=True),
        FacetField("county", pgettext_lazy("Swedish län", "County"), "municipalities__county__slug",
                   labels="municipalities__county__name", known=counties, display=county_name),
        FacetField("municipality", _lazy("Municipality"), "municipalities__slug",
                   labels="municipalities__name", limit=MOST_MUNICIPALITIES,
                   hint=_lazy("Choose a county to see all of its municipalities.")),
        FacetField("kind", _lazy("Partner type"), "partners__kind",
                   choices=lambda browser: Organisation.Kind.choices),
        FacetField("status", _lazy("Status"), "status",
                   choices=lambda browser: browser.base.model.Status.choices),
        FacetField("tag", _lazy("Tag"), "tagged_items__tag__slug",
                   labels="tagged_items__tag__name", most_used_first=True, limit=MOST_USED_TAGS,
                   hint=_lazy("Every tag has a page of its own under Tags.")),
        FacetField("figures", _lazy("Has figures for"), "impact_figures__metric",
                   choices=lambda browser: Metric.choices),
    )
    # fmt: on
    sorts = {
        "newest": ("-first_published_at", "-pk"),
        "title": ("title", "pk"),  # in the collation of the page's language
        # By one impact figure, largest first; case studies without it follow, newest first.
        # The library is always kept, and its kept listing orders these (`leading_sorts`).
        **dict.fromkeys(Metric.values, ()),
    }
    sort_labels = {
        "newest": _lazy("Newest first"),
        "title": _lazy("Title, A to Z"),
        **{
            metric: format_lazy("{}, {}", label, _lazy("largest first"))
            for metric, label in Metric.choices
        },
    }
    unknown_value_notice = _lazy(
        "No case studies match the filter value “%(value)s”; it was ignored."
    )
    keep_listing = True

    def __init__(self, index_page, params):
        self.index_page = index_page
        self.summary_listing = index_page
        self.per_page = index_page.per_page
        super().__init__(params, index_page.get_case_studies())
        self.year_from = self.reader.year("year_from")
        self.year_to = self.reader.year("year_to")

    def sorted_by(self, pages, sort):
        if sort == "title":
            return pages.order_by(collated("title"), "pk")
        return super().sorted_by(pages, sort)

    def leading_sorts(self, pages):
        """Each metric's sort: the case studies with that figure, largest first, newest first
        among equals, from one query over the figures."""
        rows = (
            CaseStudyImpactFigure.objects.filter(page__in=pages.order_by().values("pk"))
            .order_by("metric", "-value", "-page__first_published_at", "-page_id")
            .values_list("metric", "page_id")
        )
        leading = {metric: [] for metric in Metric.values}
        for metric, page_id in rows:
            leading[metric].append(page_id)
        return leading

    def narrow(self, pages, skip=None):
        if skip in ("years", ALL):
            return pages
        return pages.active_between(self.year_from, self.year_to)

    def kept_groups(self, pages):
        return {"years": pages.order_by().values_list("pk", "start_year", "end_year")}

    def narrow_kept(self, kept, skip=None):
        if skip in ("years", ALL) or not self.narrowed:
            return kept.all
        matching = 0
        for (start, end), pages in kept.groups["years"].items():
            if self.under_way(start, end):
                matching |= pages
        return matching

    def under_way(self, start, end):
        """As `active_between()`, for one case study: under way at some point in the years."""
        if self.year_to is not None and (start is None or start > self.year_to):
            return False
        if self.year_from is not None and end is None:
            return start is not None
        return self.year_from is None or end >= self.year_from

    @property
    def narrowed(self):
        return self.year_from is not None or self.year_to is not None

    def followed_params(self):
        years = (("year_from", self.year_from), ("year_to", self.year_to))
        return [(name, str(year)) for name, year in years if year is not None]

    def followed_labels(self):
        labels = []
        if self.year_from is not None:
            labels.append(_("From %(year)s") % {"year": self.year_from})
        if self.year_to is not None:
            labels.append(_("Until %(year)s") % {"year": self.year_to})
        return labels

    def summarise(self):
        return {**super().summarise(), "years": self.spans(self.base)}

    @staticmethod
    def spans(pages):
        """[(start year, end year, number of case studies)], one row per distinct span."""
        rows = (
            pages.filter(start_year__isnull=False)
            .order_by()
            .values_list("start_year", "end_year")
            .annotate(total=Count("pk"))
        )
        return [list(row) for row in rows]

    @property
    def sort_options(self):
        return [(value, self.sort_labels[value]) for value in self.sorts]

    @property
    def year_options(self):
        """Each year with the number of case studies under way that year."""
        if self.kept:
            matching = self.matching(skip="years")
            spans = [
                (start, end, total)
                for (start, end), pages in self.kept.groups["years"].items()
                if start is not None and (total := (pages & matching).bit_count())
            ]
        elif any(self.selected.values()):
            spans = self.spans(self.filtered(skip="years"))
        else:
            spans = self.summary()["years"]
        # A chosen year stays in the list even when no case study is under way then.
        chosen = [year for year in (self.year_from, self.year_to) if year is not None]
        if not spans and not chosen:
            return []
        this_year = timezone.localdate().year
        first = min([*[start for start, _end, _total in spans], *chosen])
        last = max([this_year, *[end for _start, end, _total in spans if end], *chosen])
        return [
            Option(
                str(year),
                str(year),
                sum(
                    total
                    for start, end, total in spans
                    if start <= year and (end is None or end >= year)
                ),
            )
            for year in range(first, last + 1)
        ]

    @property
    def active_filters(self):
        """The choices in effect, each with the address that drops just that choice."""
        active = super().active_filters
        for name, value in (("year_from", self.year_from), ("year_to", self.year_to)):
            if value is not None:
                label = _("From %(year)s") if name == "year_from" else _("Until %(year)s")
                active.append(
                    {
                        "label": label % {"year": value},
                        "query": self.reader.query_without(name, str(value)),
                    }
                )
        return active

    def county_map(self):
        """The county map under the results: each county's number of case studies with the
        other filters in effect, as its filter option counts them, and a link that chooses
        that county alone, keeping the other filters."""
        options = next(facet.options for facet in self.facets if facet.name == "county")
        by_slug = {option.value: option.count or 0 for option in options}
        counties = all_counties()
        counts = {code: by_slug.get(slug, 0) for code, slug, _name in counties}
        # The other choices in effect, those that exist, and the sort order.
        kept = [
            (name, value)
            for name, values in self.selected.items()
            if name != "county"
            for value in values
        ]
        years = (("year_from", self.year_from), ("year_to", self.year_to))
        kept += [(name, str(year)) for name, year in years if year is not None]
        if self.sort != self.default_sort:
            kept.append(("sort", self.sort))

        def href(slug):
            return "?" + urlencode([*kept, ("county", slug)])

        chosen_elsewhere = any(values for name, values in self.selected.items() if name != "county")
        return {**county_map(counties, counts, href), "filtered": chosen_elsewhere or self.narrowed}

    @property
    def active_count(self):
        years = sum(1 for year in (self.year_from, self.year_to) if year is not None)
        return super().active_count + years
