"""An excerpt of each result around the words that matched, with those words marked.

On PostgreSQL `ts_headline` reads the indexed text with the same configuration as the search,
so "coach" marks the whole "energicoachning". Elsewhere a word is marked when it contains a
query word, which comes close.
"""

from django.db import connection
from django.db.models import F, Func, TextField, Value
from django.utils.html import escape
from django.utils.safestring import mark_safe

from modelsearch.conf import get_app_config
from modelsearch.utils import get_content_type_pk

from search.terms import WORD

IndexEntry = get_app_config().get_model("IndexEntry", require_ready=False)

# Control characters cannot occur in indexed text (they are stripped from queries and pages are
# edited in forms), so they mark the matches safely until the text is escaped.
START, STOP = "\x02", "\x03"
HEADLINE_OPTIONS = (
    f"StartSel={START}, StopSel={STOP}, MaxWords=32, MinWords=16, "
    'MaxFragments=2, FragmentDelimiter=" … "'
)
EXCERPT_WORDS = 32


class Headline(Func):
    function = "ts_headline"
    output_field = TextField()


def _as_html(text):
    return mark_safe(  # noqa: S308 (escaped before the marks become elements)
        escape(" ".join(text.split())).replace(START, "<mark>").replace(STOP, "</mark>")
    )


def _entries(pages):
    by_type = {}
    for page in pages:
        by_type.setdefault(get_content_type_pk(page.specific_class), []).append(str(page.pk))
    condition = None
    for content_type_pk, ids in by_type.items():
        part = IndexEntry.objects.filter(content_type_id=content_type_pk, object_id__in=ids)
        condition = part if condition is None else condition | part
    return condition


def excerpts(pages, terms, language_code):
    """{page id: excerpt HTML} for the given pages; one query."""
    if not pages:
        return {}
    entries = _entries(pages)
    if connection.vendor == "postgresql" and terms:
        # PostgreSQL's own modules load only where PostgreSQL runs.
        from django.contrib.postgres.search import SearchConfig

        from search.backends.postgres import build_tsquery, language_config

        config = language_config(language_code)
        entries = entries.annotate(
            excerpt=Headline(
                SearchConfig(config),
                F("body_text"),
                build_tsquery(terms, config),
                Value(HEADLINE_OPTIONS),
            )
        )
        rows = entries.values_list("object_id", "excerpt")
        return {int(object_id): _as_html(text) for object_id, text in rows if text}
    rows = entries.values_list("object_id", "body")
    return {int(object_id): mark_words(text or "", terms) for object_id, text in rows if text}


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
