from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.search.utils import normalise_query_string


class UnansweredQuery(models.Model):
    """A query that found nothing, counted, so editors see what visitors miss.

    Frequent queries in general are counted by wagtail.contrib.search_promotions' Query model.
    """

    query_string = models.CharField(_("query"), max_length=255)
    language = models.CharField(_("language"), max_length=10)
    hits = models.PositiveIntegerField(_("searches"), default=0)
    last_searched_at = models.DateTimeField(_("last searched"))

    class Meta:
        verbose_name = _("query without results")
        verbose_name_plural = _("queries without results")
        constraints = [
            models.UniqueConstraint(
                fields=["query_string", "language"], name="unique_unanswered_query"
            )
        ]

    def __str__(self):
        return self.query_string

    @classmethod
    def record(cls, query_string, language):
        query_string = normalise_query_string(query_string)[:255]
        now = timezone.now()
        entry, _created = cls.objects.get_or_create(
            query_string=query_string, language=language, defaults={"last_searched_at": now}
        )
        cls.objects.filter(pk=entry.pk).update(hits=F("hits") + 1, last_searched_at=now)
