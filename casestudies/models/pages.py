from modelcluster.fields import ParentalManyToManyField

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultipleChooserPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager, PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from casestudies.blocks import KeyFiguresBlock
from casestudies.models.figures import CaseStudyPageForm
from casestudies.models.links import CaseStudyTag, CaseStudyTheme
from casestudies.models.years import year_field
from hub import indexing
from hub.api.fields import (
    ImpactFiguresField,
    MunicipalitiesField,
    OrganisationsField,
    TagsField,
    ThemesField,
)
from hub.blocks import RICH_TEXT_FEATURES, BodyStreamBlock, LinksBlock
from hub.browsing.cards import CardIterable, CardTermsMixin, shown_terms
from hub.fragments import remembered_html
from hub.images import main_image
from hub.models import ListingImageMixin, PagePresentationMixin
from hub.models.mixins import EDITING_FIELDS, shared_tags_field
from hub.models.related import (
    cards_in_order,
    first_rows_of_each,
    in_private_section,
    related_pages,
)
from hub.models.terms import linked_contacts
from hub.sharing import share_image
from hub.structured_data import article
from hub.versions import remember_for
from hub.widgets import MunicipalityPicker, OrganisationPicker

# Related case studies are looked for among the newest this many with each theme and tag...
RELATED_CANDIDATES = 30
# ... of at most this many of the page's themes and of its tags.
MAX_SHARED_KEYS = 8


class CaseStudyPageQuerySet(PageQuerySet):
    def for_cards(self):
        """Everything a card shows, in a fixed number of queries whatever the page size.

        The card's image comes in the same row, its themes and places in one more query and
        the image's renditions in at most one (hub/browsing/cards.py). The long text a card
        does not show stays in the database.
        """
        long_text = ("body", "key_figures", "results", "lessons", "external_links")
        queryset = self.defer(*long_text, *EDITING_FIELDS).select_related("listing_image")
        queryset._iterable_class = CardIterable
        return queryset

    def active_between(self, year_from=None, year_to=None):
        """Case studies under way at some point between the two years (inclusive)."""
        queryset = self
        if year_to is not None:
            queryset = queryset.filter(start_year__lte=year_to)
        if year_from is not None:
            queryset = queryset.filter(
                Q(end_year__gte=year_from) | Q(end_year__isnull=True, start_year__isnull=False)
            )
        return queryset


CaseStudyPageManager = PageManager.from_queryset(CaseStudyPageQuerySet)


