"""PostgreSQL: a search's candidates, read from `SearchEntry` rather than the page table.

The ranking is the backend's (`postgres.py`): the title's rank times its norm, plus the body's,
plus a bonus for the exact words in the title; best first, then the newest id. Only the `pool`
likeliest matches are ranked in full, the likeliest being those whose titles rank best. A
title that carries a word of the query ranks far above every title that carries none (those
rank 1e-20 times their norm), so the pool is found in two steps:

1. the titles that carry any word of the query, ranked by the title alone;
2. only when fewer than `pool` of those match: the rest of the matches, ranked the same way.

For a word on most pages the first step fills the pool, and no body is read until the last
step ranks the first `FULLY_RANKED` of the pool in full, one out-of-line body each: the ten
pages of results a visitor reads. The rest of the pool follows in the order of the first
steps; it is there to be counted in the filters and paged to, and ranking each of its bodies
cost 9 ms of a broad search at 10,000 pages. Every step reads `search_searchentry`
alone: its rows carry the language, whether the page is live, and the title vector inline
(migration search.0006), so no statement joins `wagtailcore_page` or casts an id to text.

These statements run with sequential and plain index scans off, so that a body is only ever
tested through its GIN index (a bitmap, which reads no body) or, in the last step, for the
pool alone. The planner neither costs reading a body out of line nor estimates prefix words
well (any `'klim':*` is about 8 % of pages; "klimat" is on 87 %): left to itself it scanned
the entries, or walked their primary key, testing every body: 80 ms for "vätgas", which the
index answers in 1 ms, and 26 ms for "klimat" within a theme of 999 pages (now 13 ms).
"""

from contextlib import contextmanager

from django.db import connection
from django.db.models import F, Q

from modelsearch.backends.database.postgres.weights import get_sql_weights

from search.backends.postgres import build_tsquery, tsquery_sql


@contextmanager
def through_bitmaps():
    """Statements in this block read the entries through bitmaps of their indexes."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('enable_seqscan', 'off', false), "
            "set_config('enable_indexscan', 'off', false)"
        )
    try:
        yield
    finally:
        if not connection.needs_rollback:
            with connection.cursor() as cursor:
                cursor.execute("RESET enable_seqscan; RESET enable_indexscan")


# ts_rank gives a title without any word of the query 1e-20, which its norm (the average
# title length over the title's) leaves far below this; a title with one ranks far above it.
NO_WORD_RANK = 1e-10
# How many of the likeliest matches are ranked by their bodies as well: ten pages of results.
FULLY_RANKED = 100


class Statements:
    """The candidate statements of one search, written as SQL.

    Django's expressions for four ranks and five text queries cost about 4 ms of Python to
    build and compile per search, more than PostgreSQL takes to run the ranked step; the same
    statements are put together here from `entries`' own conditions (the language, whether
    live, the filters, promoted and private pages), compiled once.
    """

    def __init__(self, entries, terms, config):
        query = entries.query
        if any(count for alias, count in query.alias_refcount.items() if alias != query.base_table):
            raise ValueError("Candidates are read from the search entries' table alone.")
        self.table = connection.ops.quote_name(entries.model._meta.db_table)
        compiler = query.get_compiler(connection=connection)
        self.where, self.where_params = compiler.compile(query.where)
        self.query, self.query_params = tsquery_sql(terms, config)
        self.weights = get_sql_weights()
        self.terms, self.config = terms, config

    def rank(self, column, query, params, norm=True):
        """ts_rank of `column` against `query`, times the title's norm: (SQL, params)."""
        factor = f" * {self.table}.title_norm" if norm else ""
        sql = f"ts_rank(%s::float4[], {self.table}.{column}, {query}){factor}"
        return sql, [self.weights, *params]

    def likeliest(self, condition, condition_params, size):
        """[(title rank, page id, content type id, keys)] of the `size` entries matching
        `condition` whose titles rank best, best first."""
        rank, rank_params = self.rank("title", self.query, self.query_params)
        sql = (
            f"SELECT {rank}, page_id, content_type_id, keys FROM {self.table} "  # noqa: S608
            f"WHERE {self.where} AND {condition} ORDER BY 1 DESC, 2 DESC LIMIT %s"
        )
        return fetch(sql, [*rank_params, *self.where_params, *condition_params, size])

    def pool(self, size):
        """The `size` likeliest matches, best first (the module's docstring says how)."""
        table, query, query_params = self.table, self.query, self.query_params
        any_word, any_params = tsquery_sql(self.terms, self.config, operator="or")
        matched = f"({table}.title @@ {query} OR {table}.body @@ {query})"
        titled = f"{matched} AND {table}.title @@ {any_word}"
        found = self.likeliest(titled, [*query_params, *query_params, *any_params], size)
        if len(found) == size and found[-1][0] > NO_WORD_RANK:
            return found
        untitled = (
            f"NOT ({table}.title @@ {any_word} AND {table}.title IS NOT NULL) "
            f"AND {table}.body @@ {query}"
        )
        found += self.likeliest(untitled, [*any_params, *query_params], size)
        found.sort(key=lambda row: (-row[0], -row[1]))
        return found[:size]

    def ranked(self, page_ids):
        """[(page id, content type id, keys)] of these pages, ranked by title, body and the
        exact words in the title."""
        exact, exact_params = tsquery_sql(self.terms, self.config, prefix=False)
        title, title_params = self.rank("title", self.query, self.query_params)
        body, body_params = self.rank("body", self.query, self.query_params, norm=False)
        bonus, bonus_params = self.rank("title", exact, exact_params)
        sql = (
            f"SELECT page_id, content_type_id, keys FROM {self.table} "  # noqa: S608
            f"WHERE {self.table}.page_id = ANY(%s) "
            f"ORDER BY ({title}) + ({body}) + ({bonus}) DESC, 1 DESC"
        )
        # One array parameter rather than a hundred placeholders to build, bind and parse.
        return fetch(sql, [page_ids, *title_params, *body_params, *bonus_params])


def fetch(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [tuple(row) for row in cursor.fetchall()]


def candidates(entries, terms, config, pool, limit=None, by_date=False):
    """[(page id, content type id, facet keys)] of up to `limit` matches of `terms` (all of
    them) among `entries`, in the order shown: best first from the `pool` likeliest, or
    newest first."""
    if not terms:
        return []
    with through_bitmaps():
        return _candidates(entries, terms, config, pool, limit or pool, by_date)


def _candidates(entries, terms, config, pool, limit, by_date):
    if by_date:
        query = build_tsquery(terms, config)
        columns = ("page_id", "content_type_id", "keys")
        matched = entries.filter(Q(title=query) | Q(body=query))
        ordered = matched.order_by(F("date").desc(nulls_last=True), "-page_id")
        return list(ordered.values_list(*columns)[:limit])
    statements = Statements(entries, terms, config)
    likeliest = [row[1:] for row in statements.pool(pool)]
    head = [page_id for page_id, _type, _keys in likeliest[:FULLY_RANKED]]
    if not head:
        return []
    return (statements.ranked(head) + likeliest[FULLY_RANKED:])[:limit]
