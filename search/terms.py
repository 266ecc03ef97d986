"""What a visitor typed, cut down to the words a search can use.

Every backend receives only these words, so quotes, brackets, boolean operators, NUL bytes,
`%` and `_` never reach a query parser, and a 10,000-character paste costs no more than a short
query.
"""

import re
import unicodedata

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
MAX_TERM_LENGTH = 40
# Shorter words match only whole words: "el" should not find every word beginning with "el".
MIN_PREFIX_LENGTH = 3
# A search ranks, counts and pages through at most this many matches (docs/search.md).
CANDIDATES = 1000

WORD = re.compile(r"[^\W_]+")


def clean_query(raw):
    """The query as shown back to the visitor: printable, single-spaced, at most 200 characters."""
    text = "".join(
        char if unicodedata.category(char)[0] not in "CZ" else " " for char in (raw or "")[:2000]
    )
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def query_terms(query):
    """The searchable words of a query, lower-cased, in order, without repeats."""
    terms = []
    for match in WORD.finditer(clean_query(query).lower()):
        term = match.group()[:MAX_TERM_LENGTH]
        if term not in terms:
            terms.append(term)
    return terms[:MAX_TERMS]


def search_string(query):
    """The words joined by spaces: what the backends are given."""
    return " ".join(query_terms(query))
