from django.core.management import BaseCommand, call_command
from django.utils.module_loading import import_string

from hub.demo import DemoLoader

# Each step loads one part of the demo; later steps may refer to what earlier ones made.
STEPS = [
    "hub.demo.taxonomy.load",
    "hub.demo.site.load",
    "hub.demo.images.load",
    "casestudies.demo.load",
    "events.demo.load",
    "hub.demo.newsletters.load",
    "hub.demo.desk.load",
]


class Command(BaseCommand):
    help = "Build the page tree and demo content in Swedish and English. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--skip-index",
            action="store_true",
            help="Do not rebuild the search and reference indexes afterwards.",
        )

    def handle(self, *args, skip_index=False, **options):
        loader = DemoLoader(stdout=self.stdout if options["verbosity"] > 1 else None)
        for step in STEPS:
            self.stdout.write(f"Loading {step.removesuffix('.load')}...")
            import_string(step)(loader)
        if not skip_index:
            call_command("update_index", verbosity=0)
            call_command("rebuild_references_index", verbosity=0)
        call_command("build_open_data", verbosity=0)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content ready: {loader.created} objects created, "
                f"{loader.translated} translations made."
            )
        )
