from django.core.management import BaseCommand, CommandError

from hub import personal_data


class Command(BaseCommand):
    help = (
        "Erase everything the hub holds about one e-mail address (any letter case): the "
        "newsletter subscriber and its deliveries, and contacts (taken off the pages that show "
        "them). Admin accounts are listed, and removed in the admin."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )

    def handle(self, *args, email, interactive=True, **options):
        try:
            held = personal_data.export(email)
        except ValueError as error:
            raise CommandError(error) from error
        email = held["email"]
        subscribers = len(held["newsletter_subscribers"])
        contacts = len(held["contacts"])
        self.stdout.write(
            f"{email}: {subscribers} newsletter subscriber(s), {contacts} contact(s) "
            f"(in all languages), {len(held['admin_accounts'])} admin account(s)."
        )
        if interactive and (subscribers or contacts):
            answer = input("Erase them for good? Type 'yes' to go on: ")
            if answer != "yes":
                raise CommandError("Nothing was erased.")
        erased = personal_data.erase(email)
        self.stdout.write(
            "Erased {newsletter_subscribers} subscriber(s) with {deliveries} delivery record(s), "
            "{contacts} contact(s) shown on {page_links} page(s), and the names in "
            "{history_entries} history entries.".format(**erased)
        )
        for account in held["admin_accounts"]:
            self.stdout.write(
                f"The admin account '{account['username']}' has this address: deactivate or "
                "delete it in the admin (Settings → Users)."
            )
