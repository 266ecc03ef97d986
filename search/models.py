from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class UnansweredQuery(models.Model):
    """A query that found nothing, counted once a day per visitor, so editors see what
    visitors miss (search/statistics.py).

    Frequent queries in general are counted by wagtail.contrib.search_promotions' Query model.
    """

    query_string = models.CharField(_("query"), max_length=255)
    language = models.CharField(_("language"), max_length=10)
    hits = models.PositiveIntegerField(_("searches"), default=0)
    # Indexed for the day's cap on new queries and for pruning (search/statistics.py).
    last_searched_at = models.DateTimeField(_("last searched"), db_index=True)

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


class TextVectorField(SearchVectorField):
    """A tsvector on PostgreSQL, which alone fills it; an always empty text column elsewhere."""

    def db_type(self, connection):
        return super().db_type(connection) if connection.vendor == "postgresql" else "text"


class EntryColumns(models.Model):
    """What a search selects a page by and ranks its title with: the columns of a search entry
    and of its copy without the body, so that the same conditions select from either."""

    # Not indexed: on PostgreSQL a scan of most entries through such an index, testing each
    # entry's body, costs more than the planner thinks (search/backends/candidates.py).
    locale = models.ForeignKey(
        "wagtailcore.Locale",
        on_delete=models.CASCADE,
        related_name="+",
        null=True,
        db_index=False,
    )
    content_type = models.ForeignKey(
        "contenttypes.ContentType",
        on_delete=models.CASCADE,
        related_name="+",
        null=True,
        db_index=False,
    )
    live = models.BooleanField(_("live"), default=False)
    date = models.DateTimeField(_("date"), null=True)
    # The page's facet keys ("type:12 year:2024 theme:3"), counted over a search's candidates.
    keys = models.TextField(_("keys"), blank=True)
    title = TextVectorField(null=True)
    title_norm = models.FloatField(default=1.0)

    class Meta:
        abstract = True

    def __str__(self):
        return str(self.page_id)


class SearchEntry(EntryColumns):
    """What the search page finds, filters, counts and sorts one page by.

    Derived from the page when it is indexed, published, unpublished or moved
    (`search.facetkeys`). Keyed by the page's integer id, it carries the language, whether the
    page is live, its content type, its facet keys and its date, so a search neither joins
    `wagtailcore_page` nor reads link tables. On PostgreSQL it also holds copies of the
    page's title and body vectors from the search index, and `SearchEntryTitle` a copy of
    the entry without its body (docs/search.md, "Speed").
    """

    page = models.OneToOneField(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_entry",
    )
    # Newest first sorts on it.
    date = models.DateTimeField(_("date"), null=True, db_index=True)
    body = TextVectorField(null=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")


class SearchEntryTitle(EntryColumns):
    """A search entry without its body, written beside it (PostgreSQL only).

    A broad word is in thousands of titles, all of which are read and ranked to find the
    likeliest matches (search/backends/candidates.py). PostgreSQL moves a body out of the
    row only when the row passes about 2 kB, so a body shorter than that made each entry's
    row three times as wide as what that step reads: here it reads 434 table pages for
    "klimat" at 10,000 case studies instead of 1,121, and the statement takes 2 ms less.
    """

    page = models.OneToOneField(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("search entry title")
        verbose_name_plural = _("search entry titles")


class FacetKey(models.Model):
    """One value a page can be filtered on: "type:12", "year:2024", "theme:3", "county:7".

    The same keys as `SearchEntry.keys`, one row each, for the (key, page) index that filters."""

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
