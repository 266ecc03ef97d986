"""SQLite FTS5 search where every word of three letters or more is a prefix.

FTS5's unicode61 tokenizer neither stems nor splits compounds, so prefixes are what lets
"kontrakt" find "kontrakten" and "coach" find "coachning" (but not "energicoachning").
"""

from functools import reduce

from modelsearch.backends.database.sqlite.query import Lexeme, SearchQueryExpression
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)
from modelsearch.query import PlainText

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


class PrefixSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = PrefixSQLiteSearchQueryCompiler
