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

from django.contrib.postgres.search import SearchRank
from django.db import connection
from django.db.models import BooleanField, F, Q
from django.db.models.expressions import RawSQL

from modelsearch.backends.database.postgres.weights import get_sql_weights

from search.backends.postgres import build_tsquery


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


def _title_rank(query):
    return SearchRank(F("title"), query, weights=get_sql_weights()) * F("title_norm")


def _full_rank(terms, config, query):
    exact = build_tsquery(terms, config, prefix=False)
    body = SearchRank(F("body"), query, weights=get_sql_weights())
    return _title_rank(query) + body + _title_rank(exact)


def _pool(entries, terms, config, query, size):
    """[(title rank, page id, content type id, facet keys)] of the `size` likeliest matches,
    best first."""
    any_word = build_tsquery(terms, config, operator="or")
    likeliness = _title_rank(query)
    matched = Q(title=query) | Q(body=query)
    titled = entries.filter(matched, title=any_word).annotate(likeliness=likeliness)
    columns = ("likeliness", "page_id", "content_type_id", "keys")
    found = list(titled.order_by("-likeliness", "-page_id").values_list(*columns)[:size])
    if len(found) == size and found[-1][0] > NO_WORD_RANK:
        return found
    untitled = entries.exclude(title=any_word).filter(body=query).annotate(likeliness=likeliness)
    found += untitled.order_by("-likeliness", "-page_id").values_list(*columns)[:size]
    found.sort(key=lambda row: (-row[0], -row[1]))
    return found[:size]


def candidates(entries, terms, config, pool, limit=None, by_date=False):
    """[(page id, content type id, facet keys)] of up to `limit` matches of `terms` (all of
    them) among `entries`, in the order shown: best first from the `pool` likeliest, or
    newest first."""
    if not terms:
        return []
    with through_bitmaps():
        return _candidates(entries, terms, config, pool, limit or pool, by_date)


def _candidates(entries, terms, config, pool, limit, by_date):
    query = build_tsquery(terms, config)
    columns = ("page_id", "content_type_id", "keys")
    if by_date:
        matched = entries.filter(Q(title=query) | Q(body=query))
        ordered = matched.order_by(F("date").desc(nulls_last=True), "-page_id")
        return list(ordered.values_list(*columns)[:limit])
    likeliest = [row[1:] for row in _pool(entries, terms, config, query, pool)]
    head = [page_id for page_id, _type, _keys in likeliest[:FULLY_RANKED]]
    if not head:
        return []
    # One array parameter rather than a hundred placeholders to build, bind and parse.
    table = connection.ops.quote_name(entries.model._meta.db_table)
    in_head = RawSQL(  # noqa: S611 (the table name is the model's, the ids a parameter)
        f"{table}.page_id = ANY(%s)", (head,), output_field=BooleanField()
    )
    ranked = entries.model.objects.filter(in_head)
    ranked = ranked.annotate(rank=_full_rank(terms, config, query))
    ranked = list(ranked.order_by("-rank", "-page_id").values_list(*columns))
    return (ranked + likeliest[FULLY_RANKED:])[:limit]
