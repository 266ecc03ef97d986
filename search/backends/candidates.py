"""PostgreSQL: a search's candidates, read from `SearchEntry` rather than the page table.

The ranking is the backend's (`postgres.py`): the title's rank times its norm, plus the body's,
plus a bonus for the exact words in the title; best first, then the newest id. Only the `pool`
likeliest matches are ranked in full, the likeliest being those whose titles rank best. A
title that carries a word of the query ranks far above every title that carries none (those
rank 1e-20 times their norm), so the pool is found in two steps:

1. the titles that carry any word of the query, ranked by the title alone;
2. only when fewer than `pool` of those match: the rest of the matches, ranked the same way.

For a word on most pages the first step fills the pool, and no body is read until the last
step ranks the first `FULLY_RANKED` of the pool in full, one body each: the ten pages of
results a visitor reads. The rest of the pool follows in the order of the first steps; it is
there to be counted in the filters and paged to, and ranking each of its bodies cost 9 ms of
a broad search at 10,000 pages. Every step reads the search entries alone: their rows carry
the language, whether the page is live, the facet keys and the title vector inline
(migrations search.0006 and 0008), so no statement joins `wagtailcore_page` or casts an id to
text. The first step, which reads every title with a word of the query, reads the entries'
copies without their bodies (`SearchEntryTitle`, under the entries' own name, so that the
same conditions select from it), whose rows are a third as wide.

The steps are one statement, sent in one round trip with the planner settings it runs under:
sequential and plain index scans off, so that a body is only ever tested through its GIN
index (a bitmap, which reads no body) or, in the last step, for the pool's head alone; and
no parallel workers, whose start costs more than the milliseconds they would share. The
planner neither costs reading a body out of line nor estimates prefix words well (any
`'klim':*` is about 8 % of pages; "klimat" is on 87 %): left to itself it scanned the
entries, or walked their primary key, testing every body: 80 ms for "vätgas", which the
index answers in 1 ms, and 26 ms for "klimat" within a theme of 999 pages (now 13 ms).
"""

from django.db import connection
from django.db.models import F, Q

from modelsearch.backends.database.postgres.weights import get_sql_weights

from search.backends.postgres import build_tsquery, tsquery_sql
from search.models import SearchEntryTitle

BITMAPS_ONLY = (
    "SELECT set_config('enable_seqscan', 'off', false), "
    "set_config('enable_indexscan', 'off', false), "
    "set_config('max_parallel_workers_per_gather', '0', false)"
)
SETTINGS_BACK = (
    "RESET enable_seqscan; RESET enable_indexscan; RESET max_parallel_workers_per_gather"
)


def fetch_through_bitmaps(sql, params):
    """The rows of one statement run through bitmaps, with the settings turned off before it
    and back after it in the same round trip. Should the statement fail, its implicit
    transaction (or the caller's) rolls the settings back with it."""
    with connection.cursor() as cursor:
        # Client-side binding (Django's default with psycopg 3) sends the three statements
        # as one query; the second result is the statement's.
        cursor.execute(f"{BITMAPS_ONLY}; {sql}; {SETTINGS_BACK}", params)
        cursor.nextset()
        return cursor.fetchall()


# ts_rank gives a title without any word of the query 1e-20, which its norm (the average
# title length over the title's) leaves far below this; a title with one ranks far above it.
NO_WORD_RANK = 1e-10
# How many of the likeliest matches are ranked by their bodies as well: ten pages of results.
FULLY_RANKED = 100


