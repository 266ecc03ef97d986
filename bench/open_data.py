"""Open-data benchmark: how long building the files takes with a realistic amount of content.

    scripts/with-postgres .venv/bin/python bench/open_data.py \
        [--case-studies 10000 --events 2000 --issues 300 --seed 1 --repeat 2]

Migrates a throwaway database, fills it with generated pages (bench/generate.py, the same
content as the search benchmark), then runs `build_open_data` `--repeat` times and reports
each dataset's time per language, the files' sizes, and the process's peak memory. It refuses
to touch a database that holds pages of its own. See bench/README.md.
"""

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, this folder would come first on the path, and its search.py hide the app.
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))

# Also sets the benchmark's settings (bench/settings.py).
from bench.search import (  # noqa: E402
    Refused,
    database_settings,
    ensure_database,
    note,
    refuse_real_content,
    say,
)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case-studies", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=2_000)
    parser.add_argument("--issues", type=int, default=300)
    parser.add_argument("--english", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=2)
    return parser.parse_args()


def run(args):
    from django.core.management import call_command
    from django.db import connection

    from bench.generate import Generator
    from hub.models import OpenDataFile
    from hub.open_data.building import build_all

    call_command("migrate", interactive=False, verbosity=0)
    started = time.perf_counter()
    Generator(args.seed, english_share=args.english).run(
        args.case_studies, args.events, args.issues
    )
    note(f"Generated in {time.perf_counter() - started:.1f} s")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    for attempt in range(1, args.repeat + 1):
        started = time.perf_counter()
        report = build_all()
        total = time.perf_counter() - started
        say(f"Build {attempt}: {total:.1f} s")
        for built in report:
            say(f"  {built.dataset} ({built.language}): {built.rows} rows, {built.seconds:.1f} s")
    say("Files:")
    for row in OpenDataFile.objects.order_by("dataset", "language", "format"):
        say(f"  {row.dataset} {row.language} {row.format}: {row.size / 1_000_000:.1f} MB")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    say(f"Peak memory of the process (generation included): {peak:.0f} MB")


def main():
    args = parse_args()
    try:
        config = database_settings()
        created = ensure_database(config)
        import django

        django.setup()
        if created:
            note(f"Created the database {config['NAME']}")
        refuse_real_content(config)
    except Refused as refusal:
        note(str(refusal))
        return 2
    run(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
