"""PostgreSQL text search configurations for each language of the hub.

`klimathubben_sv` chains a stop-word filter, a hunspell (ispell) dictionary that splits
compounds (klimatkontraktet: klimat + kontrakt), and the Swedish snowball stemmer for words the
dictionary does not know. The stop words come first because the ispell template checks them
only after its own lookup. Where the dictionary files are missing, as on most managed
PostgreSQL services, `klimathubben_sv` is a copy of the plain `swedish` configuration, and the
log says so. `klimathubben_en` is a copy of `english`. Code only ever names these two.
"""

import logging

from django.db import DatabaseError, transaction

logger = logging.getLogger(__name__)

CONFIGURATIONS = {"sv": "klimathubben_sv", "en": "klimathubben_en"}
WORD_TOKENS = "asciiword, word, hword, hword_part, hword_asciipart, asciihword"

SWEDISH_WITH_DICTIONARY = [
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS klimathubben_sv",
    "DROP TEXT SEARCH DICTIONARY IF EXISTS klimathubben_sv_hunspell",
    "DROP TEXT SEARCH DICTIONARY IF EXISTS klimathubben_sv_stop",
    "CREATE TEXT SEARCH DICTIONARY klimathubben_sv_stop "
    "(TEMPLATE = simple, STOPWORDS = swedish, ACCEPT = false)",
    "CREATE TEXT SEARCH DICTIONARY klimathubben_sv_hunspell "
    "(TEMPLATE = ispell, DictFile = klimathubben_sv, AffFile = klimathubben_sv)",
    "CREATE TEXT SEARCH CONFIGURATION klimathubben_sv (COPY = swedish)",
    f"ALTER TEXT SEARCH CONFIGURATION klimathubben_sv ALTER MAPPING FOR {WORD_TOKENS} "
    "WITH klimathubben_sv_stop, klimathubben_sv_hunspell, swedish_stem",
]
SWEDISH_FALLBACK = [
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS klimathubben_sv",
    "CREATE TEXT SEARCH CONFIGURATION klimathubben_sv (COPY = swedish)",
]
ENGLISH = [
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS klimathubben_en",
    "CREATE TEXT SEARCH CONFIGURATION klimathubben_en (COPY = english)",
]
EXTENSIONS = ["unaccent", "pg_trgm"]


def _run(connection, statements):
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def ensure_configurations(connection):
    """Create or refresh the configurations; returns True when compounds are split."""
    if connection.vendor != "postgresql":
        return False
    for extension in EXTENSIONS:
        try:
            _run(connection, [f"CREATE EXTENSION IF NOT EXISTS {extension}"])
        except DatabaseError as error:
            logger.warning("PostgreSQL extension %s is not available: %s", extension, error)
    _run(connection, ENGLISH)
    try:
        _run(connection, SWEDISH_WITH_DICTIONARY)
    except DatabaseError as error:
        _run(connection, SWEDISH_FALLBACK)
        logger.warning(
            "Swedish search without compound splitting: the hunspell dictionary is missing "
            "(%s). Run scripts/install-swedish-dictionary on the database host, then "
            "manage.py setup_search_language.",
            str(error).strip().splitlines()[0],
        )
        return False
    logger.info("Swedish search splits compounds with the hunspell dictionary.")
    return True


def has_compound_splitting(connection):
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_ts_dict WHERE dictname = 'klimathubben_sv_hunspell'")
        return cursor.fetchone() is not None
