"""Rows that fixtures make: the home pages and themes most tests start from, and a block that
keeps rows for every test of a module (`rows_for_module`)."""

from contextlib import contextmanager

from django.db import transaction

from wagtail.models import Page

from tests.factories import HomePageFactory, ThemeFactory, locale
from tests.utils import default_home, load_municipalities


def make_home():
    """The Swedish home page at the root of the default site, with the municipalities."""
    load_municipalities()
    sv, _en = locale("sv"), locale("en")
    page = default_home(sv)
    if not page.introduction:
        page.introduction = HomePageFactory.introduction
        page.save()
    return page


def make_home_en(home):
    """The English translation of the home page."""
    existing = home.get_translation_or_none(locale("en"))
    if existing is not None:
        return existing.specific
    return HomePageFactory(
        parent=Page.get_first_root_node(),
        locale=locale("en"),
        translation_key=home.translation_key,
        slug="home-en",
        title="Klimathubben",
        introduction="Examples, events and material about local climate work.",
    )


def make_themes():
    return {
        "symbios": ThemeFactory(name="Industriell symbios", slug="industriell-symbios"),
        "kontrakt": ThemeFactory(name="Klimatkontrakt", slug="klimatkontrakt"),
        "coach": ThemeFactory(name="Energicoachning", slug="energicoachning"),
    }


@contextmanager
def rows_for_module(django_db_blocker):
    """Rows made once for the tests of a module or package (inside this block), in a
    transaction rolled back after the last of them. Each test runs in a savepoint inside it,
    as pytest-django's `db` does, so what one test changes is undone before the next. Not
    for transactional tests, which empty the tables."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
