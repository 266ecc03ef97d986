from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from events.models import EventPage, EventTag
        from hub.sections import ContentSection, register_content_section

        def pages(locale):
            events = EventPage.objects.live().public().filter(locale=locale).for_cards()
            return events.order_by("-start")

        register_content_section(
            ContentSection(
                key="events",
                order=20,
                heading=_("Events"),
                pages=pages,
                tag_through=EventTag,
                municipality_heading=_("Coming events"),
                municipality_filter=lambda events: events.upcoming(),
            )
        )
