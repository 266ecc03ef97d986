from events.models.pages import (
    EventIndexPage,
    EventPage,
    EventRelatedPage,
    EventSeriesPage,
    EventSpeaker,
    EventTag,
    EventTheme,
)
from events.models.taxonomy import EventType

__all__ = [
    "EventIndexPage",
    "EventPage",
    "EventRelatedPage",
    "EventSeriesPage",
    "EventSpeaker",
    "EventTag",
    "EventTheme",
    "EventType",
]
