from datetime import timedelta

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Min, Q
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    MultipleChooserPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager, PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from events.blocks import MaterialStreamBlock, ProgrammeBlock
from events.calendar import calendar_response
from events.models.taxonomy import event_types_by_id
from events.structured_data import event_data
from hub import indexing
from hub.api.fields import (
    MunicipalitiesField,
    OrganisationsField,
    TagsField,
    TermField,
    ThemesField,
)
from hub.blocks import BodyStreamBlock
from hub.browsing.cards import CardIterable, CardTermsMixin, shown_terms
from hub.fragments import remembered_html
from hub.images import main_image
from hub.models import ListingImageMixin, PagePresentationMixin, RelatedPage
from hub.models.mixins import EDITING_FIELDS, shared_tags_field
from hub.models.related import related_pages
from hub.models.terms import ContactLink, ThemeLink, linked_contacts
from hub.sharing import share_image
from hub.timezones import STOCKHOLM, local_format
from hub.versions import remember_for
from hub.widgets import MunicipalityPicker, OrganisationPicker


class EventTag(TaggedItemBase):
    content_object = ParentalKey(
        "events.EventPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class EventPageQuerySet(PageQuerySet):
    def upcoming(self, now=None):
        """Events that have not ended, soonest first: an event leaves this list when it ends."""
        return self.filter(end__gte=now or timezone.now()).order_by("start", "pk")

    def past(self, now=None):
        """Events that have ended, newest first."""
        return self.filter(end__lt=now or timezone.now()).order_by("-start", "-pk")

    def next_moment(self, now):
        """The first start, end or registration deadline at or after `now`, or None: when
        an event starts, ends or closes registration, pages show it without a save. Only
        events that have not ended can have one (registration closes before the end)."""
        moments = self.filter(end__gte=now).aggregate(
            start=Min("start", filter=Q(start__gte=now)),
            end=Min("end"),
            deadline=Min("registration_deadline", filter=Q(registration_deadline__gte=now)),
        )
        return min(filter(None, moments.values()), default=None)

    def for_cards(self):
        """What a card shows: the image in the same row, its places and its image's
        renditions read for the whole list (hub/browsing/cards.py); the programme, body,
        material and venue address stay in the database."""
        long_text = ("programme", "body", "material", "venue_address")
        queryset = self.defer(*long_text, *EDITING_FIELDS)
        queryset = queryset.select_related("event_type", "listing_image")
        queryset._iterable_class = CardIterable
        return queryset

    def for_calendar(self):
        """What a calendar file reads of each event, in a fixed number of queries (the file
        reads the organisers' names itself, events/calendar.py)."""
        long_text = ("programme", "body", "material")
        return self.defer(*long_text, *EDITING_FIELDS).select_related("event_type")


EventPageManager = PageManager.from_queryset(EventPageQuerySet)


def names_overlap(event_type, series):
    """Whether a series repeats its event type's name ("Webbfika", "Klimatfrukost i Kalmar")."""
    event_type, series = event_type.strip().casefold(), series.strip().casefold()
    return bool(event_type and series) and (
        series.startswith(event_type) or event_type.startswith(series)
    )


class EventPage(CardTermsMixin, RoutablePageMixin, ListingImageMixin, PagePresentationMixin, Page):
    """One event: when and where, how to take part, the programme and, afterwards, the material."""

    class AttendanceMode(models.TextChoices):
        ONLINE = "online", _("Online")
        ONSITE = "onsite", _("On site")
        HYBRID = "hybrid", _("On site and online")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        POSTPONED = "postponed", _("Postponed")
        CANCELLED = "cancelled", _("Cancelled")

    summary = models.TextField(
        _("summary"),
        max_length=400,
        help_text=_("Two sentences on what the event offers. Shown in listings and calendars."),
    )
    event_type = models.ForeignKey(
        "events.EventType", on_delete=models.PROTECT, related_name="+", verbose_name=_("type")
    )
    series = models.ForeignKey(
        "events.EventSeriesPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("series"),
    )
    start = models.DateTimeField(_("starts"), help_text=_("Swedish time."))
    end = models.DateTimeField(_("ends"), help_text=_("Swedish time."))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SCHEDULED
    )
    attendance_mode = models.CharField(
        _("how to take part"),
        max_length=20,
        choices=AttendanceMode.choices,
        default=AttendanceMode.ONLINE,
    )
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.TextField(
        _("address"), blank=True, help_text=_("Street, postcode and town.")
    )
    join_url = models.URLField(
        _("join link"),
        blank=True,
        help_text=_("The link to the online meeting, if it may be public."),
    )
    registration_url = models.URLField(_("registration link"), blank=True)
    registration_deadline = models.DateTimeField(
        _("last day to register"), null=True, blank=True, help_text=_("Swedish time.")
    )
    audience = models.CharField(
        _("for whom"),
        max_length=250,
        blank=True,
        help_text=_("For example: open to all, or members of the network."),
    )
    organisers = ParentalManyToManyField(
        "hub.Organisation", blank=True, related_name="events", verbose_name=_("organisers")
    )
    municipalities = ParentalManyToManyField(
        "hub.Municipality", blank=True, related_name="events", verbose_name=_("municipalities")
    )
    programme = StreamField(ProgrammeBlock(), blank=True, verbose_name=_("programme"))
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))
    material = StreamField(
        MaterialStreamBlock(),
        blank=True,
        verbose_name=_("material"),
        help_text=_("Slides, workshop questions, links and recordings, before or after the event."),
    )
    tags = shared_tags_field(EventTag)

    objects = EventPageManager()
    summary_field = "summary"
    text_limits = {"summary": 400}
    card_template = "components/event_card.html"

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("event_type"), FieldPanel("series")]),
        ListingImageMixin.listing_image_panel(),
        FieldPanel("body"),
    ]
    when_panels = [
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldPanel("status"),
        MultiFieldPanel(
            [
                FieldPanel("attendance_mode"),
                FieldPanel("venue_name"),
                FieldPanel("venue_address"),
                FieldPanel("join_url"),
            ],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("audience"),
                FieldPanel("registration_url"),
                FieldPanel("registration_deadline"),
            ],
            heading=_("Registration"),
        ),
    ]
    programme_panels = [FieldPanel("programme"), FieldPanel("material")]
    people_panels = [
        FieldPanel("organisers", widget=OrganisationPicker),
        MultipleChooserPanel("event_speakers", chooser_field_name="contact", heading=_("Speakers")),
        MultipleChooserPanel("event_themes", chooser_field_name="theme", heading=_("Themes")),
        FieldPanel("municipalities", widget=MunicipalityPicker),
        FieldPanel("tags"),
        InlinePanel("related_case_studies", heading=_("Related case studies")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(when_panels, heading=_("When and where")),
            ObjectList(programme_panels, heading=_("Programme and material")),
            ObjectList(people_panels, heading=_("People and topics")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = [
        *Page.search_fields,
        indexing.summary("summary"),
        index.SearchField("body"),
        index.SearchField("programme"),
        index.SearchField("material"),
        indexing.names("event_type"),
        indexing.themes("event_themes"),
        indexing.places(),
        indexing.names("organisers"),
        indexing.tags(),
        index.FilterField("start"),
        index.FilterField("end"),
    ]

    @classmethod
    def get_indexed_objects(cls):
        return indexing.with_search_relations(super().get_indexed_objects())

    # The JSON API (docs/api.md).
    api_fields = [
        APIField("summary"),
        APIField("event_type", serializer=TermField()),
        APIField("start"),
        APIField("end"),
        APIField("status"),
        APIField("attendance_mode"),
        APIField("venue_name"),
        APIField("venue_address"),
        APIField("audience"),
        APIField("registration_url"),
        APIField("registration_deadline"),
        APIField("themes", serializer=ThemesField(source="event_themes")),
        APIField("municipalities", serializer=MunicipalitiesField()),
        APIField("organisers", serializer=OrganisationsField()),
        APIField("tags", serializer=TagsField()),
    ]

    override_translatable_fields = [
        SynchronizedField("organisers"),
        SynchronizedField("municipalities"),
        SynchronizedField("related_case_studies"),
    ]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []
    template = "pages/event_page.html"

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [
            # Coming events: those not yet ended, a small part of all.
            models.Index(fields=["end"], name="eventpage_end"),
            # Past events newest first, read backwards as an index range.
            models.Index(fields=["start", "page_ptr"], name="eventpage_start"),
        ]

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("The event must end after it starts.")
        if self.registration_deadline and self.start and self.registration_deadline > self.start:
            errors["registration_deadline"] = _(
                "Registration must close by the time the event starts."
            )
        if self.registration_deadline and not self.registration_url:
            errors["registration_url"] = _("Give the registration link that the deadline is for.")
        if self.is_onsite and not (self.venue_name or self.venue_address):
            errors["venue_address"] = _("Say where the event takes place.")
        errors.update(self.listing_image_errors())
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["calendar_page"] = remember_for(request, ("parent", self.pk), self.get_parent)
        context["series_page"] = None
        if self.series_id:
            key = ("localized", self.series_id, get_language())
            context["series_page"] = remember_for(request, key, lambda: self.series.localized)
        if not getattr(request, "is_preview", False):
            # A short vocabulary, remembered; a preview shows the form's unsaved choice.
            known = event_types_by_id().get(self.event_type_id)
            if known is not None:
                self.event_type = known
        context["show_event_type"] = not names_overlap(
            self.event_type.name, context["series_page"].title if context["series_page"] else ""
        )
        context["speakers"] = linked_contacts(self.event_speakers)
        context["themes"], context["places"] = shown_terms(self, request, "event_themes")
        context["organisers"] = list(self.organisers.all())
        context["related_case_studies"] = remembered_html(
            request,
            ("related", self.pk),
            "components/related_case_studies.html",
            lambda: {"items": self.get_related_case_studies()},
        )
        context["main_image"] = main_image(self, request)
        context["structured_data"] = event_data(
            self, request, context["organisers"], share_image(self, request)
        )
        return context

    def get_related_case_studies(self):
        """The case studies editors chose, as cards, in their order (hub/models/related.py)."""
        model = EventRelatedPage.page_model()
        return related_pages(self, self.related_case_studies, model.objects.for_cards())

    @path("ical/", name="calendar")
    def calendar_file(self, request):
        return calendar_response(request, [self], name=self.title, filename=f"{self.slug}.ics")

    def get_cached_paths(self):
        # Each workshop's printable page shows part of the event (hub/frontend_cache.py).
        workshops = [block for block in self.material if block.block_type == "workshop_session"]
        return [
            "/",
            *(f"/{self.reverse_subpage('workshop_print', args=[block.id])}" for block in workshops),
        ]

    @path("workshop/<str:block_id>/", name="workshop_print")
    def workshop_print(self, request, block_id):
        for block in self.material:
            if block.block_type == "workshop_session" and block.id == block_id:
                return render(
                    request,
                    "pages/workshop_print.html",
                    {"page": self, "session": block.value},
                )
        raise Http404("No such workshop session")

    # What a visitor sees depends on the moment, not on a scheduled job.

    @property
    def has_ended(self):
        return self.end < timezone.now()

    @property
    def is_under_way(self):
        return self.card_moment()[0]

    @property
    def registration_is_open(self):
        if not self.registration_url or self.has_ended or self.status != self.Status.SCHEDULED:
            return False
        return self.registration_deadline is None or timezone.now() <= self.registration_deadline

    @property
    def is_this_week(self):
        return self.card_moment()[1]

    @property
    def when_text(self):
        """'Tisdag 24 november 2026, 13.00–14.30' in Swedish time; both dates if it spans days."""
        start, end = self.start, self.end
        same_day = (
            timezone.localtime(start, STOCKHOLM).date() == timezone.localtime(end, STOCKHOLM).date()
        )
        date_format = pgettext("event date with weekday", "l j F Y")
        time_format = pgettext("event time of day", "H:i")
        if same_day:
            text = (
                f"{local_format(start, date_format)}, "
                f"{local_format(start, time_format)}–{local_format(end, time_format)}"
            )
        else:
            text = (
                f"{local_format(start, date_format)} {local_format(start, time_format)} – "
                f"{local_format(end, date_format)} {local_format(end, time_format)}"
            )
        return capfirst(text)

    # What the event's card says that changes with the clock, not with editing: whether it is
    # under way and whether it is this week (`{% card %}` keeps a card for each), worked out
    # from these fields; a list of cards reads only them (hub/browsing/cards.py).
    card_moment_fields = ("start", "end")

    @staticmethod
    def card_moment_of(start, end):
        """(under way, this week: starting this Monday to Sunday and not yet ended)."""
        now = timezone.now()
        today = timezone.localdate()
        monday = today - timedelta(days=today.weekday())
        this_week = monday <= timezone.localtime(start).date() < monday + timedelta(days=7)
        return (start <= now <= end, end >= now and this_week)

    def card_moment(self):
        return self.card_moment_of(self.start, self.end)

    @property
    def is_online(self):
        return self.attendance_mode in {self.AttendanceMode.ONLINE, self.AttendanceMode.HYBRID}

    @property
    def is_onsite(self):
        return self.attendance_mode in {self.AttendanceMode.ONSITE, self.AttendanceMode.HYBRID}


class EventTheme(ThemeLink):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="event_themes")


class EventSpeaker(ContactLink):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="event_speakers")

    class Meta(ContactLink.Meta):
        verbose_name = _("speaker")


class EventRelatedPage(RelatedPage):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="related_case_studies")

    # A string reference: the events app builds on hub alone.
    page_type = "casestudies.CaseStudyPage"

    class Meta(RelatedPage.Meta):
        verbose_name = _("related case study")
        verbose_name_plural = _("related case studies")