class Statements:
    """The candidate statement of one search, written as SQL.

    Django's expressions for four ranks and five text queries cost about 4 ms of Python to
    build and compile per search, more than PostgreSQL takes to run the ranked step; the same
    statement is put together here from `entries`' own conditions (the language, whether
    live, the filters, promoted and private pages), compiled once.
    """

    def __init__(self, entries, terms, config):
        query = entries.query
        if any(count for alias, count in query.alias_refcount.items() if alias != query.base_table):
            raise ValueError("Candidates are read from the search entries' table alone.")
        self.table = connection.ops.quote_name(entries.model._meta.db_table)
        titles = connection.ops.quote_name(SearchEntryTitle._meta.db_table)
        # The entries' conditions name the entries' table: the copies go by that name.
        self.titles = f"{titles} AS {self.table}"
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

    def likeliest(self, source, condition, condition_params, size):
        """The `size` entries of `source` matching `condition` whose titles rank best, best
        first: title_rank, page_id, content_type_id, keys (SQL, params)."""
        rank, rank_params = self.rank("title", self.query, self.query_params)
        sql = (
            f"SELECT {rank} AS title_rank, page_id, content_type_id, keys "  # noqa: S608
            f"FROM {source} WHERE {self.where} AND {condition} "
            f"ORDER BY 1 DESC, 2 DESC LIMIT %s"
        )
        return sql, [*rank_params, *self.where_params, *condition_params, size]

    def full_rank(self):
        """The rank of title, body and the exact words in the title (SQL, params)."""
        exact, exact_params = tsquery_sql(self.terms, self.config, prefix=False)
        title, title_params = self.rank("title", self.query, self.query_params)
        body, body_params = self.rank("body", self.query, self.query_params, norm=False)
        bonus, bonus_params = self.rank("title", exact, exact_params)
        return f"({title}) + ({body}) + ({bonus})", [*title_params, *body_params, *bonus_params]

    def best(self, size, limit):
        """[(page id, content type id, keys)] of up to `limit` of the `size` likeliest
        matches, in the order shown (the module's docstring says how)."""
        table, query, query_params = self.table, self.query, self.query_params
        any_word, any_params = tsquery_sql(self.terms, self.config, operator="or")
        # A title with some of the words: the rest may be in the body, which is read through
        # its index (one hashed set of ids) rather than page by page out of line.
        in_body = f"SELECT page_id FROM {table} WHERE {table}.body @@ {query}"  # noqa: S608
        titled, titled_params = self.likeliest(
            self.titles,
            f"{table}.title @@ {any_word} "
            f"AND ({table}.title @@ {query} OR {table}.page_id IN ({in_body}))",
            [*any_params, *query_params, *query_params],
            size,
        )
        # The second step runs only when the first leaves room in the pool, or fills it with
        # titles that carry no word of the query after all.
        untitled, untitled_params = self.likeliest(
            table,
            f"NOT ({table}.title @@ {any_word} AND {table}.title IS NOT NULL) "  # noqa: S608
            f"AND {table}.body @@ {query} AND ((SELECT count(*) FROM titled) < %s "
            f"OR (SELECT min(title_rank) FROM titled) <= %s)",
            [*any_params, *query_params, size, NO_WORD_RANK],
            size,
        )
        score, score_params = self.full_rank()
        sql = (
            f"WITH titled AS MATERIALIZED ({titled}), "  # noqa: S608
            f"untitled AS MATERIALIZED ({untitled}), "
            "pool AS MATERIALIZED (SELECT * FROM titled UNION ALL SELECT * FROM untitled "
            "ORDER BY title_rank DESC, page_id DESC LIMIT %s), "
            "head AS (SELECT page_id FROM pool ORDER BY title_rank DESC, page_id DESC LIMIT %s) "
            "SELECT pool.page_id, pool.content_type_id, pool.keys FROM pool LEFT JOIN "
            f"(SELECT page_id, {score} AS score FROM {table} "
            "WHERE page_id IN (SELECT page_id FROM head)) AS ranked USING (page_id) "
            # The head by its full rank, then the rest of the pool by its titles.
            "ORDER BY ranked.page_id IS NULL, ranked.score DESC, "
            "CASE WHEN ranked.page_id IS NULL THEN pool.title_rank END DESC, "
            "pool.page_id DESC LIMIT %s"
        )
        params = [
            *titled_params,
            *untitled_params,
            size,
            FULLY_RANKED,
            *score_params,
            limit,
        ]
        return [tuple(row) for row in fetch_through_bitmaps(sql, params)]


def candidates(entries, terms, config, pool, limit=None, by_date=False):
    """[(page id, content type id, facet keys)] of up to `limit` matches of `terms` (all of
    them) among `entries`, in the order shown: best first from the `pool` likeliest, or
    newest first."""
    if not terms:
        return []
    limit = limit or pool
    if not by_date:
        return Statements(entries, terms, config).best(pool, limit)
    query = build_tsquery(terms, config)
    matched = entries.filter(Q(title=query) | Q(body=query))
    ordered = matched.order_by(F("date").desc(nulls_last=True), "-page_id")
    rows = ordered.values_list("page_id", "content_type_id", "keys")[:limit]
    return [tuple(row) for row in fetch_through_bitmaps(*rows.query.sql_with_params())]
