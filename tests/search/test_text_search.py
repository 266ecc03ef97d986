import logging

import pytest

from django.core.management import call_command
from django.db import connection

from search.textsearch import SWEDISH_WITH_DICTIONARY, ensure_configurations

pytestmark = pytest.mark.django_db


def lexemes(config, text):
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector(%s::regconfig, %s)::text", [config, text])
        return {part.split(":")[0].strip("'") for part in cursor.fetchone()[0].split()}


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("klimatkontraktet", {"klimat", "kontrakt"}),
        ("klimatkontrakten", {"klimat", "kontrakt"}),
        ("energicoachning", {"energi", "coachning"}),
        ("industrisymbios", {"industri", "symbios"}),
        ("pendlingsresor", {"pendlings", "resa"}),
        ("hållbarhetsrapporten", {"hållbarhets", "rapport"}),
    ],
)
def test_swedish_compounds_are_split(postgres_dictionary, word, expected):
    """Inflected compounds break into their parts, so a part finds the whole word."""
    assert lexemes("klimathubben_sv", word) >= expected


def test_stop_words_are_dropped_before_the_dictionary(postgres_dictionary):
    """Common words like 'och' and 'för' are not indexed."""
    assert lexemes("klimathubben_sv", "klimat och energi för alla") == {"klimat", "energi"}


def test_english_configuration_stems_english(postgres):
    """English pages get English stemming."""
    assert lexemes("klimathubben_en", "contracts coaching") == {"contract", "coach"}


def test_missing_dictionary_falls_back_to_plain_swedish_and_says_so(postgres, caplog, monkeypatch):
    """Without the dictionary files the Swedish configuration still works, and the log explains."""
    broken = [
        statement.replace("DictFile = klimathubben_sv", "DictFile = finns_inte")
        for statement in SWEDISH_WITH_DICTIONARY
    ]
    monkeypatch.setattr("search.textsearch.SWEDISH_WITH_DICTIONARY", broken)
    caplog.set_level(logging.WARNING)
    assert ensure_configurations(connection) is False
    assert "without compound splitting" in caplog.text
    assert lexemes("klimathubben_sv", "klimatkontrakten") == {"klimatkontrak"}
    monkeypatch.undo()
    call_command("setup_search_language", verbosity=0)
