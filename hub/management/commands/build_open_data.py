import time

from django.core.management import BaseCommand

from hub.open_data.building import build_all


class Command(BaseCommand):
    help = (
        "Build the open-data files (case studies and events as CSV, XLSX and JSON in every "
        "language) now. The task worker rebuilds them by itself when content is published."
    )

    def handle(self, *args, **options):
        started = time.monotonic()

        def progress(built):
            if options["verbosity"] > 0:
                self.stdout.write(
                    f"  {built.dataset} ({built.language}): {built.rows} rows, "
                    f"{built.seconds:.1f} s"
                )

        report = build_all(progress=progress)
        if options["verbosity"] > 0:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Built {len(report)} datasets in {time.monotonic() - started:.1f} s."
                )
            )
