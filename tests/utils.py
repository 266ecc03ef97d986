import html
import importlib
import re
import signal
from datetime import datetime

import feedparser

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Collection, Page, Site
from wagtail.search.backends import get_search_backend

from hub.models import County, HomePage, Municipality
from hub.timezones import STOCKHOLM

CARD_TITLE = re.compile(r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a>')
RESULT_TITLE = re.compile(r'search-result__title"><a href="([^"]*)">([^<]*)</a>')


def refresh_statistics():
    """Let PostgreSQL's planner see the rows a test has just made.

    Statistics that autovacuum gathered while the tables were nearly empty led the planner to
    nested loops that ran for minutes over a few hundred case studies in a long test run.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def count_queries(client, path):
    """The number of SQL queries one GET of `path` runs, once Wagtail's caches are warm."""
    refresh_statistics()
    client.get(path)  # Warm Wagtail's cache of site root paths.
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, response.status_code
    return len(queries)


def count_first_queries(client, path):
    """The number of SQL queries of the first GET of `path` after editors change something:
    nothing remembered under the content version (hub/versions.py) yet."""
    from hub.versions import new_version

    refresh_statistics()
    client.get(path)  # Warm Wagtail's cache of site root paths.
    new_version()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, response.status_code
    return len(queries)


def local(*args):
    """An aware datetime in Swedish time."""
    return datetime(*args, tzinfo=STOCKHOLM)


def card_titles(response):
    """The card titles after a listing's results heading, in order."""
    page = response.content.decode()
    return CARD_TITLE.findall(page.split('id="results-heading"')[1])


def parsed_feed(response, version):
    """An RSS ("rss20") or Atom ("atom10") feed, parsed as a feed reader would; it must be
    well formed."""
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == version
    return feed


def organic_results(page):
    """A search page's own results as (url, title) pairs, best first; promotions excluded."""
    if '<ol class="search-results"' not in page:
        return []
    organic = page[page.index('<ol class="search-results"') :]
    organic = organic[: organic.index("</ol>")]
    return [(url, html.unescape(title)) for url, title in RESULT_TITLE.findall(organic)]


def index_pages(*models):
    """Index these page types again, as `update_index` would, without the snippets.

    Factories save pages without publishing them, so tags, themes and places are written
    after the save that indexed them.
    """
    backend = get_search_backend()
    for model in models:
        backend.add_bulk(model, model.objects.all())


def load_municipalities():
    """All counties and municipalities, if a transactional test emptied the migration's rows."""
    if Municipality.objects.exists():
        return
    # The migration's rows in two inserts: row by row, with every save's signals, takes
    # seconds, and many transactional tests start here.
    migration = importlib.import_module("hub.migrations.0004_load_municipalities")
    county_rows, municipality_rows = migration.data_rows()
    County.objects.bulk_create((County(**fields) for fields in county_rows), ignore_conflicts=True)
    counties = {county.code: county for county in County.objects.all()}
    Municipality.objects.bulk_create(
        Municipality(county=counties[fields.pop("county_code")], **fields)
        for fields in municipality_rows
    )


def default_home(locale, **fields):
    """The home page at the root of the default site, made (with `fields`) if it is missing."""
    from tests.factories import HomePageFactory

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None and isinstance(site.root_page.specific, HomePage):
        return site.root_page.specific
    root = Page.get_first_root_node()
    if root is None:
        # Transactional tests start from empty tables, without the migrations' tree roots.
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    page = HomePageFactory(parent=root, locale=locale, slug="home", **fields)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": page},
    )
    return page


def show_latest(home, *sources):
    """Give the home page a section listing the newest pages of each listing page in `sources`."""
    home.sections = [
        {"type": "latest", "value": {"heading": source.title, "source": source.pk, "count": 6}}
        for source in sources
    ]
    home.save_revision().publish()


def turn_on_page_cache(settings, alias="default"):
    """The page cache on for the requests a test makes next, in the cache `alias`, emptied."""
    from django.core.cache import caches

    settings.PAGE_CACHE_SECONDS = 600
    settings.PAGE_CACHE_ALIAS = alias
    caches[alias].clear()


def assert_kept(client, path):
    """`path` is answered from the page cache: of the database, only the content version is
    read. The response."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    assert len(queries) == 1, [query["sql"] for query in queries]
    return response


def run_worker():
    """Run the task queue until nothing is ready, as `manage.py db_worker --batch` does.

    The worker takes over Ctrl-C; pytest gets it back afterwards. Like a real worker it works
    outside any transaction and closes connections it finds inside one, so the test must be
    transactional (`django_db(transaction=True)`).
    """
    if connection.in_atomic_block:
        raise RuntimeError("run_worker() needs a transactional test: django_db(transaction=True)")
    signals = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]
    handlers = {number: signal.getsignal(number) for number in signals}
    try:
        call_command(
            "db_worker",
            f"--backend={settings.MAIL_TASKS_BACKEND}",
            batch=True,
            startup_delay=False,
            interval=0,
            reload=False,
            verbosity=0,
        )
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)
