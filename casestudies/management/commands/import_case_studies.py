"""manage.py import_case_studies FILE [--dry-run] [--publish] [--locale sv | --parent ID]"""

import time
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from wagtail.models import Locale

from casestudies.importing.importer import import_file
from casestudies.importing.reading import MAX_BYTES
from casestudies.models import CaseStudyIndexPage

BAR_WIDTH = 30


class Command(BaseCommand):
    help = (
        "Import case studies from a CSV or XLSX file (columns in docs/import.md). Every row is "
        "checked first; a file with any problem writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Show what would change.")
        parser.add_argument(
            "--publish", action="store_true", help="Publish the pages (default: drafts)."
        )
        parser.add_argument(
            "--locale", default="sv", help="The language whose case study library takes them."
        )
        parser.add_argument("--parent", type=int, help="The id of the case study library.")
        parser.add_argument("--user", help="The username the revisions are saved by.")

    def handle(self, *args, file, dry_run, publish, locale, parent, user, **options):
        self.verbosity = options["verbosity"]
        library = self.library(parent, locale)
        if user:
            user = get_user_model().objects.filter(username=user).first()
            if user is None:
                raise CommandError("No such user.")
        if not file.is_file():
            raise CommandError(f"{file} is not a file.")
        if file.stat().st_size > MAX_BYTES:
            raise CommandError(f"{file} is larger than {MAX_BYTES // (1024 * 1024)} MB.")
        started = time.perf_counter()
        report = import_file(
            file.name,
            file.read_bytes(),
            library,
            user=user,
            dry_run=dry_run,
            publish=publish,
            progress=self.draw_progress,
        )
        seconds = time.perf_counter() - started
        for problem in report.problems:
            where = f"row {problem.row}" if problem.row else "file"
            column = f", {problem.column}" if problem.column else ""
            self.stderr.write(f"{where}{column}: {problem.message}")
        if report.refused:
            raise CommandError(f"{len(report.problems)} problems; nothing was written.")
        if self.verbosity > 1 or dry_run:
            for row in report.rows:
                if row.action != "unchanged":
                    changed = f" ({', '.join(row.changed)})" if row.action == "updated" else ""
                    self.stdout.write(f"row {row.row} {row.external_id}: {row.action}{changed}")
        counts = ", ".join(f"{count} {action}" for action, count in report.counts().items())
        verb = "Would import" if dry_run else "Imported"
        self.stdout.write(f"{verb} {report.total} rows in {seconds:.1f} s: {counts}.")

    def library(self, parent, locale):
        libraries = CaseStudyIndexPage.objects.all()
        if parent:
            library = libraries.filter(pk=parent).first()
        else:
            found = Locale.objects.filter(language_code=locale).first()
            library = found and libraries.filter(locale=found).first()
        if library is None:
            raise CommandError("No case study library found; name one with --parent ID.")
        return library

    def draw_progress(self, done, total):
        if self.verbosity < 1 or not total:
            return
        filled = BAR_WIDTH * done // total
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        ending = "\n" if done >= total else ""
        self.stdout.write(f"\r[{bar}] {done}/{total} rows written", ending=ending)
        self.stdout.flush()
