"""What a template shows of a filter: its options, how many results each gives, which are chosen."""

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import get_language

from hub.collation import sort_key


@dataclass
class Option:
    value: str
    label: str
    count: int | None = None  # None where the listing shows no counts
    selected: bool = False


@dataclass
class Facet:
    name: str
    label: Any
    options: list = field(default_factory=list)
    # "checkbox": any of several; "radio" and "select": one, or none through `any_label`.
    widget: str = "checkbox"
    any_label: Any = ""
    open: bool = False  # shown unfolded even when nothing is chosen
    hint: Any = ""  # said below the options, such as where to find those left out

    @property
    def selected_options(self):
        return [option for option in self.options if option.selected]

    @property
    def is_open(self):
        return self.open or bool(self.selected_options)


def with_chosen(options, chosen, labels, alphabetical=True, count=0):
    """`options` with every chosen value among them: one without results shows with `count`.

    A choice that gives no results with the others must stay visible, ticked and removable.
    """
    present = {option.value for option in options}
    language = get_language()
    for value in chosen:
        if value in present:
            continue
        option = Option(value, labels.get(value, value), count, True)
        position = len(options)
        if alphabetical:
            key = sort_key(option.label, language)
            position = next(
                (i for i, other in enumerate(options) if sort_key(other.label, language) > key),
                position,
            )
        options.insert(position, option)
    return options


def active_filters(facets, reader):
    """The choices in effect, each with its label and the address that drops just that choice."""
    return [
        {
            "label": f"{facet.label}: {option.label}",
            # A single-choice filter drops whatever spelling of its value the address has.
            "query": reader.query_without(
                facet.name, option.value if facet.widget == "checkbox" else None
            ),
        }
        for facet in facets
        for option in facet.selected_options
    ]
