"""Search benchmark: generate a realistic amount of content, index it, time the site search.

    scripts/with-postgres .venv/bin/python bench/search.py \
        [--case-studies 10000 --events 2000 --issues 300 --seed 1 --repeat 20]

It creates the `klimathubben` database on the throwaway cluster `scripts/with-postgres` starts,
migrates it, fills it with generated Swedish pages (bench/generate.py), indexes them with
`update_index`, and then times three things for a mix of queries: the search engine the search
page runs (`SiteSearch(...).run()`), the whole search page through Django's test client, and the
JSON suggestions. It refuses to touch a database that holds pages of its own. See bench/README.md.
"""

import argparse
import math
import os
import platform
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, Python puts bench/ first on the path, where this file would hide the
# project's own `search` app. The repository root goes there instead.
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"

TARGET_P95_MS = 60
# Pages a freshly migrated database has: Wagtail's root and the Swedish home page.
INITIAL_PAGES = 2

# (kind, query string parameters, language). The mix covers words on most pages and on few,
# compounds, places, typos, filters, sorting and a deep results page.
QUERIES = [
    ("common word", {"q": "klimat"}, "sv"),
    ("common word", {"q": "energi"}, "sv"),
    ("common word", {"q": "företag"}, "sv"),
    ("theme word", {"q": "energicoachning"}, "sv"),
    ("theme word", {"q": "symbios"}, "sv"),
    ("rare word", {"q": "vätgas"}, "sv"),
    ("rare word", {"q": "biokol"}, "sv"),
    ("prefix", {"q": "coach"}, "sv"),
    ("inflected", {"q": "klimatkontrakten"}, "sv"),
    ("inflected", {"q": "resplanerna"}, "sv"),
    ("place", {"q": "Helsingborg"}, "sv"),
    ("place", {"q": "Kalmar"}, "sv"),
    ("place", {"q": "Östersund"}, "sv"),
    ("two words", {"q": "industriell symbios"}, "sv"),
    ("two words", {"q": "gröna resplaner"}, "sv"),
    ("two words", {"q": "klimatkontrakt Malmö"}, "sv"),
    ("three words", {"q": "energicoachning för småföretag"}, "sv"),
    ("typo", {"q": "Helsinborg"}, "sv"),
    ("typo", {"q": "klimatkontrackt"}, "sv"),
    ("no results", {"q": "xylofonorkester"}, "sv"),
    ("filter: type", {"q": "klimat", "type": "casestudypage"}, "sv"),
    ("filter: year", {"q": "energi", "year": "2024"}, "sv"),
    ("filter: theme", {"q": "klimat", "theme": "industriell-symbios"}, "sv"),
    ("filter: place", {"q": "klimat", "municipality": "helsingborg"}, "sv"),
    ("filter: county", {"q": "symbios", "county": "12"}, "sv"),
    ("sort by date", {"q": "klimat", "sort": "date"}, "sv"),
    ("page 5", {"q": "klimat", "page": "5"}, "sv"),
    ("filter only", {"theme": "energicoachning"}, "sv"),
    ("english", {"q": "climate contract"}, "en"),
]
SUGGESTIONS = [
    ("suggest", {"q": "klim"}, "sv"),
    ("suggest", {"q": "energic"}, "sv"),
    ("suggest", {"q": "helsingb"}, "sv"),
    ("suggest", {"q": "symbios"}, "sv"),
    ("suggest", {"q": "xylofon"}, "sv"),
]
SEARCH_PATHS = {"sv": "/sv/sok/", "en": "/en/search/"}
SUGGESTION_PATHS = {"sv": "/sv/sok/forslag/", "en": "/en/search/suggestions/"}


