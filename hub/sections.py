"""Content apps tell the hub what they have for a municipality, without the hub importing them.

A content app registers a section in its AppConfig.ready(); municipality pages then list each
section's items, and the overview shows each municipality's total.
"""

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class MunicipalitySection:
    key: str
    order: int
    heading: Any  # a lazily translated string
    template: str
    items: Any  # callable(municipality, locale) -> iterable of pages
    counts: Any  # callable(locale) -> {municipality_id: count}


_sections = {}


def register_municipality_section(section):
    _sections[section.key] = section


def municipality_sections():
    return sorted(_sections.values(), key=lambda section: section.order)
