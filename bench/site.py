"""Site benchmark: generate a realistic site, serve it with gunicorn, load each kind of page.

    scripts/with-postgres .venv/bin/python bench/site.py [--quick] [--only library,search]

It creates the `klimathubben` database on the throwaway cluster `scripts/with-postgres` starts,
fills it (bench/generate.py with images, documents, tags and series from bench/extras.py),
indexes it, collects the static files, serves the site with gunicorn under the production
settings on loopback, and drives each URL with wrk from a separate process. It refuses to
touch a database that holds pages of its own. See bench/README.md.
"""

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, Python puts bench/ first on the path, where bench/search.py would hide the
# project's own `search` app. The repository root goes there instead.
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"

from bench import site_load, site_publish, site_setup, site_urls  # noqa: E402

FULL = {"case_studies": 10_000, "events": 2_000, "issues": 300, "images": 300, "documents": 120,
        "tags": 500, "series": 24, "duration": 10}  # fmt: skip
QUICK = {"case_studies": 1_000, "events": 200, "issues": 50, "images": 50, "documents": 20,
         "tags": 150, "series": 6, "duration": 3}  # fmt: skip


# docs/deployment.md, "PostgreSQL server settings": what production runs with.
SERVER_SETTINGS = [("jit", "off"), ("random_page_cost", "1.1")]


def say(text=""):
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sizes = parser.add_argument_group("data (defaults: full size, or --quick)")
    for name, full in FULL.items():
        if name != "duration":
            flag = "--" + name.replace("_", "-")
            sizes.add_argument(flag, type=int, help=f"({full}; quick {QUICK[name]})")
    sizes.add_argument("--english", type=float, default=0.1, metavar="SHARE", help="(0.1)")
    sizes.add_argument("--seed", type=int, default=1, help="the same seed, the same site (1)")
    load = parser.add_argument_group("load")
    load.add_argument("--duration", type=int, help="seconds of wrk per URL (10; quick 3)")
    load.add_argument("--warmup", type=int, default=2, help="unmeasured seconds first (2)")
    load.add_argument("--connections", type=int, default=8, help="wrk connections (8)")
    load.add_argument("--threads", type=int, default=2, help="wrk threads (2)")
    load.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (2)")
    load.add_argument("--alone", type=int, default=15, help="sequential requests timed (15)")
    parser.add_argument(
        "--only", metavar="NAMES", help="comma-separated URL names, e.g. library,search"
    )
    parser.add_argument("--quick", action="store_true", help="small data, 3 s per URL")
    parser.add_argument(
        "--page-cache",
        action="store_true",
        help="serve with the page cache on (off by default: the figures are for rendering)",
    )
    parser.add_argument("--list", action="store_true", help="list the URL names and stop")
    parser.add_argument(
        "--keep", metavar="DIR", help="after building the data, dump it and its media into DIR"
    )
    parser.add_argument(
        "--reuse", metavar="DIR", help="restore the data --keep wrote instead of building it"
    )
    args = parser.parse_args(argv)
    for name, value in (QUICK if args.quick else FULL).items():
        if getattr(args, name) is None:
            setattr(args, name, value)
    try:
        args.names = site_urls.selected(args.only)
    except ValueError as error:
        parser.error(str(error))
    return args


def prepare_database():
    """Create the database if needed and refuse one with content; the config, or None.

    The database gets the server settings docs/deployment.md recommends for production.
    """
    from bench.search import (
        Refused,
        apply_settings,
        database_settings,
        ensure_database,
        refuse_real_content,
    )

    try:
        config = database_settings()
        ensure_database(config)
        import django

        django.setup()
        refuse_real_content(config)
        apply_settings(config, SERVER_SETTINGS)
    except Refused as refusal:
        sys.stderr.write(str(refusal).replace("bench/search.py", "bench/site.py") + "\n")
        return None
    return config


def measure(urls, port, args):
    """{name: row} for every URL: alone first, with nothing else running, then under load."""
    rows = {}
    for name, path in urls:
        seconds, status = site_load.alone(port, path, args.alone)
        rows[name] = {"alone": seconds * 1000, "status": status}
        site_setup.log(f"  alone {name}: {seconds * 1000:.1f} ms, status {status}")
    probe = dict(urls)["static"]
    for name, path in urls:
        result = site_load.load(port, path, args.duration, args.warmup, probe)
        rows[name].update(result)
        site_setup.log(
            f"  wrk {name}: {result['requests']} requests, {result['rps']:.1f} req/s, "
            f"p95 {result['p95']:.1f} ms; {result['drain']:.1f} s for the queue to drain"
        )
    return rows


def run(args, workdir, config):
    timings = {}
    port = site_load.free_port()
    env = site_setup.production_env(workdir, port)
    per_model = site_setup.build(args, timings, env, config)
    urls = site_urls.pick_urls(args.names, workdir / "static")
    site_setup.log("Counting SQL per request in this process")
    queries = {}
    for name, path in urls:
        queries[name] = site_urls.count_queries(path)
        site_setup.log(f"  {name}: {queries[name][1]} statements, status {queries[name][0]}")
    static_path = dict(urls)["static"]
    started = time.perf_counter()
    log_path = workdir / "gunicorn.log"
    with site_load.gunicorn(env, port, args.workers, log_path, static_path):
        timings["server start"] = time.perf_counter() - started
        site_setup.log(f"gunicorn answers after {timings['server start']:.1f} s; loading")
        load_before = os.getloadavg()
        rows = measure(urls, port, args)
        published = None
        if "case-study" in dict(urls):
            published = site_publish.publish_shows(port, dict(urls)["case-study"])
            site_setup.log(f"  publish: visible {published['visible']}, {published['ms']:.0f} ms")
    report(args, timings, per_model, urls, queries, rows, load_before)
    if published is not None:
        seen = "shows" if published["visible"] else "does NOT show"
        say(
            f"Publish:   a case study's new title, published in the admin's way, {seen} on "
            f"the next request ({published['ms']:.0f} ms from publishing to the answer)"
        )
    failed = published is not None and not published["visible"]
    return 1 if failed or any(row["errors"] for row in rows.values()) else 0


def report(args, timings, per_model, urls, queries, rows, load_before):
    from bench.site_report import facts, table

    say()
    facts(args, timings, per_model, load_before)
    say()
    table(urls, queries, rows)


def main(argv=None):
    args = parse_args(argv)
    if args.list:
        for name, what in site_urls.URL_NAMES:
            say(f"{name:<17} {what}")
        return 0
    return in_workdir(args, "klimathubben-site-", run)


def in_workdir(args, prefix, run):
    """`run(args, workdir, config)` on the prepared database, with STATIC_ROOT and MEDIA_ROOT
    in a temporary folder removed afterwards; its exit status (2 when the database is refused).
    bench/soak.py runs this way too."""
    site_load.wrk_binary()
    workdir = Path(tempfile.mkdtemp(prefix=prefix))
    # Read by the settings, so set before Django starts: the generator writes images and
    # documents here, and gunicorn serves from the same folders.
    os.environ["STATIC_ROOT"] = str(workdir / "static")
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    # Off unless asked for (hub/page_cache.py): wrk asks for one address again and again,
    # which the cache would answer from memory after the first time.
    os.environ["PAGE_CACHE_SECONDS"] = "600" if args.page_cache else "0"
    try:
        config = prepare_database()
        if config is None:
            return 2
        args.code_version = code_version()
        args.server_settings = SERVER_SETTINGS
        return run(args, workdir, config)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def code_version():
    from bench.search import code_version as search_code_version

    return search_code_version()


if __name__ == "__main__":
    sys.exit(main())
