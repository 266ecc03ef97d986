"""The demo content, loaded once for the tests of this package.

The demo takes half a minute to load, so the `demo` fixture loads it once for the tests of
this package inside a transaction that it rolls back at the end: other tests find the database
as the migrations left it, and each test runs in a savepoint inside that transaction, as
pytest-django does.

wagtail-localize publishes each translation in a `transaction.on_commit` callback, and the
demo loader commits after each translation so that the callback publishes a fresh copy. Django's
`TestCase.captureOnCommitCallbacks(execute=True)` would run every callback only at the very
end, and the late publish of the English home page then leaves it without children (every page
below /en/ answers 404). `commits_emulated` therefore runs the callbacks of each block as soon
as that block exits at the fixture's level, which is when autocommit would have committed it.
"""

import io
from contextlib import contextmanager

import pytest

from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections

from tests.factories import locale
from tests.shared_rows import rows_for_module
from tests.utils import default_home, load_municipalities


def prepare_home():
    """A Swedish home page nobody has written yet at the root of the default site."""
    load_municipalities()
    locale("en")
    home = default_home(locale("sv"))
    home.introduction = ""
    home.save()


@contextmanager
def commits_emulated(using=DEFAULT_DB_ALIAS):
    """Run on_commit callbacks when their block exits at this level, as autocommit would."""
    wrapper = connections[using]
    base = len(wrapper.savepoint_ids)
    start = len(wrapper.run_on_commit)
    real_on_commit, real_savepoint_commit = wrapper.on_commit, wrapper.savepoint_commit

    def run_pending():
        while len(wrapper.run_on_commit) > start:
            _savepoints, callback, _robust = wrapper.run_on_commit.pop(start)
            callback()

    def on_commit(func, robust=False):
        real_on_commit(func, robust)
        if len(wrapper.savepoint_ids) == base:
            run_pending()

    def savepoint_commit(sid):
        real_savepoint_commit(sid)
        if len(wrapper.savepoint_ids) == base:
            run_pending()

    wrapper.on_commit, wrapper.savepoint_commit = on_commit, savepoint_commit
    try:
        yield
        run_pending()
    finally:
        del wrapper.on_commit, wrapper.savepoint_commit


@pytest.fixture(scope="package")
def demo(django_db_setup, django_db_blocker):
    """The demo content and its search index, loaded once and rolled back after the package."""
    with rows_for_module(django_db_blocker):
        prepare_home()
        with commits_emulated():
            call_command("load_demo_content", verbosity=0, stdout=io.StringIO())
        yield
