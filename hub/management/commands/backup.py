from django.core.management import BaseCommand
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

from hub.backups import archive_path, create_backup


class Command(BaseCommand):
    help = (
        "Write the database and the uploaded files (renditions left out) into one archive, "
        "backups/klimathubben-<time>.tar.gz unless --output names another file or folder."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", help="The archive to write (.tar.gz), or a folder to write it in."
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, output=None, database=DEFAULT_DB_ALIAS, **options):
        now = timezone.now()
        output = archive_path(output, now)
        manifest = create_backup(output, connections[database], now)
        counts = manifest["counts"]
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written to {output}: {counts.get('wagtailcore_page', 0)} pages, "
                f"{counts.get('wagtailcore_revision', 0)} revisions, "
                f"{manifest['media']['files']} files ({manifest['media']['bytes']} bytes)."
            )
        )
