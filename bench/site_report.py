"""The site benchmark's report: what was measured on what, then one row per URL."""

import os
import platform
import sys

FEW = 20
COLUMNS = (
    f"{'url':<17} {'path':<46} {'n':>6} {'req/s':>7} {'p50':>7} {'p95':>7} {'p99':>7} "
    f"{'errors':>6} {'SQL':>4} {'alone':>7} {'vs static':>9}"
)


def say(text=""):
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def facts(args, timings, per_model, load_before):
    import django

    import wagtail
    from wagtail.models import Page

    from bench.generate import content_digest

    say("Site benchmark")
    say("=" * 14)
    say(f"Machine:   {os.cpu_count()} CPUs, {platform.machine()}, {platform.system()}; "
        "load average before loading " + ", ".join(f"{x:.2f}" for x in load_before))  # fmt: skip
    say(f"Software:  Python {platform.python_version()}, Django {django.get_version()}, "
        f"Wagtail {wagtail.__version__}")  # fmt: skip
    say(f"Code:      {args.code_version} (when the run started)")
    say("Database:  PostgreSQL with " + ", ".join(f"{k} = {v}" for k, v in args.server_settings))
    say(f"Generated: --case-studies {args.case_studies} --events {args.events} "
        f"--issues {args.issues} --images {args.images} --documents {args.documents} "
        f"--tags {args.tags} --series {args.series} --english {args.english} "
        f"--seed {args.seed}")  # fmt: skip
    if getattr(args, "reuse", None):
        say(f"Reused:    the data kept in {args.reuse} (--reuse); not generated or indexed now")
    say(f"Pages:     {Page.objects.count()}; content digest {content_digest()}")
    cache = "page cache on (--page-cache)" if args.page_cache else "page cache off"
    say(f"Server:    gunicorn, {args.workers} sync workers, hub.settings.production, loopback, "
        f"{cache}")  # fmt: skip
    say(f"Load:      wrk, {args.threads} threads, {args.connections} connections, "
        f"{args.warmup:g} s warm-up then {args.duration:g} s per URL")  # fmt: skip
    setup = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in timings.items())
    say(f"Set-up:    {setup}")
    indexed = ", ".join(f"{label} {count} in {sec:.1f} s" for label, count, sec in per_model)
    if indexed:
        say(f"Indexed:   {indexed}")


def row(name, path, rps, result, sql, ratio):
    errors = str(result["errors"]) + ("!" if result["status"] != 200 else "")
    return (
        f"{name:<17} {path[:46]:<46} {result['requests']:>6} {rps:>7.1f} "
        f"{result['p50']:>7.1f} {result['p95']:>7.1f} {result['p99']:>7.1f} "
        f"{errors:>6} {sql:>4} {result['alone']:>7.1f} {ratio:>9}"
    )


def table(urls, queries, rows):
    static_rps = rows.get("static", {}).get("rps")
    say(COLUMNS)
    say("-" * len(COLUMNS))
    for name, path in urls:
        result = rows[name]
        rps = result["rps"]
        ratio = f"{rps / static_rps:.3f}" if static_rps else ""
        status, sql = queries[name]
        sql_text = str(sql) if status == 200 else f"{sql}*"
        say(row(name, path, rps, result, sql_text, ratio))
    say("-" * len(COLUMNS))
    say(
        f"n: requests completed in the measured run (below {FEW}, the percentiles say little); "
        "req/s under load; p50/p95/p99: latency under load, ms (wrk); errors: responses "
        "neither 2xx nor 3xx plus socket errors;"
    )
    say(
        "SQL: statements of one warm request in-process (test client); alone: median ms of "
        "sequential requests without load; vs static: req/s over the CSS file's."
    )
    odd = [name for name, _ in urls if rows[name]["status"] != 200 or queries[name][0] != 200]
    if odd:
        say("Not 200 (! on errors, * on SQL): " + ", ".join(
            f"{name} {rows[name]['status']}/{queries[name][0]}" for name in odd))  # fmt: skip
