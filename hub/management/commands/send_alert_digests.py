"""Queue the digest of every alert whose week or month has ended; the task worker sends them.

Run it from cron or a systemd timer (docs/deployment.md); running it more often than needed,
or twice, sends nobody anything twice.
"""

from django.core.management.base import BaseCommand

from hub.newsletters.tasks import enqueue_due_digests


class Command(BaseCommand):
    help = "Queue the e-mail digests of alerts whose period has ended, for the task worker."

    def handle(self, *args, **options):
        queued = enqueue_due_digests()
        if options["verbosity"] > 0:
            self.stdout.write(f"{queued} alert digests queued.")
