import pytest
import time_machine

from tests.factories import EventIndexPageFactory, EventTypeFactory
from tests.utils import local


@pytest.fixture
def frozen_now():
    """Wednesday 18 November 2026, 12:00 Swedish time, standing still."""
    with time_machine.travel(local(2026, 11, 18, 12, 0), tick=False) as traveller:
        yield traveller


@pytest.fixture
def calendar(home):
    return EventIndexPageFactory(parent=home)


@pytest.fixture
def types(db):
    return {
        "webbfika": EventTypeFactory(name="Webbfika", slug="webbfika"),
        "konferens": EventTypeFactory(name="Konferens", slug="konferens"),
        "klimatfrukost": EventTypeFactory(name="Klimatfrukost", slug="klimatfrukost"),
    }
