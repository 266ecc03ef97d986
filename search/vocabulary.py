"""Did you mean: the nearest words the hub actually uses.

The vocabulary of a language is every word in its live page titles and the names of places,
themes, tags, organisations and event types. Words are compared by trigram similarity on their
unaccented lower-case forms, the measure PostgreSQL's pg_trgm uses, so "Helsinborg" finds
"Helsingborg" and "klimatkontrackt" finds "klimatkontrakt". The vocabulary is built in Python,
the same on SQLite and PostgreSQL, and cached until pages are published or unpublished.
"""

import unicodedata
from collections import Counter

from taggit.models import Tag

from django.core.cache import cache
from django.db.models import Count, Max

from wagtail.models import Page

from hub.models import County, Municipality, Organisation, Theme
from hub.models.related import in_private_section
from hub.sections import content_sections
from search.terms import WORD

SIMILARITY_THRESHOLD = 0.4
CACHE_SECONDS = 600


def fold(word):
    """Lower case without accents: 'Malmö' and 'malmo' compare equal."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def trigrams(word):
    padded = f"  {word} "
    return {padded[index : index + 3] for index in range(len(padded) - 2)}


def similarity(a, b):
    first, second = trigrams(a), trigrams(b)
    return len(first & second) / len(first | second)


def _words(texts):
    for text in texts:
        for match in WORD.finditer(text or ""):
            word = match.group()
            if len(word) >= 3 and not word.isdigit():
                yield word


def build_vocabulary(locale):
    """{folded word: (how the word is written, how often it occurs)}."""
    pages = Page.objects.live().exclude(in_private_section()).filter(locale=locale)
    names = [
        *pages.values_list("title", flat=True),
        *Municipality.objects.values_list("name", flat=True),
        *County.objects.values_list("name", flat=True),
        *Organisation.objects.values_list("name", flat=True),
        *Theme.objects.filter(locale=locale).values_list("name", flat=True),
        *[
            name
            for section in content_sections()
            if section.vocabulary
            for name in section.vocabulary(locale)
        ],
        *Tag.objects.values_list("name", flat=True),
    ]
    counts = Counter(_words(names))
    vocabulary = {}
    for word, count in counts.most_common():
        folded = fold(word)
        spelling, total = vocabulary.get(folded, (word, 0))
        vocabulary[folded] = (spelling, total + count)
    return vocabulary


def vocabulary_for(locale):
    pages = Page.objects.live().filter(locale=locale)
    state = pages.aggregate(latest=Max("last_published_at"), total=Count("pk"))
    latest = state["latest"].timestamp() if state["latest"] else 0
    key = f"search-vocabulary-{locale.pk}-{latest}-{state['total']}"
    vocabulary = cache.get(key)
    if vocabulary is None:
        vocabulary = build_vocabulary(locale)
        cache.set(key, vocabulary, CACHE_SECONDS)
    return vocabulary


def nearest_word(term, vocabulary):
    """The most similar known word; None if the term is known itself or nothing is near.

    A word typed without its accents ("Malmo", "Vaxjo") gets the accented spelling.
    """
    folded = fold(term)
    if folded in vocabulary:
        spelling = vocabulary[folded][0]
        return spelling if spelling.lower() != term.lower() else None
    best, best_score = None, SIMILARITY_THRESHOLD
    for candidate, (_spelling, count) in vocabulary.items():
        if abs(len(candidate) - len(folded)) > 3:
            continue
        score = similarity(folded, candidate)
        if score > best_score or (score == best_score and best and count > vocabulary[best][1]):
            best, best_score = candidate, score
    return vocabulary[best][0] if best else None


def did_you_mean(terms, locale):
    """The query with each unknown word replaced by its nearest known word, or None."""
    if not terms:
        return None
    vocabulary = vocabulary_for(locale)
    corrected = []
    changed = False
    for term in terms:
        replacement = nearest_word(term, vocabulary)
        if replacement:
            corrected.append(replacement)
            changed = True
        else:
            corrected.append(term)
    return " ".join(corrected) if changed else None
