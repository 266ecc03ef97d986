from events.models.listings import EventIndexPage, EventSeriesPage
from events.models.pages import (
    EventPage,
    EventRelatedPage,
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