class CaseStudyPage(CardTermsMixin, ListingImageMixin, PagePresentationMixin, Page):
    """One example of collaboration: who did what, with whom, what came of it, whom to ask."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ONGOING = "ongoing", _("Ongoing")
        COMPLETED = "completed", _("Completed")

    summary = models.TextField(
        _("summary"),
        max_length=400,
        help_text=_(
            "Two or three sentences on what was done and with whom. Shown in listings, "
            "in search results and to search engines."
        ),
    )
    municipalities = ParentalManyToManyField(
        "hub.Municipality",
        related_name="case_studies",
        verbose_name=_("municipalities"),
        help_text=_("Every municipality taking part; a regional case lists several."),
    )
    partners = ParentalManyToManyField(
        "hub.Organisation",
        blank=True,
        related_name="case_studies",
        verbose_name=_("partner organisations"),
    )
    start_year = year_field(_("start year"), _("Leave empty if unknown."))
    end_year = year_field(_("end year"), _("Leave empty while the work goes on."))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ONGOING
    )
    key_figures = StreamField(
        KeyFiguresBlock(),
        blank=True,
        verbose_name=_("key figures"),
        help_text=_("Only figures from a source you can point to; never estimates of your own."),
    )
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))
    results = RichTextField(
        _("results"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("What came of the work so far."),
    )
    lessons = RichTextField(
        _("lessons learned"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("What others should know before they try the same."),
    )
    external_links = StreamField(LinksBlock(), blank=True, verbose_name=_("links"))
    tags = shared_tags_field(CaseStudyTag)
    # The row's key in an imported spreadsheet (casestudies/importing/), unique per language.
    # Not editable, so the admin form and translations leave it alone; a copy is a new page.
    external_id = models.CharField(
        _("external id"), max_length=100, blank=True, editable=False, db_index=True
    )

    objects = CaseStudyPageManager()
    summary_field = "summary"
    text_limits = {"summary": 400}
    card_template = "components/case_study_card.html"
    og_type = "article"
    base_form_class = CaseStudyPageForm

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        ListingImageMixin.listing_image_panel(),
        FieldPanel("body"),
    ]
    facts_panels = [
        MultipleChooserPanel(
            "case_study_themes", chooser_field_name="theme", heading=_("Themes"), min_num=1
        ),
        FieldPanel("municipalities", widget=MunicipalityPicker),
        FieldPanel("partners", widget=OrganisationPicker),
        FieldRowPanel([FieldPanel("start_year"), FieldPanel("end_year"), FieldPanel("status")]),
        FieldPanel("key_figures"),
        InlinePanel(
            "impact_figures",
            heading=_("Impact figures"),
            help_text=_(
                "Comparable figures from the case's own reports, one per metric. The metric "
                "fixes the unit: tonnes CO₂e per year, MWh per year, SEK, or a count."
            ),
        ),
    ]
    results_panels = [FieldPanel("results"), FieldPanel("lessons")]
    contact_panels = [
        MultipleChooserPanel(
            "case_study_contacts", chooser_field_name="contact", heading=_("Contacts")
        ),
        FieldPanel("external_links"),
    ]
    related_panels = [
        FieldPanel("tags"),
        InlinePanel(
            "related_case_studies",
            heading=_("Related case studies"),
            help_text=_("Chosen here first; the page adds more that share themes or tags."),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(facts_panels, heading=_("Facts")),
            ObjectList(results_panels, heading=_("Results")),
            ObjectList(contact_panels, heading=_("Contacts and links")),
            ObjectList(related_panels, heading=_("Tags and related")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = [
        *Page.search_fields,
        indexing.summary("summary"),
        index.SearchField("body"),
        index.SearchField("results"),
        index.SearchField("lessons"),
        indexing.themes("case_study_themes"),
        indexing.places(),
        indexing.names("partners"),
        indexing.tags(),
        index.FilterField("status"),
        index.FilterField("start_year"),
    ]

    @classmethod
    def get_indexed_objects(cls):
        return indexing.with_search_relations(super().get_indexed_objects())

    # The JSON API (docs/api.md).
    api_fields = [
        APIField("summary"),
        APIField("status"),
        APIField("start_year"),
        APIField("end_year"),
        APIField("themes", serializer=ThemesField()),
        APIField("municipalities", serializer=MunicipalitiesField()),
        APIField("partners", serializer=OrganisationsField()),
        APIField("tags", serializer=TagsField()),
        APIField("key_figures"),
        APIField("impact_figures", serializer=ImpactFiguresField()),
    ]

    exclude_fields_in_copy = ["external_id"]

    override_translatable_fields = [
        SynchronizedField("municipalities"),
        SynchronizedField("partners"),
    ]

    parent_page_types = ["casestudies.CaseStudyIndexPage"]
    subpage_types = []
    template = "pages/case_study_page.html"
    card_theme_relation = "case_study_themes"

    class Meta:
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")

    def clean(self):
        super().clean()
        errors = {}
        if self.start_year and self.end_year and self.end_year < self.start_year:
            errors["end_year"] = _("The end year cannot be before the start year.")
        if self.status == self.Status.COMPLETED and not self.end_year:
            errors["end_year"] = _("A completed case study needs an end year.")
        errors.update(self.listing_image_errors())
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # What editors change only by publishing is remembered per content version; a
        # preview shows the edit form's unsaved rows, so it reads everything anew.
        context["library"] = remember_for(request, ("parent", self.pk), self.get_parent)
        context["contacts"] = linked_contacts(self.case_study_contacts)
        themes, places = shown_terms(self, request, self.card_theme_relation)
        context["themes"], context["municipalities"] = themes, places
        context["tags"] = list(self.tags.all())
        context["partners"] = list(self.partners.all())
        context["impact_figures"] = list(self.impact_figures.all())
        context["main_image"] = main_image(self, request)
        context["structured_data"] = article(
            self,
            request,
            image=share_image(self, request),
            authors=context["partners"],
            themes=context["themes"],
            places=context["municipalities"],
            figures=context["impact_figures"],
        )
        context["related"] = remembered_html(
            request,
            ("related", self.pk),
            "components/related_case_studies.html",
            lambda: {
                "items": self.get_related_case_studies(
                    theme_ids=[theme.pk for theme in themes],
                    tag_ids=[tag.pk for tag in context["tags"]],
                )
            },
        )
        return context

    @property
    def years(self):
        if self.start_year and self.end_year and self.end_year != self.start_year:
            return f"{self.start_year}–{self.end_year}"
        if self.start_year and not self.end_year:
            return _("since %(year)s") % {"year": self.start_year}
        return str(self.start_year or self.end_year or "")

    def get_related_case_studies(self, theme_ids, tag_ids, limit=3):
        """The editors' choices first, then others sharing the most themes and tags, as cards.

        Reads the page's own choices through its relation rather than a subquery: in a
        preview they are the edit form's unsaved rows, held in memory. The page keeps the
        section's HTML per content version (hub/fragments.py), so this runs once a version.
        """
        chosen = [page.pk for page in related_pages(self, self.related_case_studies)]
        chosen = chosen[:limit]
        if len(chosen) < limit:
            exclude = {self.pk, *chosen}
            chosen += self.closest(theme_ids, tag_ids, exclude)[: limit - len(chosen)]
        return cards_in_order(CaseStudyPage.objects.all(), chosen)

    def closest(self, theme_ids, tag_ids, exclude):
        """Live case studies in this language sharing the most themes, then tags, newest first.

        Looks only at the newest few case studies with each of the page's themes and tags,
        each an index range on its link table, so the work stays the same however many case
        studies carry a theme.
        """
        themes = CaseStudyTheme.objects.order_by("-page_id").values("page_id")
        tags = CaseStudyTag.objects.filter(content_object__locale_id=self.locale_id)
        tags = tags.order_by("-content_object_id").values("content_object_id")
        groups = [(0, themes.filter(theme_id=pk)) for pk in theme_ids[:MAX_SHARED_KEYS]]
        groups += [(1, tags.filter(tag_id=pk)) for pk in tag_ids[:MAX_SHARED_KEYS]]
        shared = {}  # page id: [themes shared, tags shared]
        for kind, page_id in first_rows_of_each(groups, RELATED_CANDIDATES):
            if page_id not in exclude:
                shared.setdefault(page_id, [0, 0])[kind] += 1
        if not shared:
            return []
        live = (
            CaseStudyPage.objects.live()
            .filter(pk__in=list(shared), locale_id=self.locale_id)
            .exclude(in_private_section())
            .values_list("pk", "first_published_at")
        )
        published = {pk: when.timestamp() if when else 0 for pk, when in live}
        return sorted(
            published, key=lambda pk: (-shared[pk][0], -shared[pk][1], -published[pk], pk)
        )
