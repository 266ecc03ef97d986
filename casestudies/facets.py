"""Faceted browsing of the case study library, driven by the query string.

Values within one facet are alternatives (OR); facets combine (AND). Each option's count is
the number of results it would give together with the other facets' choices. Every facet costs
one aggregate query, so the page runs the same number of queries for 10 or 10 000 case studies.
"""

from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from wagtail.models import Locale

from casestudies.models import FIRST_YEAR, LAST_YEAR, CaseStudyPage, CaseStudyTag, CaseStudyTheme
from hub.collation import collated, sort_key
from hub.models import County, Organisation, Theme
from hub.pagination import paginate

MAX_VALUES_PER_FACET = 20


@dataclass
class Option:
    value: str
    label: str
    count: int = 0
    selected: bool = False


def with_chosen(options, chosen, labels, alphabetical=True):
    """`options` with every chosen value among them: one without results shows with 0.

    A choice that gives no results with the others must stay visible, ticked and removable.
    """
    present = {option.value for option in options}
    language = get_language()
    for value in chosen:
        if value in present:
            continue
        option = Option(value, labels.get(value, value), 0, True)
        position = len(options)
        if alphabetical:
            key = sort_key(option.label, language)
            position = next(
                (i for i, other in enumerate(options) if sort_key(other.label, language) > key),
                position,
            )
        options.insert(position, option)
    return options


@dataclass
class Facet:
    name: str
    label: str
    options: list = field(default_factory=list)

    @property
    def selected_options(self):
        return [option for option in self.options if option.selected]


