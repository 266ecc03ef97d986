"""Abstract building blocks for taxonomies and for linking pages to them."""

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField


class TranslatableTerm(TranslatableMixin, index.Indexed, models.Model):
    """A term named per language, with a slug shared by every language for use in addresses."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        help_text=_("Used in addresses and filters; the same in every language."),
    )
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(
        _("order"),
        default=0,
        validators=[MaxValueValidator(999)],
        help_text=_("From 0 to 999; lower comes first."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("slug"),
        SynchronizedField("sort_order"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        # The admin's listings and choosers show one language at a time, and sort their
        # search results by these columns.
        index.FilterField("locale"),
        index.FilterField("name"),
        index.FilterField("slug"),
        index.FilterField("sort_order"),
    ]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["sort_order", "name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self):
        return self.name


class ThemeLink(TranslatableMixin, Orderable):
    """A page's theme. Translatable, so a translated page links the translated theme."""

    theme = models.ForeignKey(
        "hub.Theme", on_delete=models.CASCADE, related_name="+", verbose_name=_("theme")
    )

    panels = [FieldPanel("theme")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        abstract = True
        verbose_name = _("theme")


class ContactLink(TranslatableMixin, Orderable):
    """A person linked to a page. Translatable, so a translated page shows the translated role."""

    contact = models.ForeignKey(
        "hub.Contact", on_delete=models.CASCADE, related_name="+", verbose_name=_("contact")
    )

    panels = [FieldPanel("contact")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        abstract = True
        verbose_name = _("contact")


def linked_themes(links):
    """The themes behind a page's theme links, in one query."""
    return [link.theme for link in links.select_related("theme")]


def linked_contacts(links):
    """The people behind a page's contact links, with their workplaces, in one query."""
    related = links.select_related("contact__organisation", "contact__municipality")
    return [link.contact for link in related]
