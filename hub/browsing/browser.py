"""A listing narrowed by filters that are declared, one line each, as `FacetField`s.

    FacetField("county", _("County"), "municipalities__county__slug",
               labels="municipalities__county__name")

Values within one filter are alternatives (OR); filters combine (AND). A counted filter's
options each show the number of results they would give together with the other filters'
choices, at one aggregate query per filter, or none where the listing is kept as bit sets
(`keep_listing`, hub/browsing/kept.py), so a listing runs the same number of queries for 10 or
10 000 pages.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count
from django.utils.translation import get_language, gettext_lazy

from hub.aggregates import cached_aggregate
from hub.browsing.cards import ListedCards, listed_cards, moment_rows
from hub.browsing.kept import KeptListing
from hub.browsing.lookups import link_table
from hub.browsing.options import Facet, Option, active_filters, with_chosen
from hub.browsing.pagination import paginate
from hub.browsing.query import QueryReader
from hub.collation import collated
from hub.versions import remember

ALL = "__all__"  # `skip` for every choice a visitor can make


@dataclass(frozen=True)
class FacetField:
    name: str  # the query string parameter
    label: Any
    lookup: str  # from the page to the value in the query string
    labels: str = ""  # from the page to an option's label, for options read from the results
    # (browser) -> [(value, label)]: every option, in order, whether it has results or not.
    choices: Any = None
    # (browser, values) -> {value: label} for chosen values that exist but have no results;
    # by default, the chosen values found on the listing's pages.
    known: Any = None
    display: Any = str  # turns a stored label into the one shown
    most_used_first: bool = False  # options read from the results, by count, not alphabetically
    # Show only this many options read from the results, those with the most results, and
    # `hint` where more were left out.
    limit: int | None = None
    hint: Any = ""
    multiple: bool = True
    counted: bool = True
    widget: str = "checkbox"
    any_label: Any = ""
    open: bool = False


class Browser:
    """A page of a listing with its filters, read from the query string.

    Subclasses declare `fields` and `sorts` ({value: ordering}), are given the pages to browse,
    and may narrow further in `narrow()` for filters that are not facets. With `keep_listing`,
    a listing that does not change with the clock is browsed through a `KeptListing`, kept per
    content version: its filters then narrow in `narrow_kept()` as well.
    """

    fields = ()
    sorts = {}
    unknown_sort_notice = gettext_lazy("Unknown sort order; showing the newest first.")
    unknown_value_notice = gettext_lazy(
        "Nothing matches the filter value “%(value)s”; it was ignored."
    )
    per_page = 12
    keep_listing = False

    def __init__(self, params, pages):
        self.params = params
        self.reader = QueryReader(params)
        self.notices = self.reader.notices
        self.base = pages
        self.choices = {field.name: field.choices(self) for field in self.fields if field.choices}
        self.selected = {field.name: self._read(field) for field in self.fields}
        self.sort = self._read_sort()

    @classmethod
    def link_models(cls, page_model):
        """The tables linking `page_model` to the values of the filters."""
        links = (link_table(page_model, field.lookup) for field in cls.fields)
        return {link[0] for link in links if link}

    def narrow(self, pages, skip=None):
        """`pages` narrowed by whatever the subclass filters on besides its facets; with
        `skip=ALL`, only by what always applies."""
        return pages

    def followed_params(self):
        """[(name, value)] of the choices besides the facets' that the view's feeds follow
        (hub/browsing/follow.py)."""
        return []

    def followed_labels(self):
        """A label for each of `followed_params()`, for the feeds' titles."""
        return []

    # Reading the query string

    def _read(self, field):
        if field.multiple:
            values = self.reader.values(field.name)
        else:
            value = self.reader.value(field.name)
            values = [value] if value else []
        if not values:
            return []
        if field.name in self.choices:
            known = {value for value, _label in self.choices[field.name]}
        else:
            known = self.known_labels(field, values)
        return self.reader.drop_unknown(values, known, str(self.unknown_value_notice))

    def known_labels(self, field, values):
        """{value: label} for those of `values` that exist, read once per request."""
        cache = self.__dict__.setdefault("_known", {})
        if field.name not in cache:
            if field.known:
                labels = field.known(self, values)
            elif self.kept:
                stored = self.kept.labels(field.name)
                labels = {
                    value: field.display(stored[value]) for value in values if value in stored
                }
            else:
                rows = self.base.filter(**{f"{field.lookup}__in": values})
                labels = {
                    value: field.display(label)
                    for value, label in rows.values_list(field.lookup, field.labels)
                }
            cache[field.name] = labels
        return cache[field.name]

    @property
    def default_sort(self):
        return next(iter(self.sorts), None)

    def _read_sort(self):
        if not self.sorts:
            return None
        return self.reader.choice(
            "sort", self.sorts, self.default_sort, str(self.unknown_sort_notice)
        )

    # Querying

    def filtered(self, skip=None):
        """The pages matching every choice in effect except those of filter `skip`."""
        pages = self.base
        for field in self.fields:
            values = self.selected[field.name]
            if field.name == skip or not values:
                continue
            link = link_table(self.base.model, field.lookup)
            if link is None:
                pages = pages.filter(**{f"{field.lookup}__in": values})
            else:
                # A subquery on the link table alone: one small semi-join per filter for the
                # planner to place, whatever its statistics say.
                model, page_field, value = link
                matching = model.objects.filter(**{f"{value}__in": values}).values(page_field)
                pages = pages.filter(pk__in=matching)
        return self.narrow(pages, skip)

    def ordered(self, pages):
        return self.sorted_by(pages, self.sort) if self.sort else pages

    def sorted_by(self, pages, sort):
        return pages.order_by(*self.sorts[sort])

    @property
    def results(self):
        if not hasattr(self, "_results"):
            if self.kept:
                matching = self.matching()
                count = matching.bit_count()
                pages = KeptPages(self, matching, count)
            else:
                pages = ListedCards(self.ordered(self.filtered().for_cards()))
                count = self.kept_total()
            self._results = paginate(self.params, pages, self.per_page, self.notices, count)
        return self._results

    # Browsing a kept listing

    @property
    def kept(self):
        """The `KeptListing` of this listing, or None where it is browsed in the database."""
        if not self.keep_listing or self.summary_listing is None:
            return None
        if not hasattr(self, "_kept"):
            self._kept = self._kept_listing()
        return self._kept

    def _kept_listing(self):
        """Read once per content version and process (hub/versions.py): kept in memory, since
        unpickling a megabyte of bit sets from a cache on every request would cost more than
        using them."""
        key = ("kept listing", self.summary_listing.pk, get_language())
        return remember(key, lambda: KeptListing(self))

    def kept_groups(self, pages):
        """{name: rows of (page id, *key)}: what `narrow_kept()` narrows by, read once."""
        return {}

    def leading_sorts(self, pages):
        """{sort: [page id]} for sorts by a value that only some pages have: those pages in
        that order, read once for the kept listing; the others follow in the default order."""
        return {}

    def narrow_kept(self, kept, skip=None):
        """The bit set of the pages `narrow(skip=skip)` keeps."""
        return kept.all

    def matching(self, skip=None):
        """As `filtered()`, the bit set of the kept listing's pages that match."""
        kept = self.kept
        matching = kept.all
        for field in self.fields:
            values = self.selected[field.name]
            if field.name != skip and values:
                matching &= kept.union(field.name, values)
        return matching & self.narrow_kept(kept, skip)

    # Counting, and the summary of the listing with nothing chosen

    summary_listing = None  # the page whose summary is kept, if any

    @property
    def narrowed(self):
        """Whether something besides the facets narrows the listing (see `narrow`)."""
        return False

    def unfiltered(self, but=None):
        """Whether nothing is chosen, apart from filter `but`."""
        if self.summary_listing is None or self.narrowed:
            return False
        return not any(values for name, values in self.selected.items() if name != but)

    def kept_total(self):
        """Nothing chosen: the kept summary knows the total, which saves a COUNT."""
        return self.summary()["total"] if self.unfiltered() else None

    def summary(self):
        """The counts of the listing with nothing chosen, kept between requests."""
        if not hasattr(self, "_summary"):
            key = f"listing:{self.summary_listing.pk}"
            self._summary = cached_aggregate(key, self.summarise)
        return self._summary

    def summarise(self):
        pages = self.narrow(self.base, skip=ALL)
        return {
            "total": pages.count(),
            "counts": {
                field.name: self.count_rows(field, pages) for field in self.fields if field.counted
            },
        }

    def counts(self, field):
        """[(value, label, number of results)] for one filter, with the others in effect."""
        if self.kept:
            rows = self.kept.counts(field.name, self.matching(skip=field.name))
            if field.most_used_first:  # the kept order is by label
                rows.sort(key=lambda row: -row[2])
        elif self.unfiltered(but=field.name):
            rows = self.summary()["counts"][field.name]
        else:
            rows = self.count_rows(field, self.filtered(skip=field.name))
        return [
            (value, field.display(label) if field.labels else "", n) for value, label, n in rows
        ]

    def count_rows(self, field, pages):
        """[(value, stored label, number of `pages`)] for one filter, in the order shown."""
        pages = pages.order_by().values("pk")
        link = link_table(self.base.model, field.lookup)
        if link is None:
            rows, value, label = pages, field.lookup, field.labels
            total = Count("pk", distinct=True)
        else:
            model, page_field, value = link
            rows = model.objects.filter(**{f"{page_field}__in": pages})
            label = link_table(self.base.model, field.labels)[2] if field.labels else ""
            total = Count(page_field, distinct=True)
        columns = [value, label] if label else [value]
        rows = rows.values(*columns).annotate(total=total)
        if field.name in self.choices:
            rows = rows.order_by()
        elif field.most_used_first:
            rows = rows.order_by("-total", label)
        else:
            rows = rows.order_by(collated(label, "sv"))
        return [
            [row[value], row[label] if label else "", row["total"]]
            for row in rows
            if row[value] is not None
        ]

    def options(self, field):
        chosen = self.selected[field.name]
        if field.name in self.choices:
            counts = {}
            if field.counted:
                counts = {value: total for value, _label, total in self.counts(field)}
            return [
                Option(
                    value, label, counts.get(value, 0) if field.counted else None, value in chosen
                )
                for value, label in self.choices[field.name]
            ]
        rows = self.counts(field)
        if field.limit and len(rows) > field.limit:
            most = sorted(rows, key=lambda row: -row[2])[: field.limit]
            kept = {value for value, _label, _total in most}
            rows = [row for row in rows if row[0] in kept]  # in their own order
            self.shortened.add(field.name)
        options = [Option(value, label, total, value in chosen) for value, label, total in rows]
        labels = self.known_labels(field, chosen) if chosen else {}
        return with_chosen(options, chosen, labels, alphabetical=not field.most_used_first)

    @property
    def facets(self):
        if not hasattr(self, "_facets"):
            self.shortened = set()  # the filters whose options were cut to their limit
            self._facets = [
                Facet(
                    field.name,
                    field.label,
                    self.options(field),
                    widget=field.widget,
                    any_label=field.any_label,
                    open=field.open,
                    hint=field.hint if field.name in self.shortened else "",
                )
                for field in self.fields
            ]
        return self._facets

    @property
    def active_filters(self):
        return active_filters(self.facets, self.reader)

    @property
    def active_count(self):
        """How many filters are in effect, for the collapsed filter panel's label."""
        return sum(1 for values in self.selected.values() if values)

    @property
    def has_filters(self):
        return bool(self.active_count)


class KeptPages:
    """The matching pages of a kept listing, as the paginator slices them: each slice is the
    `ListedCard`s of its pages, whose ids the kept listing knows; their pages are read only
    for cards not yet remembered."""

    def __init__(self, browser, matching, count):
        self.browser, self.matching, self.count = browser, matching, count

    def __len__(self):
        return self.count

    def ids(self, first, count):
        """The ids of the matching pages ranked `first` to `first + count - 1`."""
        return self.browser.kept.page_ids(self.matching, self.browser.sort, first, count)

    def __getitem__(self, items):
        first = items.start or 0
        ids = self.ids(first, items.stop - first)
        # Which of them are live and public now, in one narrow query: the kept listing is as
        # old as the content version this request read.
        base = self.browser.base
        rows = {row[0]: row for row in moment_rows(base.filter(pk__in=ids))}
        return listed_cards(base, [rows[pk] for pk in ids if pk in rows])
