from django.conf import settings
from django.core.management import BaseCommand, call_command
from django.db import DEFAULT_DB_ALIAS, connections

from hub.backups import restore_backup
from hub.versions import new_version


class Command(BaseCommand):
    help = (
        "Restore an archive of `manage.py backup` into an empty database and media folder, "
        "then apply the migrations that the archive predates."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar.gz that `manage.py backup` wrote.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace what the database holds, and write over media files of the same name.",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, archive, force=False, database=DEFAULT_DB_ALIAS, **options):
        connection = connections[database]
        manifest = restore_backup(archive, connection, settings.MEDIA_ROOT, force=force)
        self.stdout.write(
            f"Restored the database of {manifest['created_at']} and "
            f"{manifest['media']['restored']} files; applying newer migrations..."
        )
        call_command("migrate", database=database, interactive=False, verbosity=0)
        # Every worker forgets what it remembered of the content before the restore.
        new_version()
        counts = manifest["counts"]
        self.stdout.write(
            self.style.SUCCESS(
                f"Restore done: {counts.get('wagtailcore_page', 0)} pages, "
                f"{counts.get('wagtailcore_revision', 0)} revisions, "
                f"{counts.get('wagtaildocs_document', 0)} documents, "
                f"{counts.get('wagtailimages_image', 0)} images."
            )
        )
