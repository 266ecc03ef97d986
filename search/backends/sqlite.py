"""SQLite FTS5 search where every word of three letters or more is a prefix.

FTS5's unicode61 tokenizer neither stems nor splits compounds, so prefixes are what lets
"kontrakt" find "kontrakten" and "coach" find "coachning" (but not "energicoachning").

A search restricted to some fields (`fields=["name"]`, as the admin's listings ask for) cannot
use the FTS5 table: modelsearch indexes every object in three columns, title, body and
autocomplete, and would ask FTS5 for a column called "name", which fails with "no such column"
(wagtail/django-modelsearch#47). Such a search matches the words in the fields' own values
instead, as the PostgreSQL backend builds its vectors from the fields' values.
"""

import operator
import re
from functools import reduce

from django.db.models import FloatField, Q, Value

from modelsearch.backends.database.sqlite.query import Lexeme, SearchQueryExpression
from modelsearch.backends.database.sqlite.sqlite import (
    IndexEntry,
    ObjectIndexer,
    SQLiteAutocompleteQueryCompiler,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)
from modelsearch.query import And, Boost, MatchAll, Not, Or, Phrase, PlainText
from modelsearch.utils import get_content_type_pk

from search.backends.indexing import PreparedFieldsMixin
from search.backends.running_text import RunningTextMixin
from search.facetkeys import refresh_objects
from search.terms import MIN_PREFIX_LENGTH, query_terms

# What separates words: anything that is not a letter or a digit, as for `query_terms`.
WORD_START = r"(?:^|[\W_])"
WORD_END = r"(?:[\W_]|$)"


def word_pattern(term, prefix):
    """A regular expression for `term` as a whole word, or as the start of one."""
    return WORD_START + re.escape(term) + ("" if prefix else WORD_END)


class FieldsSearchMixin:
    """Searches restricted to `fields` match the words in those fields' values."""

    last_term_is_prefix = False

    def fields_match(self, query):
        """A Q object for `query` over `self.fields`, or None when it has no words."""
        if isinstance(query, Boost):
            return self.fields_match(query.subquery)
        if isinstance(query, Not):
            match = self.fields_match(query.subquery)
            return ~match if match is not None else None
        if isinstance(query, And | Or):
            matches = [m for m in map(self.fields_match, query.subqueries) if m is not None]
            combine = operator.and_ if isinstance(query, And) else operator.or_
            return reduce(combine, matches) if matches else None
        terms = query_terms(query.query_string)
        if not terms:
            return None
        conditions = []
        for position, term in enumerate(terms):
            prefix = not isinstance(query, Phrase) and (
                len(term) >= MIN_PREFIX_LENGTH
                or (self.last_term_is_prefix and position == len(terms) - 1)
            )
            pattern = word_pattern(term, prefix)
            # iregex runs Python's re on SQLite: case-insensitive for å, ä and ö too, where
            # LIKE folds ASCII letters only.
            conditions.append(
                reduce(operator.or_, [Q(**{f"{f}__iregex": pattern}) for f in self.fields])
            )
        combine = (
            operator.or_ if getattr(query, "operator", "and").upper() == "OR" else operator.and_
        )
        return reduce(combine, conditions)

    def search(self, config, start, stop, score_field=None):
        if self.fields is None or isinstance(self.query, MatchAll):
            return super().search(config, start, stop, score_field=score_field)
        match = self.fields_match(self.query)
        queryset = self.queryset.filter(match) if match is not None else self.queryset.none()
        if score_field is not None:
            # Every match weighs the same; the queryset keeps its own order.
            queryset = queryset.annotate(**{score_field: Value(1.0, output_field=FloatField())})
        if not queryset.query.order_by and not queryset.model._meta.ordering:
            queryset = queryset.order_by("-pk")
        return queryset[start:stop]


class PrefixSQLiteSearchQueryCompiler(FieldsSearchMixin, SQLiteSearchQueryCompiler):
    def build_search_query_content(self, query, config=None):
        if not isinstance(query, PlainText):
            return super().build_search_query_content(query, config=config)
        terms = query_terms(query.query_string)
        if not terms:
            return None
        lexemes = [Lexeme(term, prefix=len(term) >= MIN_PREFIX_LENGTH) for term in terms]
        if query.operator.upper() == "AND":
            combined = reduce(lambda a, b: a & b, lexemes)
        else:
            combined = reduce(lambda a, b: a | b, lexemes)
        return SearchQueryExpression(combined, config=config)


class FieldsSQLiteAutocompleteQueryCompiler(FieldsSearchMixin, SQLiteAutocompleteQueryCompiler):
    # As modelsearch's autocomplete: the last word is a prefix however short ("Anna B").
    last_term_is_prefix = True


class RunningTextSQLiteIndexer(PreparedFieldsMixin, RunningTextMixin, ObjectIndexer):
    @property
    def body(self):
        return self.body_running_text()


class RunningTextSQLiteIndex(SQLiteIndex):
    indexer_class = RunningTextSQLiteIndexer

    def add_items(self, model, objs):
        """modelsearch's add_items, with an indexer that writes the body as running text."""
        if not model.get_search_fields():
            return
        indexers = [self.indexer_class(obj, self.backend) for obj in objs]
        if not indexers:
            return

        content_type_pk = get_content_type_pk(model)
        rows = {
            indexer.id: (indexer.title, indexer.autocomplete, indexer.body) for indexer in indexers
        }
        entries = self.entries.filter(content_type_id=content_type_pk)
        indexed_ids = set(
            entries.filter(object_id__in=rows.keys()).values_list("object_id", flat=True)
        )
        for object_id in indexed_ids:
            title, autocomplete, body = rows[object_id]
            entries.filter(object_id=object_id).update(
                title=title, autocomplete=autocomplete, body=body
            )
        self.entries.bulk_create(
            [
                IndexEntry(
                    content_type_id=content_type_pk,
                    object_id=object_id,
                    title=title,
                    autocomplete=autocomplete,
                    body=body,
                )
                for object_id, (title, autocomplete, body) in rows.items()
                if object_id not in indexed_ids
            ]
        )
        self._refresh_title_norms()
        refresh_objects(indexer.obj for indexer in indexers)


class PrefixSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = PrefixSQLiteSearchQueryCompiler
    index_class = RunningTextSQLiteIndex
    autocomplete_query_compiler_class = FieldsSQLiteAutocompleteQueryCompiler
