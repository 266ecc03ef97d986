"""An excerpt of each result around the words that matched, with those words marked.

On PostgreSQL `ts_headline` reads the indexed text with the configurations of the search:
snowball for whole words, hunspell where a word was found only inside a compound, so "coach"
marks "energicoach". Elsewhere a word is marked when it contains a
query word, which comes close.
"""

import re

from django.db import connection
from django.db.models import Q
from django.utils.html import escape
from django.utils.safestring import mark_safe

from modelsearch.conf import get_app_config

from search.terms import MIN_PREFIX_LENGTH, WORD

IndexEntry = get_app_config().get_model("IndexEntry", require_ready=False)

# Control characters cannot occur in indexed text (they are stripped from queries and pages are
# edited in forms), so they mark the matches safely until the text is escaped.
START, STOP = "\x02", "\x03"
HEADLINE_OPTIONS = (
    f"StartSel={START}, StopSel={STOP}, MaxWords=32, MinWords=16, "
    'MaxFragments=2, FragmentDelimiter=" … "'
)
EXCERPT_WORDS = 32


def _as_html(text):
    return mark_safe(  # noqa: S308 (escaped before the marks become elements)
        escape(" ".join(text.split())).replace(START, "<mark>").replace(STOP, "</mark>")
    )


def _by_type(pages):
    """{content type id: [page id as text]}: how the search index names these pages."""
    by_type = {}
    for pk, content_type_id in pages:
        by_type.setdefault(content_type_id, []).append(str(pk))
    return by_type


def excerpts(pages, terms, language_code):
    """{page id: excerpt HTML} for the given (page id, content type id) pairs, the page's own
    type; one query, two when a page matched only in part of a compound (PostgreSQL)."""
    if not pages:
        return {}
    by_type = _by_type(pages)
    if connection.vendor == "postgresql" and terms:
        return _headlines(by_type, terms, language_code)
    condition = Q()
    for content_type_pk, ids in by_type.items():
        condition |= Q(content_type_id=content_type_pk, object_id__in=ids)
    rows = IndexEntry.objects.filter(condition).values_list("object_id", "body")
    return {int(object_id): mark_words(text or "", terms) for object_id, text in rows if text}


def _headlines(by_type, terms, language_code):
    # PostgreSQL's own modules load only where PostgreSQL runs.
    from search.backends.postgres import SNOWBALL_COMPANIONS, language_config, tsquery_sql

    config = language_config(language_code)
    query, query_params = tsquery_sql(terms, config)
    table = connection.ops.quote_name(IndexEntry._meta.db_table)

    def headlines(by_type, config):
        # Written as SQL: the expressions for it cost more Python than ts_headline takes.
        pairs, pair_params = [], []
        for content_type_pk, ids in by_type.items():
            pairs.append("(content_type_id = %s AND object_id = ANY(%s))")
            pair_params += [content_type_pk, ids]
        sql = (
            f"SELECT object_id, ts_headline(%s::regconfig, body_text, {query}, %s) "  # noqa: S608
            f"FROM {table} WHERE {' OR '.join(pairs)}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [config, *query_params, HEADLINE_OPTIONS, *pair_params])
            return dict(cursor.fetchall())

    # Snowball reads a text about eight times faster than hunspell and finds whole words and
    # their inflections; hunspell is asked only for the texts where a word was found inside
    # compounds alone ("coach" in "energicoachning").
    companion = SNOWBALL_COMPANIONS.get(config)
    found = headlines(by_type, companion or config)
    unmarked = {key for key, text in found.items() if not _marks_every_word(text or "", terms)}
    if companion and unmarked:
        again = {
            content_type: [pk for pk in ids if pk in unmarked]
            for content_type, ids in by_type.items()
        }
        found.update(headlines({key: ids for key, ids in again.items() if ids}, config))
    return {int(object_id): _as_html(text) for object_id, text in found.items() if text}


MARK = re.compile(f"{START}(.*?){STOP}", re.S)


def _marks_every_word(text, terms):
    """Whether each query word, less an ending of up to three letters, is in a marked word."""
    marked = " ".join(MARK.findall(text)).lower()
    return all(term.lower()[: max(MIN_PREFIX_LENGTH, len(term) - 3)] in marked for term in terms)


def mark_words(text, terms):
    """Up to 32 words from just before the first word that contains a query word, marked."""
    lowered = [term.lower() for term in terms]

    def matches(word):
        word = word.lower()
        return any(term in word for term in lowered)

    words = text.split()
    first = next((index for index, word in enumerate(words) if matches(word)), 0)
    start = max(0, first - 6)
    window = " ".join(words[start : start + EXCERPT_WORDS])
    marked = WORD.sub(
        lambda match: f"{START}{match.group()}{STOP}" if matches(match.group()) else match.group(),
        window,
    )
    if start > 0:
        marked = "… " + marked
    if start + EXCERPT_WORDS < len(words):
        marked += " …"
    return _as_html(marked)
