"""Import benchmark: how long `import_case_studies` takes for a 500-row and a 5,000-row file.

    scripts/with-postgres .venv/bin/python bench/import.py [--sizes 500 5000 --seed 1]

It creates the `klimathubben` database on the throwaway cluster `scripts/with-postgres` starts,
migrates it, adds a case study library, themes and partners, writes a CSV file of each size
with generated Swedish rows, and times, for each file: the dry run, the import as drafts, the
same file again (every row unchanged), and the task worker's run of the search and reference
index updates the import queued. It refuses to touch a database that holds pages of its own,
like bench/search.py. See bench/README.md.
"""

import argparse
import csv
import io
import os
import random
import sys
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"

THEMES = [
    ("klimatkontrakt", "Klimatkontrakt"),
    ("industriell-symbios", "Industriell symbios"),
    ("energicoachning", "Energicoachning"),
    ("grona-resplaner", "Gröna resplaner"),
]
PARTNERS = ["Energimyndigheten", "Länsstyrelsen", "RISE", "Energikontor Syd"]
TOPICS = ["solceller", "biogas", "cykelpendling", "matsvinn", "fjärrvärme", "laddstolpar"]


def say(text=""):
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5000])
    parser.add_argument("--seed", type=int, default=1)
    return parser.parse_args()


def vocabulary():
    """A library below the home page, with the themes and partners the rows name."""
    from wagtail.models import Locale, Page

    from casestudies.models import CaseStudyIndexPage
    from hub.models import Organisation, Theme

    sv = Locale.objects.get(language_code="sv")
    for slug, name in THEMES:
        Theme.objects.get_or_create(slug=slug, locale=sv, defaults={"name": name})
    for name in PARTNERS:
        Organisation.objects.get_or_create(name=name, defaults={"kind": "authority"})
    library = CaseStudyIndexPage.objects.filter(locale=sv).first()
    if library is None:
        home = Page.objects.get(depth=2, locale=sv).specific
        library = home.add_child(instance=CaseStudyIndexPage(title="Exempel", slug="exempel"))
    return library


def rows_file(count, prefix, rng):
    """A CSV file of `count` generated rows, the way a network's spreadsheet looks."""
    from hub.models import Municipality

    places = list(Municipality.objects.values_list("code", "name"))
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(
        ["external_id", "title", "summary", "municipalities", "themes", "partners"]
        + ["start_year", "end_year", "status", "key_figures", "links", "tags"]
    )
    for number in range(1, count + 1):
        code, name = rng.choice(places)
        topic = rng.choice(TOPICS)
        start = rng.randint(2005, 2024)
        completed = rng.random() < 0.4
        writer.writerow(
            [
                f"{prefix}-{number:05d}",
                f"{topic.capitalize()} i {name} ({number})",
                f"{name} arbetar med {topic} tillsammans med lokala företag och föreningar.",
                code if rng.random() < 0.7 else name,
                "; ".join(slug for slug, _name in rng.sample(THEMES, rng.randint(1, 2))),
                rng.choice(PARTNERS) if rng.random() < 0.5 else "",
                start,
                start + rng.randint(0, 4) if completed else "",
                "completed" if completed else "ongoing",
                f"{rng.randint(2, 400)} | st | deltagare",
                f"Projektets webbplats | https://example.org/{prefix}/{number}",
                f"{topic}; samverkan",
            ]
        )
    return text.getvalue().encode()


def timed(work):
    started = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - started
    return result, seconds


def run_worker():
    from django.core.management import call_command

    call_command(
        "db_worker", batch=True, startup_delay=False, interval=0, reload=False, verbosity=0
    )


def main():
    args = parse_args()
    import django

    from bench.search import Refused, database_settings, ensure_database, refuse_real_content

    try:
        config = database_settings()
        ensure_database(config)
        django.setup()
        refuse_real_content(config)
    except Refused as refusal:
        sys.stderr.write(f"{refusal}\n")
        sys.exit(2)
    from django.core.management import call_command

    from casestudies.importing.importer import import_file

    call_command("migrate", verbosity=0)
    library = vocabulary()
    rng = random.Random(args.seed)  # noqa: S311  reproducible content, not secrets
    say(f"{'rows':>6} {'dry run':>9} {'import':>9} {'rows/s':>7} {'again':>9} {'indexing':>9}")
    for size in args.sizes:
        data = rows_file(size, f"bench{size}", rng)
        dry, dry_seconds = timed(partial(import_file, "b.csv", data, library, dry_run=True))
        assert not dry.problems, dry.problems[:5]  # noqa: S101  the generated file is valid
        first, seconds = timed(partial(import_file, "b.csv", data, library))
        again, again_seconds = timed(partial(import_file, "b.csv", data, library))
        _none, index_seconds = timed(run_worker)
        assert first.counts()["new"] == size and again.counts()["unchanged"] == size  # noqa: S101
        say(
            f"{size:>6} {dry_seconds:>8.1f}s {seconds:>8.1f}s {size / seconds:>7.0f} "
            f"{again_seconds:>8.1f}s {index_seconds:>8.1f}s"
        )


if __name__ == "__main__":
    main()
