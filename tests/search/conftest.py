import pytest

from django.db import connection

from search.textsearch import has_compound_splitting


@pytest.fixture
def postgres_dictionary():
    """Skip unless PostgreSQL with the Swedish hunspell dictionary runs the test."""
    if connection.vendor != "postgresql":
        pytest.skip("Stemming and compound splitting need PostgreSQL.")
    if not has_compound_splitting(connection):
        pytest.skip("The Swedish hunspell dictionary is not installed on this server.")
