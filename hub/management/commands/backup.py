from django.core.management import BaseCommand
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

from hub.backups import create_backup, default_path


class Command(BaseCommand):
    help = (
        "Write the database and the uploaded files (renditions left out) into one archive, "
        "backups/klimathubben-<time>.tar.gz unless --output names another."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", help="Where to write the archive (.tar.gz).")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, output=None, database=DEFAULT_DB_ALIAS, **options):
        now = timezone.now()
        output = output or default_path(now)
        manifest = create_backup(output, connections[database], now)
        counts = manifest["counts"]
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written to {output}: {counts.get('wagtailcore_page', 0)} pages, "
                f"{counts.get('wagtailcore_revision', 0)} revisions, "
                f"{manifest['media']['files']} files ({manifest['media']['bytes']} bytes)."
            )
        )
