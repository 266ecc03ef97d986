"""The state of the published content, as one row that changes whenever editors change it."""

from uuid import uuid4

from django.db import models


class ContentVersion(models.Model):
    """A new token each time a page, tag, term or restriction changes (see hub/versions.py).

    One row, read once a request: what a worker remembers about the content (routes, menus,
    counts) holds for as long as the token it remembered it under is current. A token rather
    than a counter, so that a rolled-back change cannot bring back a number already used.
    """

    token = models.UUIDField(default=uuid4)

    class Meta:
        verbose_name = "content version"

    def __str__(self):
        return str(self.token)
