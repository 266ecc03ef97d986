import importlib

import pytest

from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.utils import translation

from wagtail.models import Collection, Page, Site

from hub.models import HomePage, Municipality
from tests.factories import CaseStudyIndexPageFactory, HomePageFactory, ThemeFactory, locale


@pytest.fixture(autouse=True)
def _reset_language_and_cache():
    """Each test starts in Swedish with an empty cache (Wagtail caches site root paths)."""
    translation.activate("sv")
    cache.clear()
    yield
    translation.activate("sv")


@pytest.fixture
def swedish_municipalities(db):
    """All counties and municipalities (transactional tests empty what the migration filled)."""
    if not Municipality.objects.exists():
        migration = importlib.import_module("hub.migrations.0004_load_municipalities")
        migration.load(django_apps, None)


@pytest.fixture
def home(db, swedish_municipalities):
    """The Swedish home page at the root of the default site."""
    sv, _en = locale("sv"), locale("en")
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None and isinstance(site.root_page.specific, HomePage):
        page = site.root_page.specific
        page.introduction = page.introduction or HomePageFactory.introduction
        page.save()
        return page
    root = Page.get_first_root_node()
    if root is None:
        # Transactional tests start from empty tables, without the migrations' tree roots.
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=sv))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    page = HomePageFactory(parent=root, locale=sv, slug="home")
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": page},
    )
    return page


@pytest.fixture
def home_en(home):
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


@pytest.fixture
def library(home):
    """The Swedish case study library under the home page."""
    return CaseStudyIndexPageFactory(parent=home)


@pytest.fixture
def themes(db):
    return {
        "symbios": ThemeFactory(name="Industriell symbios", slug="industriell-symbios"),
        "kontrakt": ThemeFactory(name="Klimatkontrakt", slug="klimatkontrakt"),
        "coach": ThemeFactory(name="Energicoachning", slug="energicoachning"),
    }


@pytest.fixture
def editor(client):
    """A signed-in editor with every permission."""
    user = get_user_model().objects.create_superuser("redaktor", "redaktor@example.org", "losen")
    client.force_login(user)
    return user
