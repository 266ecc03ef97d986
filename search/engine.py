"""One search over every page type of the active language, driven by the query string.

Facets are single choices (type, theme, county, municipality, tag, year) that combine; their
counts describe the current results. A search reads at most `CANDIDATES` matches, best (or
newest) first, from the pages' search entries (`search.models.SearchEntry`): their ids,
content types and facet keys, which give every facet count without another query. Then the
excerpts of the visible page of results and, for the results whose cards are not remembered
yet (`{% card %}`, as a listing makes its cards), their pages (one query per page type on it),
whatever the number of pages.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, F, IntegerField, Value, When
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page, get_page_models
from wagtail.search.backends import get_search_backend
from wagtail.search.utils import normalise_query_string

from hub.browsing.cards import (
    ListedPages,
    counties_by_id,
    find_term,
    municipalities_by_id,
    themes_by_id,
)
from hub.browsing.options import Facet, Option, active_filters
from hub.browsing.pagination import paginate
from hub.browsing.query import QueryReader
from hub.languages import active_locale
from hub.models.related import in_private_section, restricted_paths
from hub.tags import tags_by_id
from hub.versions import remember
from search import caching, facetkeys, statistics
from search.excerpts import excerpts
from search.models import SearchEntry
from search.results import Result, pages_by_id, type_label
from search.terms import CANDIDATES, clean_query, query_terms, search_string
from search.vocabulary import did_you_mean

RESULTS_PER_PAGE = 10
# External backends (Elasticsearch, OpenSearch) hand back objects, not SQL; facets then count
# the first this many results.
EXTERNAL_RESULTS_LIMIT = 1000
FEW_RESULTS = 3
MAX_FACET_OPTIONS = 15

FACET_LABELS = {
    "type": gettext_lazy("Content type"),
    "theme": gettext_lazy("Theme"),
    "county": gettext_lazy("County"),
    "municipality": gettext_lazy("Municipality"),
    "tag": gettext_lazy("Tag"),
    "year": gettext_lazy("Year"),
}
SORTS = {"relevance": gettext_lazy("Best match"), "date": gettext_lazy("Newest first")}


def matched_pages(results):
    """The pages a search matched, as a queryset that can still be filtered and ordered."""
    get_queryset = getattr(results, "get_queryset", None)
    if get_queryset is not None:  # the database backends
        return get_queryset()
    ids = [page.pk for page in results[:EXTERNAL_RESULTS_LIMIT]]
    position = Case(
        *[When(pk=pk, then=Value(index)) for index, pk in enumerate(ids)],
        output_field=IntegerField(),
    )
    return Page.objects.filter(pk__in=ids).annotate(_position=position).order_by("_position")


def run_search(queryset, text, operator="and"):
    """Match `text` against `queryset` with the configured backend, best first."""
    backend = get_search_backend()
    return matched_pages(backend.search(search_string(text), queryset, operator=operator))


def by_date(pages):
    """Newest first, by the date each page is about, read from its search entry."""
    return pages.order_by(F("search_entry__date").desc(nulls_last=True), "-pk")


def searchable_entries(locale):
    """The search entries of the live, public pages of a language."""
    entries = SearchEntry.objects.filter(locale=locale, live=True)
    if restricted_paths():  # remembered per content version
        private = Page.objects.filter(in_private_section()).values("pk")
        entries = entries.exclude(page__in=private)
    return entries


def find(entries, text, limit, sort="relevance", pool=None):
    """[(page id, content type id, facet keys)] of up to `limit` matches of `text` among
    `entries`, in the order shown; best first ranks the `pool` likeliest in full (PostgreSQL)
    or all matches."""
    backend = get_search_backend()
    if hasattr(backend, "candidates"):  # search/backends/postgres.py
        newest_first = sort == "date"
        return backend.candidates(entries, search_string(text), pool or limit, limit, newest_first)
    pages = Page.objects.filter(pk__in=entries.values("page_id"))
    matched = run_search(pages, text)
    if sort == "date":
        matched = by_date(matched)
    return list(matched.values_list("pk", "content_type_id", "search_entry__keys")[:limit])


class SiteSearch:
    def __init__(self, params, record=True, visitor=""):
        self.params = params
        self.reader = QueryReader(params)
        self.record = record
        self.visitor = visitor  # the address that searched, to count its query once a day
        self.notices = self.reader.notices
        self.locale = active_locale()
        self.language = self.locale.language_code
        self.query = clean_query(params.get("q", ""))
        if len(params.get("q", "")) > len(self.query) + 50:
            self.notices.append(
                _("Your search was shortened to its first %(count)s characters.")
                % {"count": len(self.query)}
            )
        self.terms = query_terms(self.query)
        self.sort = self._read_sort()
        self.selected = self._read_filters()
        self.promotions = []
        self.results_for = None  # a corrected query whose results are shown instead
        self.suggestion = None
        self.version = None  # the content version whose kept candidates may be reused

    # Reading the query string

    def _read_sort(self):
        notice = _("Unknown sort order; showing the best matches first.")
        return self.reader.choice("sort", SORTS, "relevance", notice)

    def _lookup(self, name, find):
        """What `find(value)` gives for the filter `name`, or None with a notice."""
        raw = self.reader.value(name)
        if not raw:
            return None
        found = find(raw[:100])
        if found is None:
            self.notices.append(
                _("There is no %(filter)s “%(value)s”; that filter was ignored.")
                % {"filter": str(FACET_LABELS[name]).lower(), "value": raw[:40]}
            )
        return found

    def _read_filters(self):
        # From the vocabularies remembered per content version, without a query.
        locale_id = self.locale.pk
        selected = {
            "type": self._read_type(),
            "theme": self._lookup(
                "theme", lambda slug: find_term(themes_by_id(), slug=slug, locale_id=locale_id)
            ),
            "county": self._lookup("county", lambda code: find_term(counties_by_id(), code=code)),
            "municipality": self._lookup(
                "municipality", lambda slug: find_term(municipalities_by_id(), slug=slug)
            ),
            "tag": self._lookup("tag", lambda slug: find_term(tags_by_id(), slug=slug)),
            "year": self.reader.year("year"),
        }
        return {name: value for name, value in selected.items() if value is not None}

    def _read_type(self):
        raw = self.reader.value("type")
        if not raw:
            return None
        models = {model._meta.model_name: model for model in self.page_models()}
        if raw in models:
            return models[raw]
        self.notices.append(
            _("There is no content type “%(value)s”; that filter was ignored.")
            % {"value": raw[:40]}
        )
        return None

    @property
    def sort_options(self):
        return list(SORTS.items())

    @staticmethod
    def page_models():
        return [model for model in get_page_models() if model is not Page]

    @property
    def has_filters(self):
        return bool(self.selected)

    @property
    def has_query(self):
        return bool(self.terms)

    @property
    def first_page(self):
        """Promotions show, and searches are counted, on the first page only."""
        return self.params.get("page", "1") == "1"

    # Building the search

    def narrowed(self, entries):
        """`entries` limited to the chosen facets.

        Applied to the search entries rather than handed to the backend, so the same SQL
        serves every backend: Elasticsearch knows nothing of the facet keys.
        """
        selected = self.selected
        if "type" in selected:
            content_type = ContentType.objects.get_for_model(selected["type"])
            entries = facetkeys.narrow(entries, "type", content_type)
        for name in ("theme", "tag", "municipality", "county", "year"):
            if name in selected:
                entries = facetkeys.narrow(entries, name, selected[name])
        return entries

    def _promotions(self):
        """Editors' picks for this query, in this language, shown on the first page only."""
        if self.has_filters or not self.first_page:
            return []
        query_string = normalise_query_string(self.query)
        # Which queries have picks is remembered per content version (picks are watched), so
        # the many queries without any read none.
        promoted = remember(
            ("promoted queries",),
            lambda: set(SearchPromotion.objects.values_list("query__query_string", flat=True)),
        )
        if query_string not in promoted:
            return []
        picks = SearchPromotion.objects.filter(query__query_string=query_string)
        picks = picks.select_related("page")
        promotions = []
        for pick in picks.order_by("sort_order"):
            page = pick.page
            if page is not None and page.locale_id != self.locale.pk:
                page = page.get_translation_or_none(self.locale)
            if page is not None and not page.live:
                continue
            if page is None and not pick.external_link_url:
                continue
            label = type_label(page) if page else ""
            promotions.append({"pick": pick, "page": page, "type_label": label})
        return promotions

    def run(self):
        """Work out everything the page shows; returns self for the template."""
        self.results = None
        self.facets = []
        self.more = False  # more matches than `candidates`, which are all that is shown
        # A setting, so that a test can go past it with a few pages.
        self.candidates = getattr(settings, "SEARCH_CANDIDATES", CANDIDATES)
        if not self.has_query and not self.has_filters:
            return self
        self.version = caching.current()
        entries = self.narrowed(searchable_entries(self.locale))
        if self.has_query:
            self.promotions = self._promotions()
            promoted = [item["page"].pk for item in self.promotions if item["page"] is not None]
            if promoted:
                entries = entries.exclude(page__in=promoted)
        rows = self._candidates(entries, self.query)
        if self.has_query and len(rows) < FEW_RESULTS:
            self._try_correction(len(rows))
            if self.results_for:
                corrected = self._candidates(entries, self.results_for)
                if corrected:
                    rows = corrected
                else:  # the correction finds nothing either: say so plainly
                    self.results_for = None
        self.more = len(rows) > self.candidates
        rows = rows[: self.candidates]
        total = len(rows)
        self.results = paginate(self.params, rows, RESULTS_PER_PAGE, self.notices, count=total)
        self.items = self._results(self.results.object_list)
        self.facets = self._facets(facetkeys.counts(keys for _pk, _type, keys in rows), total)
        self.total = total + len(self.promotions)
        self._record(total)
        return self

    def _candidates(self, entries, text):
        """(id, content type id, facet keys) of up to `candidates` + 1 matches, in the order
        shown; kept in the cache until a page's search entry changes (`search.caching`)."""
        limit = self.candidates + 1
        if not self.has_query:
            ordered = entries.order_by(F("date").desc(nulls_last=True), "-page_id")
            return list(ordered.values_list("page_id", "content_type_id", "keys")[:limit])
        # The statement of the entries holds the language, the filters, the promoted pages
        # and the private sections.
        parts = [str(entries.query), search_string(text), self.sort, limit]
        return caching.reuse(
            self.version, "candidates", parts, lambda: find(entries, text, limit, self.sort)
        )

    def _try_correction(self, total):
        suggestion = did_you_mean(self.terms, self.locale)
        if not suggestion:
            return
        if total == 0:
            self.results_for = suggestion
        else:
            self.suggestion = suggestion

    def _record(self, total):
        if not self.record or not self.has_query or self.has_filters or not self.first_page:
            return
        answered = bool(total or self.promotions)
        statistics.record(self.visitor, self.query, self.language, answered)

    def _results(self, rows):
        terms = query_terms(self.results_for or self.query)

        def cut(page_ids):
            wanted = [(pk, content_type_id) for pk, content_type_id, _keys in rows]
            return excerpts([row for row in wanted if row[0] in page_ids], terms, self.language)

        parts = [self.language, terms]
        ids = [pk for pk, _type, _keys in rows]
        found = caching.reuse_each(self.version, "excerpt", parts, ids, cut)
        pages = ListedPages(lambda: pages_by_id(rows))
        return [Result(pk, kind, keys, found.get(pk, ""), pages) for pk, kind, keys in rows]

    # Facets

    def _facets(self, counts, total):
        def top(values):
            return sorted(values.items(), key=lambda item: -item[1])[:MAX_FACET_OPTIONS]

        content_types = {pk: ContentType.objects.get_for_id(pk) for pk in counts["type"]}
        types = [
            Option(
                content_types[pk].model,
                content_types[pk].model_class()._meta.verbose_name_plural,
                count,
            )
            for pk, count in top(counts["type"])
            if content_types.get(pk) and content_types[pk].model_class()
        ]
        # The vocabularies behind the options are remembered per content version.
        themes = themes_by_id()
        counties = counties_by_id()
        municipalities = municipalities_by_id()
        tags = tags_by_id()

        def options(values, objects, value_of, label_of):
            return [
                Option(value_of(objects[pk]), label_of(objects[pk]), count)
                for pk, count in top(values)
                if pk in objects
            ]

        facets = [
            ("type", types),
            ("theme", options(counts["theme"], themes, lambda o: o.slug, str)),
            ("county", options(counts["county"], counties, lambda o: o.code, lambda o: o.name)),
            (
                "municipality",
                options(counts["municipality"], municipalities, lambda o: o.slug, lambda o: o.name),
            ),
            ("tag", options(counts["tag"], tags, lambda o: o.slug, lambda o: o.name)),
            (
                "year",
                [
                    Option(str(year), str(year), count)
                    for year, count in sorted(counts["year"].items(), reverse=True)
                ],
            ),
        ]
        # Every result carries the chosen values, so their count is the total; a choice
        # without results (or outside the top options) still shows, ticked and removable.
        result = []
        for name, facet_options in facets:
            if name in self.selected:
                value, label = self._chosen_option(name)
                for option in facet_options:
                    option.selected = option.value == value
                if not any(option.selected for option in facet_options):
                    facet_options.append(Option(value, label, total, True))
            facet = Facet(name, FACET_LABELS[name], facet_options, "radio", _("All"), not result)
            result.append(facet)
        return result

    def _chosen_option(self, name):
        """The value and label of the choice in effect for one facet."""
        chosen = self.selected[name]
        if name == "type":
            return chosen._meta.model_name, chosen._meta.verbose_name_plural
        if name == "year":
            return str(chosen), str(chosen)
        if name == "county":
            return chosen.code, chosen.name
        return chosen.slug, str(chosen) if name == "theme" else chosen.name

    def active_filters(self):
        """The choices in effect, each with the address that drops it."""
        return active_filters(self.facets, self.reader)
