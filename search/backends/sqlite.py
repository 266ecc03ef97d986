"""SQLite FTS5 search where every word of three letters or more is a prefix.

FTS5's unicode61 tokenizer neither stems nor splits compounds, so prefixes are what lets
"kontrakt" find "kontrakten" and "coach" find "coachning" (but not "energicoachning").
"""

from functools import reduce

from modelsearch.backends.database.sqlite.query import Lexeme, SearchQueryExpression
from modelsearch.backends.database.sqlite.sqlite import (
    IndexEntry,
    ObjectIndexer,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)
from modelsearch.query import PlainText
from modelsearch.utils import get_content_type_pk

from search.backends.running_text import RunningTextMixin
from search.terms import MIN_PREFIX_LENGTH, query_terms


class PrefixSQLiteSearchQueryCompiler(SQLiteSearchQueryCompiler):
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


class RunningTextSQLiteIndexer(RunningTextMixin, ObjectIndexer):
    @property
    def body(self):
        return self.body_running_text()


class RunningTextSQLiteIndex(SQLiteIndex):
    def add_items(self, model, objs):
        """modelsearch's add_items, with an indexer that writes the body as running text."""
        if not model.get_search_fields():
            return
        indexers = [RunningTextSQLiteIndexer(obj, self.backend) for obj in objs]
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


class PrefixSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = PrefixSQLiteSearchQueryCompiler
    index_class = RunningTextSQLiteIndex
