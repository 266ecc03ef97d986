from django.utils.translation import gettext_lazy as _

from hub.models.terms import TranslatableTerm
from hub.versions import remember


class EventType(TranslatableTerm):
    """What kind of event: webbfika, network meeting, theme meeting, workshop, conference..."""

    class Meta(TranslatableTerm.Meta):
        verbose_name = _("event type")
        verbose_name_plural = _("event types")


def event_types_by_id():
    """{id: event type} of every language, remembered per content version."""
    return remember(("vocabulary", "event type"), EventType.objects.in_bulk)


def event_type_label(event):
    """What an event is ("Webbfika"), named from the remembered event types; "" if none."""
    known = event_types_by_id().get(event.event_type_id)
    return str(known) if known is not None else ""
