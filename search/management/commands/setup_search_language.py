from django.core.management import BaseCommand
from django.db import connection

from search.textsearch import ensure_configurations


class Command(BaseCommand):
    help = (
        "Create or refresh the PostgreSQL text search configurations (Swedish with compound "
        "splitting where the dictionary is installed). Migrations run it; run it again after "
        "installing the dictionary."
    )

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            self.stdout.write("Not PostgreSQL: nothing to set up.")
            return
        if ensure_configurations(connection):
            self.stdout.write(self.style.SUCCESS("Swedish search splits compound words."))
        else:
            self.stdout.write(
                self.style.WARNING(
                    "Swedish search uses the plain 'swedish' configuration (no dictionary)."
                )
            )
