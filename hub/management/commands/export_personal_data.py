import json

from django.core.management import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder

from hub import personal_data


class Command(BaseCommand):
    help = (
        "Export, as JSON, everything the hub holds about one e-mail address (any letter case): "
        "newsletter subscription and deliveries, contacts and the pages that show them, "
        "admin accounts."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--output", help="Write to this file instead of standard output.")

    def handle(self, *args, email, output=None, **options):
        try:
            data = personal_data.export(email)
        except ValueError as error:
            raise CommandError(error) from error
        text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        if output:
            with open(output, "w", encoding="utf-8") as file:
                file.write(text + "\n")
        else:
            self.stdout.write(text)
