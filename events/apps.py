from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Models can be imported only once the app registry is ready.
        from taggit.models import Tag

        from events.filters import EventBrowser
        from events.models import EventIndexPage, EventPage, EventTag, EventType
        from events.models.taxonomy import event_type_label
        from events.open_data import events
        from hub.aggregates import watch
        from hub.models import Theme
        from hub.models.related import in_private_section
        from hub.open_data.registry import register_dataset
        from hub.page_cache import watch_moments
        from hub.sections import ContentSection, register_content_section

        # The calendar's kept places, tags and months are forgotten when they change.
        watch(*EventBrowser.link_models(EventPage), EventTag, EventType, Theme, Tag)

        # Kept pages last until the next event starts or ends or its registration closes.
        watch_moments(EventPage.objects.next_moment)

        def pages(locale):
            events = (
                EventPage.objects.live()
                .exclude(in_private_section())
                .filter(locale=locale)
                .for_cards()
            )
            return events.order_by("-start")

        def event_types(locale):
            return EventType.objects.filter(locale=locale).values_list("name", flat=True)

        register_content_section(
            ContentSection(
                key="events",
                order=20,
                heading=_("Events"),
                model=EventPage,
                index_model=EventIndexPage,
                pages=pages,
                themes="event_themes__theme",
                places="municipalities",
                date_field="start",
                # "Webbfika" says more than "event"; the types are a remembered vocabulary.
                type_label=event_type_label,
                vocabulary=event_types,
                municipality_heading=_("Coming events"),
                municipality_filter=lambda events: events.upcoming(),
            )
        )
        # Its rows in the open-data files (hub/open_data/).
        register_dataset(events())
