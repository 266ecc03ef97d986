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


class PageFacets(models.Model):
    """What the search page sorts one page by, kept with its facet keys (`FacetKey`).

    Derived from the page when it is indexed, published, unpublished or moved
    (`search.facetkeys`), so a search neither joins each page type's table for a date nor
    reads the link tables to count or filter.
    """

    page = models.OneToOneField(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_facets",
    )
    date = models.DateTimeField(_("date"), null=True, db_index=True)

    class Meta:
        verbose_name = _("facets of a page")
        verbose_name_plural = _("facets of pages")

    def __str__(self):
        return str(self.page_id)


class FacetKey(models.Model):
    """One value a page can be filtered on: "type:12", "year:2024", "theme:3", "county:7"."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    key = models.CharField(_("key"), max_length=40)

    class Meta:
        verbose_name = _("facet key")
        verbose_name_plural = _("facet keys")
        constraints = [
            # Also the index that reads a page's keys.
            models.UniqueConstraint(fields=["page", "key"], name="unique_facet_key")
        ]
        indexes = [models.Index(fields=["key", "page"], name="search_facetkey_key_page")]

    def __str__(self):
        return self.key
