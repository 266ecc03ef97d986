"""Lighthouse on the demo site served as in production; `make lighthouse` runs this.

    python scripts/lighthouse/run.py [--language en] [--runs 3] [--only home,map] [--out DIR]

It loads the demo content into a throwaway SQLite database, collects the static files, serves
the site with gunicorn and the production settings on a free loopback port, and runs
Lighthouse (scripts/lighthouse/node_modules, installed by `make lighthouse` with `npm ci`) with
Debian's Chromium on each page of pages.py: mobile profile, its default throttling, the four
categories. It prints a table of the scores with the failing audits, writes each page's JSON
and HTML report and summary.md into the report folder, and exits 1 when a score is below 100
(SEO may be lower on a page that says noindex on purpose), when a page asks for anything
outside the site, or when a run fails. The server and the database are gone afterwards,
however it ends. docs/lighthouse.md has the latest table.
"""

import argparse
import contextlib
import datetime
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
# pages.py, report.py and serve.py are found beside this file; the project from the root.
sys.path.insert(1, str(ROOT))

from pages import PAGES  # noqa: E402
from report import CATEGORIES, failing_audits, outside_requests, scores, table  # noqa: E402
from serve import Gunicorn, prepare, say, says_noindex, server_env  # noqa: E402

from bench.site_load import HOST, free_port, get  # noqa: E402

LIGHTHOUSE = HERE / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = "/usr/bin/chromium"
NODE = shutil.which("node") or "/usr/bin/node"
# Headless Debian Chromium that reaches for nothing outside the site: no component updates,
# background networking, sync or first-run pages (chrome-launcher adds more of the same). Even
# so, Chromium 156 still tries a few Google addresses of its own (extension updates, network
# time, the accounts check; Debian's build carries an API key): the resolver rule answers every
# name but the site's as unknown at once, so nothing is looked up or sent, and no run waits on
# the closed network. Each run's net log lists what was tried (`browser_attempts`).
CHROME_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    f'--host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE {HOST}"',
]
# A run that takes longer than this is stuck (on a network it cannot reach, for instance).
RUN_TIMEOUT = 240
ATTEMPTS = 3
# Runs a page gets when its performance is below 100 (audit_page).
CONFIRM_RUNS = 3
RETRY_ERRORS = {"NO_NAVSTART", "NO_FCP", "NO_LCP"}


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--out",
        default=str(ROOT / "lighthouse-reports"),
        help="folder for the reports (default: lighthouse-reports/ in the project)",
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=1,
        help="runs per page, the median by performance counts (default: 1; a page below 100 "
        f"in performance gets {CONFIRM_RUNS} in any case)",
    )
    parser.add_argument(
        "--language",
        default="sv",
        choices=["sv", "en"],
        help="the pages in this language (default: sv, the site's first language)",
    )
    parser.add_argument(
        "--only",
        default="",
        help="comma-separated page names: " + ", ".join(name for name, _what in PAGES),
    )
    return parser.parse_args(argv)


def lighthouse(url, output_base):
    """One Lighthouse run: its report as a dict (the JSON beside the HTML at output_base) and
    the outside addresses Chromium tried, read from its net log.

    Lighthouse 12 with a newer Chromium now and then loses the start of its trace
    (NO_NAVSTART) and asks to be run again; it is, up to ATTEMPTS times.
    """
    net_log = Path(f"{output_base}.netlog.json")
    command = [
        NODE, str(LIGHTHOUSE), url,
        "--only-categories=" + ",".join(CATEGORIES),
        "--output=json", "--output=html", f"--output-path={output_base}",
        "--chrome-flags=" + " ".join([*CHROME_FLAGS, f"--log-net-log={net_log}"]),
        "--no-enable-error-reporting", "--quiet", "--locale=en-US",
    ]  # fmt: skip
    env = {**os.environ, "CHROME_PATH": CHROMIUM, "CI": "1"}
    for attempt in range(1, ATTEMPTS + 1):
        result = run_in_group(command, env)
        report_path = Path(f"{output_base}.report.json")
        report = json.loads(report_path.read_text()) if report_path.exists() else {}
        error = report.get("runtimeError", {}).get("code")
        if not result.returncode and report:
            return report, browser_attempts(net_log, url)
        if error in RETRY_ERRORS and attempt < ATTEMPTS:
            say(f"    Lighthouse: {error}, running again")
            continue
        raise RuntimeError(f"Lighthouse failed on {url}:\n{result.stderr[-2000:]}")


def run_in_group(command, env):
    """`command` in a process group of its own, stopped when the run times out or this script
    is: SIGINT first, on which chrome-launcher stops the Chromium it started in a group of its
    own, then SIGKILL for whatever is left."""
    process = subprocess.Popen(  # noqa: S603
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True,
    )  # fmt: skip
    try:
        stdout, stderr = process.communicate(timeout=RUN_TIMEOUT)
    except BaseException:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGINT)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=10)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def browser_attempts(net_log, url):
    """Hosts outside the site that Chromium tried to reach, from its net log (the resolver
    rule stops each before any lookup). The log is removed: it is large and says no more."""
    site = urlsplit(url).netloc
    text = net_log.read_text(errors="replace") if net_log.exists() else ""
    net_log.unlink(missing_ok=True)
    hosts = set()
    for address in re.findall(r'"url":"((?:https?|wss?)://[^"/?#]+)', text):
        host = urlsplit(address).netloc
        if host != site and host.lower() != "~notfound":
            hosts.add(host)
    return sorted(hosts)