def say(text=""):
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def note(text):
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--case-studies", type=int, default=10_000, help="(10000)")
    parser.add_argument("--events", type=int, default=2_000, help="(2000)")
    parser.add_argument("--issues", type=int, default=300, help="newsletter issues (300)")
    parser.add_argument(
        "--english",
        type=float,
        default=0.1,
        metavar="SHARE",
        help="share of case studies and events that also get an English version (0.1)",
    )
    parser.add_argument("--seed", type=int, default=1, help="the same seed, the same pages (1)")
    parser.add_argument("--repeat", type=int, default=20, help="timed runs of each query (20)")
    parser.add_argument(
        "--explain",
        type=int,
        default=3,
        metavar="N",
        help="print EXPLAIN ANALYZE for the N slowest SQL statements (3; 0 for none)",
    )
    parser.add_argument(
        "--pg-set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a PostgreSQL setting for the timed runs, e.g. --pg-set jit=off (repeatable)",
    )
    parser.add_argument("--skip-page", action="store_true", help="do not time the full page")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="time the pages an earlier run left in this database (a cluster of your own): "
        "migrate and analyse, but generate and index nothing",
    )
    args = parser.parse_args()
    if args.repeat < 1 or min(args.case_studies, args.events, args.issues) < 0:
        parser.error("--repeat must be at least 1 and the sizes at least 0")
    if not 0 <= args.english <= 1:
        parser.error("--english is a share between 0 and 1")
    return args


# The database


class Refused(Exception):
    pass


def database_settings():
    import dj_database_url

    url = os.environ.get("DATABASE_URL", "")
    if not url:
        raise Refused(
            "DATABASE_URL is not set. Run the benchmark on a throwaway PostgreSQL cluster:\n"
            "  scripts/with-postgres .venv/bin/python bench/search.py"
        )
    config = dj_database_url.parse(url)
    if "postgresql" not in config["ENGINE"]:
        raise Refused(
            f"DATABASE_URL points at {config['ENGINE']}; the benchmark measures PostgreSQL. "
            "Run it through scripts/with-postgres."
        )
    return config


