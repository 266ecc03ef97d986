"""Soak run: the site under steady load for minutes, watching for errors and for memory growth.

    scripts/with-postgres .venv/bin/python bench/soak.py [--reuse /tmp/site-data]

It builds or restores the site benchmark's data the way bench/site.py does, serves it with
gunicorn under the production settings on loopback, drives wrk over a mix of a few hundred
public addresses, and reads each gunicorn worker's resident memory every few seconds. It
prints the errors and the memory series, and exits with 1 when there was any error, a worker
was replaced, or a worker grew by more than --max-growth MB. See bench/README.md.
"""

import argparse
import os
import platform
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
# As in bench/site.py: the repository root first, not bench/ (whose search.py would hide the
# project's `search` app).
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"

from bench import site_load, site_setup, site_urls  # noqa: E402
from bench.site import FULL, SERVER_SETTINGS, in_workdir  # noqa: E402

MIX_SCRIPT = Path(__file__).resolve().parent / "wrk_mix.lua"
# Words for the searches in the mix: broad, themed, rare, places, and one without results.
SEARCH_WORDS = [
    "klimat", "energi", "företag", "symbios", "energicoachning", "vätgas", "biokol", "coach",
    "klimatkontrakt", "resplaner", "Helsingborg", "Kalmar", "Östersund", "xylofonorkester",
]  # fmt: skip


def say(text=""):
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--reuse", metavar="DIR", help="restore the data bench/site.py --keep wrote"
    )
    parser.add_argument("--duration", type=int, default=300, help="seconds of load (300)")
    parser.add_argument("--warmup", type=int, default=30, help="unmeasured seconds first (30)")
    parser.add_argument("--connections", type=int, default=32, help="wrk connections (32)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (2)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (2)")
    parser.add_argument("--every", type=int, default=10, help="seconds between samples (10)")
    parser.add_argument(
        "--max-growth", type=float, default=32, metavar="MB",
        help="the most a worker's memory may grow from the end of the warm-up (32 MB)",
    )  # fmt: skip
    parser.add_argument("--page-cache", action="store_true", help="serve with the page cache on")
    args = parser.parse_args(argv)
    # What site_setup.build reads when it generates the data instead of restoring it.
    for name, value in FULL.items():
        if name != "duration":
            setattr(args, name, value)
    args.english, args.seed, args.keep = 0.1, 1, None
    return args


