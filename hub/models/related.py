"""Pages that editors choose to show alongside a page, in the order they chose them."""

from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import PageChooserPanel
from wagtail.coreutils import resolve_model_string
from wagtail.models import Orderable, Page, PageViewRestriction

from hub.versions import remember


class RelatedPageChooserPanel(PageChooserPanel):
    """A page chooser that offers only the type of page its row's model relates."""

    def on_model_bound(self):
        super().on_model_bound()
        self.page_type = self.model.page_type
        if self.heading == "":
            self.heading = capfirst(self.model.page_model()._meta.verbose_name)


class RelatedPage(Orderable):
    """One page chosen to show alongside another.

    A subclass adds the `page` ParentalKey and names the type of page that may be chosen in
    `page_type`, as an "app_label.Model" string, so that an app can relate another app's pages
    without importing it.
    """

    page_type = "wagtailcore.Page"

    related = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )

    panels = [RelatedPageChooserPanel("related")]

    class Meta(Orderable.Meta):
        abstract = True

    @classmethod
    def page_model(cls):
        return resolve_model_string(cls.page_type)

    def clean(self):
        super().clean()
        # The chooser offers only the right type; a hand-made form post could name any page.
        if self.related_id and not issubclass(
            self.related.specific_class or Page, self.page_model()
        ):
            raise ValidationError(
                {
                    "related": _("The chosen page is not of the type %(type)s.")
                    % {"type": self.page_model()._meta.verbose_name}
                }
            )


def first_rows_of_each(groups, limit):
    """(kind, value) for the first `limit` rows of each (kind, one-column queryset), in one
    statement: each part is an index range of its own, however large its table."""
    parts, params = [], []
    for kind, queryset in groups:
        sql, part_params = queryset[:limit].query.sql_with_params()
        parts.append(f"SELECT {int(kind)} AS kind, part.* FROM ({sql}) part")  # noqa: S608
        params.extend(part_params)
    if not parts:
        return []
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        return cursor.fetchall()


def restricted_paths():
    """The tree paths of the pages with a view restriction, remembered per content version."""
    return remember(
        ("restricted paths",),
        lambda: tuple(
            PageViewRestriction.objects.values_list("page__path", flat=True).order_by("page__path")
        ),
    )


def in_private_section():
    """Whether a page is in a private section, as Wagtail's `public()` asks.

    `queryset.exclude(in_private_section())` where Wagtail's `public()` reads every restriction
    each time it is called; this reads them once per content version.
    """
    private = Q(pk__in=[])
    for path in restricted_paths():
        private |= Q(path__startswith=path)
    return private


def related_pages(page, relation, queryset=None):
    """The live, public pages chosen in `relation` (a `RelatedPage` child relation of `page`).

    Each is the chosen page's translation in `page`'s language where that is live, else the
    chosen page; `page` itself and repeats are left out, and the editors' order is kept.
    `queryset` (of the relation's page type) says what to fetch with the pages, for cards.

    Reads the rows through the relation rather than a subquery on it: in a preview they are
    the edit form's unsaved rows, held in memory.
    """
    chosen = [row.related for row in relation.select_related("related")]
    if not chosen:
        return []
    if queryset is None:
        queryset = relation.model.page_model().objects.all()
    candidates = (
        queryset.live()
        .exclude(in_private_section())
        .filter(translation_key__in={choice.translation_key for choice in chosen})
        .filter(Q(locale_id=page.locale_id) | Q(pk__in=[choice.pk for choice in chosen]))
    )
    by_pk = {candidate.pk: candidate for candidate in candidates}
    translated = {
        candidate.translation_key: candidate
        for candidate in by_pk.values()
        if candidate.locale_id == page.locale_id
    }
    pages, seen = [], {page.pk}
    for choice in chosen:
        shown = translated.get(choice.translation_key) or by_pk.get(choice.pk)
        if shown is not None and shown.pk not in seen:
            seen.add(shown.pk)
            pages.append(shown)
    return pages


def cards_by_id(queryset, ids):
    """{id: page} of the pages of `queryset` with these ids, as cards (their type's
    `for_cards()`), in one query; ids no longer in `queryset` are left out."""
    return queryset.filter(pk__in=ids).for_cards().in_bulk() if ids else {}


def cards_in_order(queryset, ids):
    """The pages of `queryset` with these ids as cards, in the order of `ids`."""
    cards = cards_by_id(queryset, ids)
    return [cards[pk] for pk in ids if pk in cards]
