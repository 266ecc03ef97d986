from django.utils.translation import gettext_lazy as _

from hub.models.terms import TranslatableTerm


class EventType(TranslatableTerm):
    """What kind of event: webbfika, network meeting, theme meeting, workshop, conference..."""

    class Meta(TranslatableTerm.Meta):
        verbose_name = _("event type")
        verbose_name_plural = _("event types")
