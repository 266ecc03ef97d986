"""PostgreSQL search with one text search configuration per language.

modelsearch keeps one `SEARCH_CONFIG` per backend (wagtail/wagtail#9253). Swedish and English
pages are different objects, so this backend picks the configuration from each object's locale
when indexing and from the active language when querying: Swedish pages get compound splitting,
English pages English stemming.

Swedish text is indexed twice, through `klimathubben_sv` (hunspell, which splits compounds) and
through plain `swedish` (snowball), because the two can read a word differently: hunspell takes
"coacherna" for the verb "coacha", snowball for "coach". A query word matches either reading,
and as a prefix, so "coach" also finds "coachning" and "pendling" finds the linking-s part
"pendlings" of "pendlingsresor".
"""

import re
from functools import lru_cache, reduce

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Q
from django.utils.translation import get_language

from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    ObjectIndexer,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.query import PlainText
from modelsearch.utils import get_content_type_pk
from wagtail.models import Locale

from search.backends.indexing import PreparedFieldsMixin
from search.backends.running_text import RunningTextMixin
from search.facetkeys import refresh_objects
from search.terms import MIN_PREFIX_LENGTH, query_terms
from search.textsearch import CONFIGURATIONS

# The snowball configuration indexed alongside each hunspell one.
SNOWBALL_COMPANIONS = {CONFIGURATIONS["sv"]: "swedish"}


def language_config(language_code=None):
    """The text search configuration for a language ('sv', 'en', 'en-gb'...)."""
    language = (language_code or settings.LANGUAGE_CODE).split("-")[0]
    return CONFIGURATIONS.get(language, CONFIGURATIONS[settings.LANGUAGE_CODE])


def index_configs(config):
    companion = SNOWBALL_COMPANIONS.get(config)
    return [config, companion] if companion else [config]


SQL_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def sql_literal(name):
    """A configuration name or a weight letter as an SQL literal.

    Written into the INSERT rather than passed as parameters: with a configuration and a
    weight per text, two thirds of a chunk's tens of thousands of parameters were these few
    names, and psycopg's client-side binding parses every placeholder.
    """
    if not SQL_NAME.fullmatch(name):
        raise ValueError(f"Not a plain name: {name!r}")
    return f"'{name}'"


LEXEME = re.compile(r"'((?:[^']|'')+)'")