class CaseStudyBrowser:
    facet_names = ("theme", "county", "municipality", "kind", "status", "tag")
    sort_choices = ("newest", "title")

    def __init__(self, index_page, params):
        self.index_page = index_page
        self.params = params
        self.notices = []
        self.locale = Locale.get_active()
        self.base = index_page.get_case_studies()
        self.themes = {theme.slug: theme for theme in Theme.objects.filter(locale=self.locale)}
        self.selected = {name: self._read_values(name) for name in self.facet_names}
        self.year_from, self.year_to = self._read_year("year_from"), self._read_year("year_to")
        self.sort = self._read_sort()
        self._validate_facet_values()

    # Reading the query string

    def _read_values(self, name):
        values = [value.strip() for value in self.params.getlist(name) if value.strip()]
        if len(values) > MAX_VALUES_PER_FACET:
            self.notices.append(_("Too many choices in one filter; only the first ones are used."))
            values = values[:MAX_VALUES_PER_FACET]
        return list(dict.fromkeys(values))

    def _read_year(self, name):
        raw = self.params.get(name, "").strip()
        if not raw:
            return None
        if raw.isdigit() and FIRST_YEAR <= int(raw) <= LAST_YEAR:
            return int(raw)
        self.notices.append(
            _("“%(value)s” is not a year we can filter on; it was ignored.") % {"value": raw[:20]}
        )
        return None

    def _read_sort(self):
        sort = self.params.get("sort", "newest")
        if sort not in self.sort_choices:
            self.notices.append(_("Unknown sort order; showing the newest first."))
            return "newest"
        return sort

    def _validate_facet_values(self):
        # The names of the chosen counties, municipalities and tags, read with the check:
        # a choice that no longer matches anything still shows, with a count of 0.
        self.selected_labels = {
            "county": {
                slug: County(name=name).display_name
                for slug, name in County.objects.filter(
                    slug__in=self.selected["county"]
                ).values_list("slug", "name")
            }
            if self.selected["county"]
            else {},
            "municipality": dict(
                self.base.filter(
                    municipalities__slug__in=self.selected["municipality"]
                ).values_list("municipalities__slug", "municipalities__name")
            )
            if self.selected["municipality"]
            else {},
            "tag": dict(
                CaseStudyTag.objects.filter(tag__slug__in=self.selected["tag"]).values_list(
                    "tag__slug", "tag__name"
                )
            )
            if self.selected["tag"]
            else {},
        }
        known = {
            "theme": set(self.themes),
            "kind": set(Organisation.Kind.values),
            "status": set(CaseStudyPage.Status.values),
            **{name: set(labels) for name, labels in self.selected_labels.items()},
        }
        for name in self.facet_names:
            unknown = [value for value in self.selected[name] if value not in known[name]]
            if unknown:
                self.notices.append(
                    _("No case studies match the filter value “%(value)s”; it was ignored.")
                    % {"value": ", ".join(value[:40] for value in unknown)}
                )
                self.selected[name] = [
                    value for value in self.selected[name] if value in known[name]
                ]

    # Querying

    def _filtered(self, skip=None):
        queryset = self.base
        places = CaseStudyPage.municipalities.through.objects
        partners = CaseStudyPage.partners.through.objects
        # Each filter is a subquery on its link table alone, so the planner has one small
        # semi-join per filter to place, whatever its statistics say.
        matching = {
            "theme": lambda values: CaseStudyTheme.objects.filter(theme__slug__in=values).values(
                "page_id"
            ),
            "county": lambda values: places.filter(municipality__county__slug__in=values).values(
                "casestudypage_id"
            ),
            "municipality": lambda values: places.filter(municipality__slug__in=values).values(
                "casestudypage_id"
            ),
            "kind": lambda values: partners.filter(organisation__kind__in=values).values(
                "casestudypage_id"
            ),
            "tag": lambda values: CaseStudyTag.objects.filter(tag__slug__in=values).values(
                "content_object_id"
            ),
        }
        for name in self.facet_names:
            if name == skip or not self.selected[name]:
                continue
            if name == "status":
                queryset = queryset.filter(status__in=self.selected[name])
            else:
                queryset = queryset.filter(pk__in=matching[name](self.selected[name]))
        if skip != "years":
            queryset = queryset.active_between(self.year_from, self.year_to)
        return queryset

    @property
    def results(self):
        if not hasattr(self, "_results"):
            queryset = self._filtered().for_cards()
            if self.sort == "title":
                queryset = queryset.order_by(collated("title"), "pk")
            else:
                queryset = queryset.order_by("-first_published_at", "-pk")
            self._results = paginate(self.params, queryset, self.index_page.per_page, self.notices)
        return self._results

    def _counts(self, queryset, value_field):
        rows = queryset.values(value_field).annotate(total=Count("pk", distinct=True))
        return {row[value_field]: row["total"] for row in rows if row[value_field] is not None}

    @property
    def facets(self):
        if hasattr(self, "_facets"):
            return self._facets
        selected = self.selected
        facets = []

        counts = {
            row["theme__slug"]: row["total"]
            for row in CaseStudyTheme.objects.filter(
                page__in=self._filtered(skip="theme").values("pk")
            )
            .values("theme__slug")
            .annotate(total=Count("page", distinct=True))
        }
        facets.append(
            Facet(
                "theme",
                _("Theme"),
                [
                    Option(slug, theme.name, counts.get(slug, 0), slug in selected["theme"])
                    for slug, theme in self.themes.items()
                ],
            )
        )

        rows = (
            self._filtered(skip="county")
            .values("municipalities__county__slug", "municipalities__county__name")
            .annotate(total=Count("pk", distinct=True))
            .order_by("municipalities__county__name")
        )
        options = [
            Option(
                row["municipalities__county__slug"],
                County(name=row["municipalities__county__name"]).display_name,
                row["total"],
                row["municipalities__county__slug"] in selected["county"],
            )
            for row in rows
            if row["municipalities__county__slug"]
        ]
        options = with_chosen(options, selected["county"], self.selected_labels["county"])
        facets.append(Facet("county", pgettext("Swedish län", "County"), options))

        rows = (
            self._filtered(skip="municipality")
            .values("municipalities__slug", "municipalities__name")
            .annotate(total=Count("pk", distinct=True))
            .order_by(collated("municipalities__name", "sv"))
        )
        options = [
            Option(
                row["municipalities__slug"],
                row["municipalities__name"],
                row["total"],
                row["municipalities__slug"] in selected["municipality"],
            )
            for row in rows
            if row["municipalities__slug"]
        ]
        labels = self.selected_labels["municipality"]
        options = with_chosen(options, selected["municipality"], labels)
        facets.append(Facet("municipality", _("Municipality"), options))

        counts = self._counts(self._filtered(skip="kind"), "partners__kind")
        facets.append(
            Facet(
                "kind",
                _("Partner type"),
                [
                    Option(value, label, counts.get(value, 0), value in selected["kind"])
                    for value, label in Organisation.Kind.choices
                ],
            )
        )

        counts = self._counts(self._filtered(skip="status"), "status")
        facets.append(
            Facet(
                "status",
                _("Status"),
                [
                    Option(value, label, counts.get(value, 0), value in selected["status"])
                    for value, label in CaseStudyPage.Status.choices
                ],
            )
        )

        rows = (
            CaseStudyTag.objects.filter(content_object__in=self._filtered(skip="tag").values("pk"))
            .values("tag__slug", "tag__name")
            .annotate(total=Count("content_object", distinct=True))
            .order_by("-total", "tag__name")
        )
        options = [
            Option(
                row["tag__slug"],
                row["tag__name"],
                row["total"],
                row["tag__slug"] in selected["tag"],
            )
            for row in rows
        ]
        # Tags come most used first, so one without results goes last.
        options = with_chosen(
            options, selected["tag"], self.selected_labels["tag"], alphabetical=False
        )
        facets.append(Facet("tag", _("Tag"), options))
        self._facets = facets
        return facets

    @property
    def year_options(self):
        """Each year with the number of case studies under way that year."""
        spans = (
            self._filtered(skip="years")
            .filter(start_year__isnull=False)
            .values_list("start_year", "end_year")
        )
        spans = list(spans)
        # A chosen year stays in the list even when no case study is under way then.
        chosen = [year for year in (self.year_from, self.year_to) if year is not None]
        if not spans and not chosen:
            return []
        this_year = timezone.localdate().year
        first = min([*[start for start, _end in spans], *chosen])
        last = max([this_year, *[end for _start, end in spans if end], *chosen])
        return [
            Option(
                str(year),
                str(year),
                sum(1 for start, end in spans if start <= year and (end is None or end >= year)),
            )
            for year in range(first, last + 1)
        ]

    @property
    def active_filters(self):
        """The choices in effect, each with the address that drops just that choice."""
        active = []
        for facet in self.facets:
            for option in facet.selected_options:
                active.append(
                    {
                        "label": f"{facet.label}: {option.label}",
                        "query": self.query_without(facet.name, option.value),
                    }
                )
        for name, value in (("year_from", self.year_from), ("year_to", self.year_to)):
            if value is not None:
                label = _("From %(year)s") if name == "year_from" else _("Until %(year)s")
                active.append(
                    {
                        "label": label % {"year": value},
                        "query": self.query_without(name, str(value)),
                    }
                )
        return active

    def query_without(self, name, value):
        params = self.params.copy()
        params.setlist(name, [item for item in params.getlist(name) if item != value])
        params.pop("page", None)
        return params.urlencode()

    @property
    def has_filters(self):
        return any(self.selected.values()) or self.year_from is not None or self.year_to is not None
