"""The columns of an import file, and the empty template that editors fill in."""

import csv
import io
from dataclasses import dataclass

import openpyxl

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# Several values in one cell: one per line, or separated by semicolons.
SEPARATORS = (";", "\n")
# Within one key figure or link: its parts.
PART_SEPARATOR = "|"


@dataclass(frozen=True)
class Column:
    key: str
    required: bool
    description: Promise
    example: str = ""


COLUMNS = [
    Column(
        "external_id",
        True,
        _(
            "Your own stable key for the row, at most 100 characters, unique in the file. "
            "Importing a row again updates the page with the same key in the same language."
        ),
        "norrkoping-2021-07",
    ),
    Column("title", True, _("The page title, at most 255 characters."), "Solceller på skolor"),
    Column("summary", True, _("Two or three sentences, at most 400 characters."), ""),
    Column(
        "municipalities",
        True,
        _("Official four-digit codes or names, several separated by semicolons."),
        "0581; Linköping",
    ),
    Column(
        "themes",
        True,
        _("Theme names or slugs in the library's language, several separated by semicolons."),
        "klimatkontrakt",
    ),
    Column(
        "partners",
        False,
        _("Names of partner organisations already in the hub, separated by semicolons."),
    ),
    Column("start_year", False, _("A year from 1990 to 2100, or empty."), "2021"),
    Column("end_year", False, _("A year, not before the start year, or empty."), ""),
    Column(
        "status",
        False,
        _("planned, ongoing or completed (in English or Swedish); ongoing when empty."),
        "ongoing",
    ),
    Column(
        "key_figures",
        False,
        _("One figure per line or semicolon: figure | unit | what it counts (unit optional)."),
        "40 | | lokala aktörer",
    ),
    Column(
        "contacts",
        False,
        _("E-mail addresses or names of contacts already in the hub, separated by semicolons."),
    ),
    Column(
        "links",
        False,
        _("One link per line or semicolon: link text | address (or just the address)."),
        "Projektets webbplats | https://example.org/",
    ),
    Column("tags", False, _("Keywords, separated by semicolons."), "solenergi; skolor"),
]
KEYS = [column.key for column in COLUMNS]
REQUIRED = [column.key for column in COLUMNS if column.required]
# Headers people write for a single value are the same column.
ALIASES = {
    "id": "external_id",
    "municipality": "municipalities",
    "theme": "themes",
    "partner": "partners",
    "contact": "contacts",
    "link": "links",
    "tag": "tags",
    "key_figure": "key_figures",
}


def column_key(header):
    """The column a header names: "Start year", "start-year" and "start_year" are one."""
    key = "_".join(str(header or "").strip().casefold().replace("-", " ").split())
    return ALIASES.get(key, key)


def split_values(cell):
    for separator in SEPARATORS[1:]:
        cell = cell.replace(separator, SEPARATORS[0])
    return [value.strip() for value in cell.split(SEPARATORS[0]) if value.strip()]


def csv_template():
    """The header row, UTF-8 with a byte order mark so that Excel reads it as UTF-8."""
    text = io.StringIO()
    csv.writer(text).writerow(KEYS)
    return ("\ufeff" + text.getvalue()).encode()


def xlsx_template():
    """The header row on the first sheet; what each column holds on the second."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "case studies"
    sheet.append(KEYS)
    help_sheet = workbook.create_sheet("columns")
    help_sheet.append([str(_("Column")), str(_("Required")), str(_("What it holds"))])
    for column in COLUMNS:
        required = _("yes") if column.required else _("no")
        help_sheet.append([column.key, str(required), str(column.description)])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
