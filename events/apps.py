from django.apps import AppConfig
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from events.models import EventPage
        from hub.sections import MunicipalitySection, register_municipality_section

        def items(municipality, locale):
            events = EventPage.objects.live().public().filter(locale=locale)
            return events.filter(municipalities=municipality).upcoming(timezone.now()).for_cards()

        def counts(locale):
            events = EventPage.objects.live().public().filter(locale=locale)
            rows = events.values_list("municipalities").annotate(total=models.Count("pk"))
            return dict(rows)

        register_municipality_section(
            MunicipalitySection(
                key="events",
                order=20,
                heading=_("Coming events"),
                template="components/event_card.html",
                items=items,
                counts=counts,
            )
        )
