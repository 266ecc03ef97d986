"""The datasets the content apps publish; no models imported, like `hub.sections`."""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
# The formats each dataset is written in, with their media types.
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
# What a column's `kind` is called in a Frictionless table schema; lists are strings in CSV.
SCHEMA_TYPES = {
    "string": "string",
    "integer": "integer",
    "number": "number",
    "datetime": "datetime",
    "list": "string",
}
LIST_SEPARATOR = "; "


def licence_url(language):
    """The licence's own summary in the reader's language, where Creative Commons has one."""
    return f"{LICENCE['path']}deed.{language}"


def licence_statement():
    return _(
        "Published by Klimathubben under the Creative Commons Attribution 4.0 International "
        "licence (CC BY 4.0): you may share and adapt the data for any purpose, also "
        "commercially, if you name Klimathubben as the source."
    )


@dataclass(frozen=True)
class Column:
    name: str  # the same in every language: what programs read
    title: Any  # a lazily translated heading, for people
    description: Any
    value: Any  # callable(page) -> str, int, float, datetime, list of str or None
    kind: str = "string"  # string, integer, number, datetime or list


@dataclass(frozen=True)
class Filter:
    """A choice the admin's download offers, such as one theme."""

    name: str
    label: Any
    lookup: str  # from the page to the value chosen
    choices: Any  # callable(locale) -> [(value, label)]


@dataclass(frozen=True)
class Dataset:
    key: str
    order: int
    title: Any  # a lazily translated string
    description: Any
    file_name: Any  # lazily translated, without extension: "fallstudier", "case-studies"
    model: Any  # the page type
    rows: Any  # callable(locale) -> live, public pages in that language, with what columns read
    columns: tuple
    # Models whose rows the files show by name (themes, places, types): a change rebuilds.
    shows: tuple = ()
    filters: tuple = ()  # `Filter`s of the admin's download

    def values(self, page):
        return [column.value(page) for column in self.columns]

    def schema(self):
        """The columns as a Frictionless table schema, in the active language."""
        fields = []
        for column in self.columns:
            described = {
                "name": column.name,
                "title": str(column.title),
                "description": str(column.description),
                "type": SCHEMA_TYPES[column.kind],
            }
            if column.kind == "list":
                described["description"] += " " + str(
                    _("Several values are separated by a semicolon and a space.")
                )
            fields.append(described)
        return {"fields": fields, "primaryKey": "id"}


_datasets = {}


def register_dataset(dataset):
    _datasets[dataset.key] = dataset


def datasets():
    return sorted(_datasets.values(), key=lambda dataset: dataset.order)


def dataset_for(key):
    return _datasets.get(key)
