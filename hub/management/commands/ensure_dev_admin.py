from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import BaseCommand, CommandError

USERNAME = "admin"
PASSWORD = "klimathubben"  # noqa: S105 - local development only, refused when DEBUG is off


class Command(BaseCommand):
    help = "Create the local development superuser admin / klimathubben (only when DEBUG is on)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Refusing to create a development admin while DEBUG is off.")
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=USERNAME,
            defaults={"email": "admin@example.org", "is_staff": True, "is_superuser": True},
        )
        if created:
            user.set_password(PASSWORD)
            user.save()
            self.stdout.write(f"Created the development admin '{USERNAME}'.")
        else:
            self.stdout.write(f"The development admin '{USERNAME}' exists already.")