def spread(queryset, count):
    """About `count` pages' addresses, spread evenly over the tree."""
    from wagtail.models import Page

    ids = list(queryset.order_by("path").values_list("pk", flat=True))
    picked = ids[:: max(1, len(ids) // count)][:count]
    return [page.get_url() for page in Page.objects.filter(pk__in=picked).order_by("path")]


def mix(static_root):
    """The addresses wrk asks for in turn: every kind bench/site.py loads, many case studies,
    events and tags, listing pages further on, and searches for a range of words."""
    from taggit.models import Tag

    from casestudies.models import CaseStudyPage
    from events.models import EventPage

    names = [name for name, _what in site_urls.URL_NAMES]
    paths = [path for _name, path in site_urls.pick_urls(names, static_root)]
    swedish = {"locale__language_code": "sv"}
    paths += spread(CaseStudyPage.objects.live().filter(**swedish), 200)
    paths += spread(CaseStudyPage.objects.live().filter(locale__language_code="en"), 20)
    paths += spread(EventPage.objects.live().filter(**swedish), 60)
    paths += [f"/sv/taggar/{slug}/" for slug in Tag.objects.order_by("pk").values_list(
        "slug", flat=True)[:40]]  # fmt: skip
    paths += [f"/sv/exempel/?page={number}" for number in range(2, 22)]
    paths += [f"/sv/evenemang/?page={number}" for number in range(2, 7)]
    paths += [f"/sv/sok/?q={quote(word)}" for word in SEARCH_WORDS]
    paths += [f"/sv/sok/forslag/?q={quote(word[:4])}" for word in SEARCH_WORDS]
    paths += ["/en/"]
    return [path for path in dict.fromkeys(paths) if path]


def workers_of(master):
    """The gunicorn master's children: its workers."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == master:
            pids.append(int(entry.name))
    return sorted(pids)


def rss_mb(pid):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def memory(master):
    return {pid: mb for pid in workers_of(master) if (mb := rss_mb(pid)) is not None}


def wrk_command(port, seconds, paths, args):
    return [
        site_load.wrk_binary(), f"-t{args.threads}", f"-c{args.connections}", f"-d{seconds}s",
        "--timeout", "30s", "-s", str(MIX_SCRIPT), f"http://{site_load.HOST}:{port}/", "--",
        *paths,
    ]  # fmt: skip


def soak(port, paths, args, master):
    """wrk for --duration seconds, the workers' memory every --every seconds: (report, samples)."""
    command = wrk_command(port, args.duration, paths, args)
    samples = []
    started = time.monotonic()
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as process:  # noqa: S603
        while True:
            samples.append((time.monotonic() - started, memory(master)))
            try:
                output, _ = process.communicate(timeout=args.every)
                break
            except subprocess.TimeoutExpired:
                continue
    if process.returncode:
        raise RuntimeError(f"wrk stopped with status {process.returncode}:\n{output}")
    return site_load.parse_report(output), samples, started


def log_problems(log_path):
    """Lines of gunicorn's log that tell of a failure: tracebacks, errors, killed workers."""
    markers = ("Traceback", "[ERROR]", "[CRITICAL]", "Internal Server Error")
    lines = Path(log_path).read_text(errors="replace").splitlines()
    return [line for line in lines if any(marker in line for marker in markers)]


def run(args, workdir, config):
    timings = {}
    port = site_load.free_port()
    env = site_setup.production_env(workdir, port)
    site_setup.build(args, timings, env, config)
    paths = mix(workdir / "static")
    site_setup.log(f"{len(paths)} addresses in the mix")
    probe = site_urls.static_css(workdir / "static")
    log_path = workdir / "gunicorn.log"
    with site_load.gunicorn(env, port, args.workers, log_path, probe) as server:
        cold = memory(server.pid)
        if args.warmup:
            site_setup.log(f"Warming up for {args.warmup} s")
            warmup = site_load.parse_report(
                subprocess.run(  # noqa: S603 (a fixed command)
                    wrk_command(port, args.warmup, paths, args),
                    capture_output=True, text=True, check=True,
                ).stdout
            )  # fmt: skip
            site_load.drain(port, probe)
        else:
            warmup = None
        load_before = os.getloadavg()
        site_setup.log(f"Soaking for {args.duration} s")
        result, samples, started = soak(port, paths, args, server.pid)
        result["drain"] = site_load.drain(port, probe)
        samples.append((time.monotonic() - started, memory(server.pid)))
        load_after = os.getloadavg()
    problems = log_problems(log_path)
    return report(args, timings, paths, cold, warmup, result, samples, problems,
                  (load_before, load_after))  # fmt: skip


def report(args, timings, paths, cold, warmup, result, samples, problems, loads):
    import django

    import wagtail
    from wagtail.models import Page

    say("Soak run")
    say("=" * 8)
    say(f"Machine:   {os.cpu_count()} CPUs, {platform.machine()}, {platform.system()}; load "
        f"average {' / '.join(f'{x:.2f}' for x in loads[0])} before the soak, "
        f"{' / '.join(f'{x:.2f}' for x in loads[1])} after")  # fmt: skip
    say(f"Software:  Python {platform.python_version()}, Django {django.get_version()}, "
        f"Wagtail {wagtail.__version__}")  # fmt: skip
    say(f"Code:      {args.code_version} (when the run started)")
    say("Database:  PostgreSQL with " + ", ".join(f"{k} = {v}" for k, v in SERVER_SETTINGS))
    data = f"the data kept in {args.reuse} (--reuse)" if args.reuse else "generated, full size"
    say(f"Data:      {data}; {Page.objects.count()} pages")
    cache = "page cache on" if args.page_cache else "page cache off"
    say(f"Server:    gunicorn, {args.workers} sync workers, hub.settings.production, loopback, "
        f"{cache}")  # fmt: skip
    say(f"Load:      wrk, {args.threads} threads, {args.connections} connections, "
        f"{args.warmup} s warm-up, then {args.duration} s over {len(paths)} addresses "
        "in turn")  # fmt: skip
    say("Set-up:    " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in timings.items()))
    say()
    say(f"Requests:  {result['requests']} in {args.duration} s, {result['rps']:.1f} req/s; "
        f"p50 {result['p50']:.1f} ms, p95 {result['p95']:.1f} ms, p99 {result['p99']:.1f} ms; "
        f"{result['drain']:.1f} s for the queue to drain")  # fmt: skip
    errors = result["errors"] + (warmup["errors"] if warmup else 0)
    say(f"Errors:    {result['status_errors']} responses neither 2xx nor 3xx, "
        f"{result['socket_errors']} socket errors (connect, read, write, timeout)"
        + (f"; in the warm-up {warmup['errors']}" if warmup else ""))  # fmt: skip
    say(f"Log:       {len(problems)} lines of gunicorn's log tell of a failure")
    for line in problems[:10]:
        say(f"           {line[:120]}")
    say()
    failures = memory_report(cold, samples, args.max_growth)
    if errors:
        failures.append(f"{errors} errors")
    if problems:
        failures.append(f"{len(problems)} failure lines in the log")
    say()
    say("Result:    " + ("FAILED: " + "; ".join(failures) if failures else "passed"))
    return 1 if failures else 0


def memory_report(cold, samples, max_growth):
    """The memory series and each worker's start, end, max and growth; what failed."""
    pids = sorted(cold)
    say(
        "Memory (resident, MB) of each worker, sampled as wrk runs; cold: just started, "
        "before the warm-up"
    )
    say(f"{'s':>6} " + " ".join(f"{'pid ' + str(pid):>10}" for pid in pids))
    say(f"{'cold':>6} " + " ".join(f"{cold[pid]:>10.1f}" for pid in pids))
    for seconds, sample in samples:
        say(
            f"{seconds:>6.0f} "
            + " ".join(f"{sample.get(pid, float('nan')):>10.1f}" for pid in pids)
        )
    failures = []
    replaced = set(samples[-1][1]) != set(pids)
    if replaced:
        failures.append(f"workers replaced: {pids} became {sorted(samples[-1][1])}")
    for pid in pids:
        series = [sample[pid] for _seconds, sample in samples if pid in sample]
        if not series:
            continue
        growth = series[-1] - series[0]
        say(f"Worker {pid}: start {series[0]:.1f}, end {series[-1]:.1f}, max {max(series):.1f}, "
            f"growth {growth:+.1f} MB (bound {max_growth:g} MB)")  # fmt: skip
        if growth > max_growth:
            failures.append(f"worker {pid} grew by {growth:.1f} MB")
    return failures


def main(argv=None):
    return in_workdir(parse_args(argv), "klimathubben-soak-", run)


if __name__ == "__main__":
    sys.exit(main())
