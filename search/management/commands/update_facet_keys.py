from django.core.management.base import BaseCommand

from search.facetkeys import refresh_all


class Command(BaseCommand):
    help = "Derive every page's search entry and facet keys again (update_index does this too)."

    def handle(self, *args, **options):
        refresh_all()
