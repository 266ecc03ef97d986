from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from search.statistics import prune


class Command(BaseCommand):
    help = (
        "Delete search statistics older than --days and the oldest rows past --max-rows in each "
        "table (search terms, their daily hits, searches without results)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=settings.SEARCH_STATISTICS_DAYS)
        parser.add_argument("--max-rows", type=int, default=settings.SEARCH_STATISTICS_MAX_ROWS)

    def handle(self, *args, days, max_rows, **options):
        if days < 1 or max_rows < 0:
            raise CommandError("--days must be at least 1 and --max-rows at least 0.")
        for name, count in prune(days, max_rows).items():
            self.stdout.write(f"{name}: {count} deleted")
