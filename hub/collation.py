"""Alphabetical order as readers expect it: in Swedish, Å, Ä and Ö come after Z.

PostgreSQL has ICU collations for this. SQLite has none, so the hub registers its own on every
SQLite connection, built on the same alphabet.
"""

import unicodedata

from django.db import connection
from django.db.models.functions import Collate
from django.utils.translation import get_language

SWEDISH_ALPHABET = "abcdefghijklmnopqrstuvwxyzåäö"
# Letters Swedish sorts together with another: é with e, ü with y, æ with ä, ø with ö.
SWEDISH_EQUIVALENTS = {"æ": "ä", "ø": "ö", "ü": "y"}
ICU_COLLATIONS = {"sv": "sv-x-icu", "en": "en-x-icu"}


def _letter_key(char, alphabet):
    if char in alphabet:
        return (0, alphabet.index(char), 0)
    base = unicodedata.normalize("NFD", char)[0]
    if base in alphabet:
        return (0, alphabet.index(base), 1)
    return (1, ord(char), 0)


def sort_key(text, language="sv"):
    alphabet = SWEDISH_ALPHABET if language == "sv" else SWEDISH_ALPHABET[:26]
    folded = (text or "").casefold()
    if language == "sv":
        folded = "".join(SWEDISH_EQUIVALENTS.get(char, char) for char in folded)
    primary = tuple(_letter_key(char, alphabet) for char in folded if not char.isspace())
    return primary, text or ""


def _compare(language):
    def compare(left, right):
        left_key, right_key = sort_key(left, language), sort_key(right, language)
        return (left_key > right_key) - (left_key < right_key)

    return compare


def register_sqlite_collations(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        for language in ICU_COLLATIONS:
            connection.connection.create_collation(f"hub_{language}", _compare(language))


def collated(field_name, language=None):
    """`field_name` ordered by the rules of `language` (the active language by default)."""
    language = language or get_language() or "sv"
    language = language if language in ICU_COLLATIONS else "sv"
    if connection.vendor == "postgresql":
        return Collate(field_name, ICU_COLLATIONS[language])
    if connection.vendor == "sqlite":
        return Collate(field_name, f"hub_{language}")
    return field_name