def ensure_database(config):
    """Create the database on the cluster if it is not there; True if it was created."""
    import psycopg
    from psycopg import sql

    name = config["NAME"]
    params = {
        "host": config.get("HOST") or None,
        "port": config.get("PORT") or None,
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists:
            return False
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return True


def refuse_real_content(config):
    """Stop unless the database is new: the benchmark adds thousands of pages to it."""
    from django.db import connection

    tables = connection.introspection.table_names()
    if "wagtailcore_page" not in tables:
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM wagtailcore_page")
        pages = cursor.fetchone()[0]
    if pages > INITIAL_PAGES:
        where = f"{config['NAME']} on {config.get('HOST') or 'the local socket'}"
        raise Refused(
            f"Refusing to run: the database {where} already holds {pages} pages, more than the "
            f"{INITIAL_PAGES} a freshly migrated database has. The benchmark writes thousands of "
            "generated pages and rebuilds the search index; run it on a throwaway cluster:\n"
            "  scripts/with-postgres .venv/bin/python bench/search.py"
        )


def parse_settings(assignments):
    """[(name, value)] from --pg-set NAME=VALUE, checked before anything is generated."""
    settings = []
    for assignment in assignments:
        name, _, value = assignment.partition("=")
        if not re.fullmatch(r"[a-z_]+", name) or not re.fullmatch(r"[A-Za-z0-9_.]+", value):
            raise Refused(f"--pg-set wants NAME=VALUE, such as jit=off; not {assignment!r}")
        settings.append((name, value))
    return settings


def apply_settings(config, settings):
    """Set PostgreSQL parameters for this connection and for any later one to the database."""
    from django.db import connection

    with connection.cursor() as cursor:
        for name, value in settings:
            cursor.execute(f'ALTER DATABASE "{config["NAME"]}" SET {name} = {value}')
            cursor.execute(f"SET {name} = {value}")


# Measuring


def percentile(samples, fraction):
    """Nearest-rank percentile: the smallest sample with at least `fraction` of them at or
    below it."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


class SqlRecorder:
    """Counts and times the SQL statements run while it is installed (one untimed run)."""

    def __init__(self):
        self.statements = []

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.statements.append((time.perf_counter() - started, sql, params))


def engine_runner(params, language):
    from django.test import RequestFactory
    from django.utils import translation

    from search.engine import SiteSearch

    factory = RequestFactory()
    path = SEARCH_PATHS[language]

    def run():
        with translation.override(language):
            request = factory.get(path, params)
            search = SiteSearch(request.GET, record=False).run()
            if search.results is None:
                return 0, ""
            return search.total, search.results_for or ""

    return run


def page_runner(params, language):
    from django.test import Client

    client = Client()
    path = SEARCH_PATHS[language]

    def run():
        response = client.get(path, params)
        if response.status_code != 200:
            raise RuntimeError(f"{path} {params} answered {response.status_code}")
        return None, ""

    return run


def suggestion_runner(params, language):
    from django.test import Client

    client = Client()
    path = SUGGESTION_PATHS[language]

    def run():
        response = client.get(path, params)
        if response.status_code != 200:
            raise RuntimeError(f"{path} {params} answered {response.status_code}")
        return len(response.json()["results"]), ""

    return run


class Measurement:
    def __init__(self, kind, params, language, run):
        self.kind = kind
        self.params = params
        self.language = language
        self.run = run
        self.samples = []
        self.results = None
        self.corrected = ""
        self.statements = []

    @property
    def label(self):
        text = self.params.get("q", "")
        extra = " ".join(f"{k}={v}" for k, v in self.params.items() if k != "q")
        text = f"{text} [{extra}]" if extra and text else text or f"[{extra}]"
        if self.language != "sv":
            text = f"{text} ({self.language})"
        if self.corrected:
            text = f"{text} → {self.corrected}"
        return text


def measure(name, specs, make_runner, repeat):
    """Warm up, then time every query `repeat` times, the queries taking turns."""
    from django.db import connection

    measurements = [
        Measurement(kind, params, language, make_runner(params, language))
        for kind, params, language in specs
    ]
    note(f"Timing {name}: {len(measurements)} queries × {repeat} runs, after a warm-up run")
    for item in measurements:
        item.results, item.corrected = item.run()
    for _round in range(repeat):
        for item in measurements:
            started = time.perf_counter()
            item.run()
            item.samples.append((time.perf_counter() - started) * 1000)
    # One more, untimed run of each with the SQL recorded.
    for item in measurements:
        recorder = SqlRecorder()
        with connection.execute_wrapper(recorder):
            item.run()
        item.statements = recorder.statements
    return measurements


def report(title, measurements):
    say()
    say(title)
    header = (
        f"{'kind':<14} {'query':<44} {'results':>7} {'SQL':>4} {'SQL ms':>6} "
        f"{'p50':>7} {'p95':>7} {'mean':>7} {'max':>7}"
    )
    say(header)
    say("-" * len(header))
    everything = []
    for item in measurements:
        samples = item.samples
        everything += samples
        results = "" if item.results is None else str(item.results)
        sql_ms = sum(duration for duration, _sql, _params in item.statements) * 1000
        say(
            f"{item.kind:<14} {item.label[:44]:<44} {results:>7} {len(item.statements):>4} "
            f"{sql_ms:>6.1f} {percentile(samples, 0.5):>7.1f} {percentile(samples, 0.95):>7.1f} "
            f"{sum(samples) / len(samples):>7.1f} {max(samples):>7.1f}"
        )
    say("-" * len(header))
    overall_p95 = percentile(everything, 0.95)
    count = f"overall, {len(everything)} timed runs"
    say(
        f"{count:<79} {percentile(everything, 0.5):>7.1f} {overall_p95:>7.1f} "
        f"{sum(everything) / len(everything):>7.1f} {max(everything):>7.1f}"
    )
    say("Times in milliseconds. SQL: statements in one run, SQL ms: their time in the database.")
    return overall_p95


# Explaining


def slowest_statements(groups, limit):
    """The slowest statement of each kind across every recorded run, slowest first."""
    seen = {}
    for mode, measurements in groups:
        for item in measurements:
            for duration, sql, params in item.statements:
                if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
                    continue  # EXPLAIN ANALYZE would run the write again
                key = " ".join(sql.split())[:100]  # one of each kind of statement
                if key not in seen or seen[key][0] < duration:
                    seen[key] = (duration, sql, params, f"{mode}: {item.label}")
    return sorted(seen.values(), key=lambda entry: -entry[0])[:limit]


def explain(groups, limit):
    from django.db import connection

    if limit <= 0:
        return
    say()
    say(
        f"The {limit} slowest kinds of SQL statement (the slowest of each in the recorded runs), "
        "with EXPLAIN (ANALYZE, BUFFERS)"
    )
    for duration, sql, params, where in slowest_statements(groups, limit):
        say()
        say(f"== {duration * 1000:.1f} ms, from {where}")
        say(" ".join(sql.split())[:600] + (" …" if len(sql) > 600 else ""))
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
            for (line,) in cursor.fetchall():
                say("   " + line)


# Facts about the machine and the data


def code_version():
    """The commit measured, and whether files outside bench/ differ from it."""

    def git(*arguments):
        command = ["git", *arguments]
        options = {"cwd": ROOT, "capture_output": True, "text": True, "check": True}
        return subprocess.run(command, **options).stdout  # noqa: S603 (a fixed git command)

    try:
        commit = git("rev-parse", "--short", "HEAD").strip()
        changed = [line for line in git("status", "--porcelain").splitlines() if line]
    except (OSError, subprocess.CalledProcessError):
        return "not a git checkout"
    changed = [line for line in changed if not line[3:].startswith(("bench/", ".venv"))]
    return f"{commit}, with {len(changed)} changed files outside bench/" if changed else commit


def facts(timings, args):
    import django
    from django.db import connection
    from django.db.models import Count

    import wagtail
    from wagtail.models import Page

    from bench.generate import content_digest
    from search.textsearch import has_compound_splitting

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        server = cursor.fetchone()[0]
        cursor.execute("SHOW shared_buffers")
        shared_buffers = cursor.fetchone()[0]
        cursor.execute("SHOW work_mem")
        work_mem = cursor.fetchone()[0]
        cursor.execute("SHOW jit")
        jit = cursor.fetchone()[0]
        cursor.execute("SHOW random_page_cost")
        random_page_cost = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM wagtailsearch_indexentry")
        entries = cursor.fetchone()[0]
        cursor.execute("SELECT pg_size_pretty(pg_total_relation_size('wagtailsearch_indexentry'))")
        entries_size = cursor.fetchone()[0]
        cursor.execute(
            """
            SELECT string_agg(index.relname || ' ' || pg_size_pretty(pg_relation_size(index.oid)),
                              ', ' ORDER BY index.relname)
            FROM pg_index JOIN pg_class index ON index.oid = pg_index.indexrelid
            JOIN pg_am method ON method.oid = index.relam
            WHERE pg_index.indrelid = 'wagtailsearch_indexentry'::regclass
              AND method.amname = 'gin'
            """
        )
        gin_indexes = cursor.fetchone()[0] or "none"
    by_type = (
        Page.objects.filter(depth__gt=1)
        .values("content_type__model", "locale__language_code")
        .annotate(count=Count("pk"))
        .order_by("content_type__model", "locale__language_code")
    )
    counts = ", ".join(
        f"{row['content_type__model']} ({row['locale__language_code']}) {row['count']}"
        for row in by_type
        if row["count"] > 3
    )
    cpus = os.cpu_count()
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cpus
    dictionary = "hunspell, compounds split" if has_compound_splitting(connection) else "snowball"

    say("Search benchmark")
    say("=" * 16)
    say(f"Machine:     {cpus} CPUs ({usable} usable), {platform.machine()}, {platform.system()}")
    say(f"Python:      {platform.python_version()} ({platform.python_implementation()})")
    say(f"Software:    Django {django.get_version()}, Wagtail {wagtail.__version__}")
    say(f"Code:        {args.code_version} (when the run started)")
    say(
        f"PostgreSQL:  {server}, shared_buffers {shared_buffers}, work_mem {work_mem}, "
        f"jit {jit}, random_page_cost {random_page_cost}"
    )
    if args.pg_set:
        say(f"Set:         {', '.join(args.pg_set)} (--pg-set)")
    say(f"Swedish:     {dictionary}")
    say(f"Generated:   --case-studies {args.case_studies} --events {args.events} "
        f"--issues {args.issues} --english {args.english} --seed {args.seed}")  # fmt: skip
    say(f"Pages:       {Page.objects.count()} in all: {counts}")
    say(f"Content:     digest {content_digest()} (the same for the same seed and sizes)")
    say(f"Index:       {entries} entries, {entries_size} with its indexes")
    say(f"GIN indexes: {gin_indexes}")
    say(
        "Setup:       migrate {migrate:.1f} s, generate {generate:.1f} s, "
        "update_index {index:.1f} s, VACUUM ANALYZE {analyze:.1f} s".format(**timings)
    )
    say(f"Timing:      {args.repeat} runs of each query after one warm-up run; "
        "p50/p95 are nearest-rank percentiles")  # fmt: skip


def main():
    args = parse_args()
    args.code_version = code_version()
    try:
        pg_settings = parse_settings(args.pg_set)
        config = database_settings()
        created = ensure_database(config)
        import django

        django.setup()
        if created:
            note(f"Created the database {config['NAME']}")
        if not args.reuse:
            refuse_real_content(config)
    except Refused as refusal:
        note(str(refusal))
        return 2
    return run(args, config, pg_settings)


def run(args, config, pg_settings):
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from bench.generate import Generator

    if settings.DEBUG:
        raise RuntimeError("DEBUG must be off while timing: Django would record every query.")
    timings = {}
    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    timings["migrate"] = time.perf_counter() - started

    timings["generate"] = timings["index"] = 0.0
    if not args.reuse:
        started = time.perf_counter()
        Generator(args.seed, english_share=args.english).run(
            args.case_studies, args.events, args.issues
        )
        timings["generate"] = time.perf_counter() - started
        note(f"Generated in {timings['generate']:.1f} s; indexing")

        started = time.perf_counter()
        call_command("update_index", stdout=sys.stderr)  # its progress, with the other progress
        timings["index"] = time.perf_counter() - started
        note(f"Indexed in {timings['index']:.1f} s")

    # Freshly loaded tables have no planner statistics until autovacuum comes round; a live
    # site's tables have them.
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    timings["analyze"] = time.perf_counter() - started
    apply_settings(config, pg_settings)

    groups = [("engine", measure("the engine", QUERIES, engine_runner, args.repeat))]
    if not args.skip_page:
        pages = measure("the full page", QUERIES, page_runner, args.repeat)
        for page, engine in zip(pages, groups[0][1], strict=True):
            # The same search; the engine counted its results.
            page.results, page.corrected = engine.results, engine.corrected
        groups.append(("page", pages))
    groups.append(
        ("suggest", measure("the suggestions", SUGGESTIONS, suggestion_runner, args.repeat))
    )

    say()
    facts(timings, args)
    titles = {
        "engine": "Engine: SiteSearch(request.GET, record=False).run()",
        "page": "Full page: Client().get('/sv/sok/?q=…'), rendered, the query recorded",
        "suggest": "Suggestions: Client().get('/sv/sok/forslag/?q=…'), JSON",
    }
    verdicts = []
    for mode, measurements in groups:
        p95 = report(titles[mode], measurements)
        verdict = "under" if p95 < TARGET_P95_MS else "NOT under"
        verdicts.append(f"{mode} p95 {p95:.1f} ms, {verdict} the target")
    say()
    say(f"Target: p95 under {TARGET_P95_MS} ms on this machine. " + "; ".join(verdicts) + ".")
    explain(groups, args.explain)
    return 0


if __name__ == "__main__":
    sys.exit(main())