def median(reports):
    """The (report, base) with the median performance score."""
    ordered = sorted(reports, key=lambda pair: performance(pair[0]))
    return ordered[len(ordered) // 2]


def performance(report):
    return report["categories"]["performance"]["score"] or 0


def audit_page(name, path, port, out, runs):
    """The result of auditing one page: scores, failures, outside requests, report name.

    Performance is the one score that varies from run to run, with what else the machine is
    doing: a page with a run below 100 is run again until there are CONFIRM_RUNS runs, and the
    run with the median performance counts, as Lighthouse's own guidance on variability advises.
    """
    origin = f"http://{HOST}:{port}"
    reports = []
    browser_hosts = set()
    run = 0
    while run < runs or (run < CONFIRM_RUNS and min(performance(r) for r, _ in reports) < 1):
        run += 1
        base = out / f"{name}-{run}"
        started = time.monotonic()
        report, attempts = lighthouse(origin + path, base)
        reports.append((report, base))
        browser_hosts.update(attempts)
        say(f"  {name} ({path}): run {run} in {time.monotonic() - started:.0f} s")
    report, base = median(reports)
    noindex = says_noindex(port, path)
    result = {
        "name": name,
        "path": path,
        "report": base.name,
        "scores": scores(report),
        "noindex": noindex,
        "outside": outside_requests(report, origin),
        "browser_attempts": sorted(browser_hosts),
        "failing": {},
        "problems": [],
    }
    for category in CATEGORIES:
        score = result["scores"][category]
        if score is None or score < 100:
            result["failing"][category] = failing_audits(report, category)
            if not (category == "seo" and noindex):
                result["problems"].append(f"{category} {score}")
    if result["outside"]:
        result["problems"].append("requests outside the site")
    if len(reports) > 1:
        result["performance_runs"] = [round(100 * performance(r)) for r, _base in reports]
    # Lighthouse's own warnings, such as a CPU slower than it expects (its benchmark index
    # below 1000: other work on the machine), which lowers the performance score.
    result["warnings"] = sorted(
        {" ".join(warning.split()) for r, _base in reports for warning in r["runWarnings"]}
    )
    result["cpu"] = [round(r["environment"]["benchmarkIndex"]) for r, _base in reports]
    return result


def lighthouse_version():
    package = json.loads((LIGHTHOUSE.parent.parent / "package.json").read_text())
    return package["version"]


def commit():
    git = shutil.which("git") or "git"
    described = subprocess.run(  # noqa: S603
        [git, "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True
    )
    return described.stdout.strip() or "unknown"


def chromium_version():
    version = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True)  # noqa: S603
    return version.stdout.strip()


def stop_on_signal(signum, _frame):
    """SIGTERM and SIGHUP end the run as Ctrl-C does, so that gunicorn and the throwaway
    database go with it."""
    raise KeyboardInterrupt(signal.Signals(signum).name)


def main(argv=None):
    args = parse_args(argv)
    if args.runs < 1:
        say("--runs: at least 1")
        return 2
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, stop_on_signal)
    if not LIGHTHOUSE.exists():
        say("Lighthouse is not installed: run `make lighthouse` (it runs npm ci first).")
        return 2
    if not Path(CHROMIUM).exists():
        say(f"Debian's Chromium is missing at {CHROMIUM}: run `make chromium`.")
        return 2
    wanted = [token.strip() for token in args.only.split(",") if token.strip()]
    known = [name for name, _what in PAGES]
    if unknown := [name for name in wanted if name not in known]:
        say(f"--only: no page named {', '.join(unknown)} (known: {', '.join(known)})")
        return 2
    out = Path(args.out).resolve()
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    workdir = Path(tempfile.mkdtemp(prefix="klimathubben-lighthouse-"))
    port = free_port()
    env = server_env(workdir, port)
    (workdir / "media" / "images").mkdir(parents=True)
    say(f"Demo site in {workdir} (log: {out / 'server.log'})")
    try:
        with open(out / "server.log", "w") as log:
            pages = prepare(env, args.language, log)
            missing = [name for name in known if name not in pages]
            if missing:
                say(f"The demo content has no page for: {', '.join(missing)}")
                return 1
            with Gunicorn(env, port, log):
                say(f"gunicorn on http://{HOST}:{port}/; Lighthouse {lighthouse_version()}")
                # Every page once before it is measured, as a visited site has them cached and
                # their renditions made.
                for name in wanted or known:
                    get(port, pages[name])
                results = [
                    audit_page(name, pages[name], port, out, args.runs) for name in wanted or known
                ]
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    summary = (
        f"Lighthouse {lighthouse_version()}, {chromium_version()}, mobile profile, "
        f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, commit {commit()}"
        f"\n\n{table(results)}\n"
    )
    (out / "summary.md").write_text(summary)
    say()
    say(summary)
    say(f"Reports (JSON and HTML per page) and summary.md: {out}")
    problems = [f"{r['name']}: {', '.join(r['problems'])}" for r in results if r["problems"]]
    if problems:
        say("Below 100: " + "; ".join(problems))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