@lru_cache(maxsize=4096)
def dictionary_reading(config, term):
    """How the configuration reads one word, as tsquery text: "'pendlings' & 'resa'"."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsquery(%s::regconfig, %s)::text", [config, f"'{term}'"])
        return cursor.fetchone()[0]


def with_linking_s(reading, prefix):
    """The reading with each lexeme labelled, and compound parts also without a linking s.

    Hunspell leaves the linking s on the first part ("pendlingsresor": 'pendlings' & 'resa'),
    while a page that says "pendlingen" is indexed as 'pendling'; both should match.
    """
    lexemes = LEXEME.findall(reading)
    label = ":*" if prefix else ""

    def labelled(match):
        lexeme = match.group(1)
        forms = [lexeme]
        if len(lexemes) > 1 and lexeme != lexemes[-1] and lexeme.endswith("s") and len(lexeme) > 4:
            forms.append(lexeme[:-1])
        parts = [f"'{form}'{label}" for form in forms]
        return parts[0] if len(parts) == 1 else f"({' | '.join(parts)})"

    return LEXEME.sub(labelled, reading)


def reading_parts(term, config, prefix):
    """[(configuration, raw tsquery text)]: one word read by each configuration of its
    language; any reading may match."""
    use_prefix = prefix and len(term) >= MIN_PREFIX_LENGTH
    pattern = f"'{term}':*" if use_prefix else f"'{term}'"
    readings = []
    for term_config in index_configs(config):
        if term_config in SNOWBALL_COMPANIONS:  # the hunspell configuration
            rewritten = with_linking_s(dictionary_reading(term_config, term), use_prefix)
            readings.append(("simple", rewritten))
        else:
            readings.append((term_config, pattern))
    return readings


def term_readings(term, config, prefix):
    """One word read by each configuration of its language, any reading may match."""
    readings = [
        SearchQuery(text, search_type="raw", config=reading_config)
        for reading_config, text in reading_parts(term, config, prefix)
    ]
    return reduce(lambda a, b: a | b, readings)


def tsquery_sql(terms, config, operator="and", prefix=True):
    """`build_tsquery()` as SQL and parameters, for statements written by hand."""
    parts, params = [], []
    for term in terms:
        readings = reading_parts(term, config, prefix)
        readings_sql = " || ".join(["to_tsquery(%s::regconfig, %s)"] * len(readings))
        parts.append(f"({readings_sql})")
        for reading_config, text in readings:
            params += [reading_config, text]
    joiner = " && " if operator == "and" else " || "
    return f"({joiner.join(parts)})", params


def build_tsquery(terms, config, operator="and", invert=False, prefix=True):
    """Each word as a prefix in every configuration of the language; words joined by `operator`.

    The words come from `query_terms`, so they hold only letters and digits and are safe in
    to_tsquery's syntax.
    """
    if not terms:
        return SearchQuery("", search_type="raw", config=config)
    combined = None
    conjunction = (operator == "and") != invert  # De Morgan, as modelsearch does for Not()
    for term in terms:
        term_query = term_readings(term, config, prefix)
        if invert:
            term_query = ~term_query
        if combined is None:
            combined = term_query
        else:
            combined = combined & term_query if conjunction else combined | term_query
    return combined


class LocalisedObjectIndexer(PreparedFieldsMixin, RunningTextMixin, ObjectIndexer):
    def __init__(self, obj, backend, language_code):
        super().__init__(obj, backend)
        self.config = language_config(language_code)

    @property
    def body_text(self):
        """The text that excerpts are cut from (`ts_headline`), as running text."""
        return self.body_running_text()

    def as_vector(self, texts, for_autocomplete=False):
        """The tsvector of weighted texts, as SQL and parameters for the INSERT.

        The SQL is what modelsearch's SearchVector expressions compile to, written directly:
        compiling thousands of Django expressions per chunk took a fifth of update_index.
        """
        configs = [self.autocomplete_config] if for_autocomplete else index_configs(self.config)
        parts = []
        params = []
        for text, weight in texts:
            text = text.strip()
            if not text:
                continue
            for config in configs:
                parts.append(f"setweight(to_tsvector({sql_literal(config)}::regconfig, %s), "
                             f"{sql_literal(weight)})")  # fmt: skip
                params.append(text)
        return (" || ".join(parts), params) if parts else ("''::tsvector", [])


class LocalisedPostgresIndex(PostgresIndex):
    indexer_class = LocalisedObjectIndexer

    def add_items(self, model, objs):
        """modelsearch's add_items, with an indexer that knows each object's language."""
        if not model.get_search_fields():
            return
        languages = dict(Locale.objects.values_list("pk", "language_code"))
        indexers = [
            self.indexer_class(obj, self.backend, languages.get(getattr(obj, "locale_id", 0)))
            for obj in objs
        ]
        if not indexers:
            return

        content_type_pk = get_content_type_pk(model)
        rows = []
        params = []
        for indexer in indexers:
            params.extend((content_type_pk, indexer.id))
            vectors_sql = []
            for vector_sql, vector_params in (indexer.title, indexer.autocomplete, indexer.body):
                vectors_sql.append(vector_sql)
                params.extend(vector_params)
            params.extend((indexer.title_text, indexer.body_text))
            rows.append(f"(%s, %s, {', '.join(vectors_sql)}, 1.0, %s, %s)")

        table = IndexEntry._meta.db_table
        with self.write_connection.cursor() as cursor:
            cursor.execute(
                f"""
                INSERT INTO {table} (content_type_id, object_id, title, autocomplete, body,
                                     title_norm, title_text, body_text)
                (VALUES {", ".join(rows)})
                ON CONFLICT (content_type_id, object_id)
                DO UPDATE SET title = EXCLUDED.title,
                              title_norm = 1.0,
                              autocomplete = EXCLUDED.autocomplete,
                              body = EXCLUDED.body,
                              title_text = EXCLUDED.title_text,
                              body_text = EXCLUDED.body_text
                """,  # noqa: S608 (the table name is the model's, values are parameters)
                params,
            )
        self._refresh_title_norms()
        refresh_objects(indexer.obj for indexer in indexers)


class LocalisedPostgresSearchQueryCompiler(PostgresSearchQueryCompiler):
    def get_config(self, backend):
        return language_config(get_language())

    def build_tsquery_content(self, query, config=None, invert=False):
        if isinstance(query, PlainText):
            return build_tsquery(query_terms(query.query_string), config, query.operator, invert)
        return super().build_tsquery_content(query, config=config, invert=invert)

    def _build_rank_expression(self, vectors, config):
        """modelsearch's rank of prefix matches, plus a bonus for whole words in the title.

        A prefix query ranks "Klimatneutrala Kalmar" as high as "Klimatkontrakt Malmö" for
        'klimat':*; the bonus puts titles that carry the exact words first. It reads only the
        small title vector: ranking the body twice would cost a second read of every matching
        page's largest column.
        """
        rank = super()._build_rank_expression(vectors, config)
        if isinstance(self.query, PlainText) and self.fields is None:
            title, title_norm = vectors[0]
            terms = query_terms(self.query.query_string)
            exact = build_tsquery(terms, config, self.query.operator, prefix=False)
            rank = rank + SearchRank(title, exact, weights=self.sql_weights) * title_norm
        return rank

    def search(self, config, start, stop, score_field=None, backend=None):
        """Match the title and the body vectors each, rather than their concatenation.

        modelsearch filters on `title || body`, which builds a new vector for every row and
        cannot use the per-column GIN indexes: 127 ms for a common word on 14,000 entries.
        `title @@ query OR body @@ query` is the same for a plain query, uses both indexes
        for rare words and takes 25 ms as a sequential scan for common ones (bench/README.md).
        """
        if not isinstance(self.query, PlainText) or self.fields is not None:
            return super().search(config, start, stop, score_field=score_field, backend=backend)
        search_query = self.build_tsquery(self.query, config=config)
        vectors = self.get_search_vectors(search_query)
        rank_expression = self._build_rank_expression(vectors, config)
        matches = Q()
        for vector, _boost in vectors:
            matches |= Q(**{vector.name: search_query})
        queryset = self.queryset.filter(matches)
        return self._apply_ordering_and_scoring(queryset, rank_expression, start, stop, score_field)


class LocalisedPostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = LocalisedPostgresSearchQueryCompiler
    index_class = LocalisedPostgresIndex

    def __init__(self, params):
        super().__init__(params)
        # The default language's configuration; objects and queries each choose their own.
        self.config = language_config()

    def candidates(self, entries, query_string, pool, limit=None, by_date=False):
        """The matches among `entries` (`SearchEntry` rows), as `search.engine` shows them."""
        from search.backends.candidates import candidates  # it builds on this module

        terms = query_terms(query_string)
        config = language_config(get_language())
        return candidates(entries, terms, config, pool, limit=limit, by_date=by_date)
