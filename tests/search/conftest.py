import pytest

from django.db import connection

from search.textsearch import has_compound_splitting


@pytest.fixture
def postgres():
    """Skip unless the test runs on PostgreSQL."""
    if connection.vendor != "postgresql":
        pytest.skip("Text search configurations, stemming and compound splitting need PostgreSQL.")


@pytest.fixture
def postgres_dictionary(postgres):
    """Skip unless PostgreSQL with the Swedish hunspell dictionary runs the test."""
    if not has_compound_splitting(connection):
        pytest.skip("The Swedish hunspell dictionary is not installed on this server.")
