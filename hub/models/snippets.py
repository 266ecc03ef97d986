"""The shared taxonomy: where, who and what every piece of content is about."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from hub import indexing
from hub.models.terms import TranslatableTerm


class County(index.Indexed, models.Model):
    """One of Sweden's 21 counties (län), with its official two-digit code."""

    code = models.CharField(
        _("county code"),
        max_length=2,
        unique=True,
        validators=[RegexValidator(r"^\d{2}$", _("A county code is two digits."))],
    )
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    panels = [FieldPanel("name"), FieldPanel("code"), FieldPanel("slug")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        # The admin's listing sorts its search results by these columns.
        index.FilterField("name"),
        index.FilterField("code"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("county")
        verbose_name_plural = _("counties")

    def __str__(self):
        return self.display_name

    @property
    def english_name(self):
        """'Värmlands län' is 'Värmland County' in English; the genitive s goes with 'län'."""
        base = self.name.removesuffix(" län")
        return f"{base.removesuffix('s')} County"

    @property
    def display_name(self):
        return self.english_name if get_language() == "en" else self.name


class Municipality(index.Indexed, models.Model):
    """One of Sweden's 290 municipalities, with its official four-digit code."""

    code = models.CharField(
        _("municipality code"),
        max_length=4,
        unique=True,
        validators=[RegexValidator(r"^\d{4}$", _("A municipality code is four digits."))],
        help_text=_("The official code from Statistics Sweden; it starts with the county code."),
    )
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    county = models.ForeignKey(
        County, on_delete=models.PROTECT, related_name="municipalities", verbose_name=_("county")
    )

    panels = [FieldPanel("name"), FieldPanel("code"), FieldPanel("county"), FieldPanel("slug")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("code"),
        index.AutocompleteField("code"),
        # The admin's listing filters by county and sorts its search results by name and code.
        index.FilterField("county"),
        index.FilterField("name"),
        index.FilterField("code"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("municipality_detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.code and self.county_id and not self.code.startswith(self.county.code):
            raise ValidationError(
                {"code": _("The code must start with the county code %s.") % self.county.code}
            )
        if not self.slug and self.name:
            self.slug = slugify(self.name)


class Organisation(index.Indexed, models.Model):
    """A partner: a company, an association, an authority, a university..."""

    class Kind(models.TextChoices):
        COMPANY = "company", _("Company")
        INDUSTRY_ASSOCIATION = "industry_association", _("Industry association")
        AUTHORITY = "authority", _("Government agency")
        REGION = "region", _("Region")
        MUNICIPAL_COMPANY = "municipal_company", _("Municipal company")
        UNIVERSITY = "university", _("University or research institute")
        ENERGY_AGENCY = "energy_agency", _("Energy agency")
        NETWORK = "network", _("Network or cluster")
        PROGRAMME = "programme", _("Programme or fund")
        CIVIL_SOCIETY = "civil_society", _("Association or citizens' initiative")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    website = models.URLField(_("website"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("kind"), FieldPanel("website")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        # The admin's listing filters by kind and sorts its search results by these columns.
        index.FilterField("kind"),
        index.FilterField("name"),
        index.FilterField("website"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name


class Theme(TranslatableTerm):
    """A kind of work, such as climate contracts or industrial symbiosis; named per language."""

    class Meta(TranslatableTerm.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class Contact(TranslatableMixin, index.Indexed, models.Model):
    """Someone to ask about a piece of work. The role is translated; the rest is shared."""

    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=150, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name=_("organisation"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name=_("municipality"),
        help_text=_("For people who work at a municipality."),
    )
    email = models.EmailField(
        _("e-mail"),
        blank=True,
        help_text=_("Shown to visitors only after a click, so that address harvesters miss it."),
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("organisation"),
        FieldPanel("municipality"),
        FieldPanel("email"),
        FieldPanel("phone"),
    ]
    translatable_fields = [
        SynchronizedField("name"),
        TranslatableField("role"),
        SynchronizedField("organisation"),
        SynchronizedField("municipality"),
        SynchronizedField("email"),
        SynchronizedField("phone"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("role"),
        index.AutocompleteField("role"),
        index.RelatedFields(
            "organisation",
            [
                index.SearchField("name"),
                index.AutocompleteField("name"),
                # The admin's contact listing filters by the kind of organisation.
                index.FilterField("kind"),
            ],
        ),
        index.RelatedFields(
            "municipality", [index.SearchField("name"), index.AutocompleteField("name")]
        ),
        # The admin shows one language at a time and sorts search results by these columns.
        index.FilterField("locale"),
        index.FilterField("name"),
        index.FilterField("role"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self):
        return f"{self.name}, {self.role}" if self.role else self.name

    @classmethod
    def get_indexed_objects(cls):
        return indexing.with_search_relations(super().get_indexed_objects())

    @property
    def workplace(self):
        if self.organisation_id:
            return self.organisation.name
        if self.municipality_id:
            return self.municipality.name
        return ""
