"""Reading an uploaded file into rows of text: CSV with Python's csv module, XLSX with openpyxl.

Whatever the file holds, the result is either rows or `Unreadable` with a message for the
editor: never an exception from a parser reaching the view or the worker.
"""

import csv
import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal

import openpyxl

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from casestudies.importing.columns import KEYS, REQUIRED, column_key
from casestudies.importing.report import Problem

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 10_000
# Columns past these are not looked at; a sheet rarely has more than a few extra.
MAX_COLUMNS = 60
# An XLSX is a zip archive: refuse one that unpacks to far more than any real sheet.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
# Bytes the csv module will take in one cell: a summary is 400 characters.
MAX_CELL_BYTES = 100_000

ZIP_MAGIC = b"PK\x03\x04"
# Encrypted Office files and old .xls files are OLE compound documents, not zip archives.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
UTF8_BOM = b"\xef\xbb\xbf"
# Bytes that were not UTF-8, as `errors="surrogateescape"` keeps them.
NOT_UTF8 = re.compile("[\udc80-\udcff]")


class Unreadable(Exception):
    """The file as a whole cannot be read; the message says why, for the editor."""


@dataclass
class Sheet:
    keys: list[str] = field(default_factory=list)  # the file's known columns, in its order
    rows: list[tuple[int, dict]] = field(default_factory=list)  # (row number, {key: text})
    problems: list[Problem] = field(default_factory=list)


def read_file(name, data):
    """The rows of the CSV or XLSX file `name` with bytes `data`, or Unreadable."""
    if not data:
        raise Unreadable(_("The file is empty."))
    if len(data) > MAX_BYTES:
        raise Unreadable(
            _("The file is larger than %(size)s MB; split it into smaller files.")
            % {"size": MAX_BYTES // (1024 * 1024)}
        )
    extension = name.rsplit(".", 1)[-1].casefold() if "." in name else ""
    if data.startswith(OLE_MAGIC):
        raise Unreadable(
            _(
                "This is a password-protected or old-style Excel file (.xls). Save it as an "
                "Excel workbook (.xlsx) without a password, or as CSV UTF-8."
            )
        )
    if extension == "xlsx" or (extension != "csv" and data.startswith(ZIP_MAGIC)):
        return read_xlsx(data)
    if extension == "csv":
        return read_csv(data)
    raise Unreadable(_("Choose a CSV (.csv) or Excel (.xlsx) file."))


def rows_to_sheet(records):
    """A Sheet from the file's records (lists of cell values), the header first."""
    sheet = Sheet()
    records = iter(records)
    header = next(records, None)
    if header is None or not any(value not in (None, "") for value in header):
        raise Unreadable(_("The first row must name the columns; it is empty."))
    positions = {}
    for index, value in enumerate(header[:MAX_COLUMNS]):
        if value in (None, ""):
            continue
        if isinstance(value, Problem):
            value.row, value.column = 1, str(index + 1)
            sheet.problems.append(value)
            continue
        key = column_key(value)
        if key not in KEYS:
            sheet.problems.append(Problem(1, str(value), _("Unknown column.")))
        elif key in positions:
            sheet.problems.append(Problem(1, str(value), _("This column appears twice.")))
        else:
            positions[key] = index
    sheet.keys = [key for key in KEYS if key in positions]
    for key in REQUIRED:
        if key not in positions:
            sheet.problems.append(Problem(1, key, _("The column is missing.")))
    for number, record in enumerate(records, start=2):
        values = {
            key: record[index] if index < len(record) else "" for key, index in positions.items()
        }
        if not any(value not in (None, "") for value in values.values()):
            continue  # spreadsheets often end in blank rows
        if len(sheet.rows) >= MAX_ROWS:
            raise Unreadable(
                ngettext(
                    "The file has more than %(count)s row; split it into smaller files.",
                    "The file has more than %(count)s rows; split it into smaller files.",
                    MAX_ROWS,
                )
                % {"count": MAX_ROWS}
            )
        for key, value in values.items():
            if isinstance(value, Problem):
                value.row, value.column = number, key
                sheet.problems.append(value)
                values[key] = None  # not checked further: its problem is reported
        sheet.rows.append((number, values))
    return sheet


def read_csv(data):
    if b"\x00" in data[:65536]:
        raise Unreadable(_("This is not a CSV text file."))
    if data.startswith(ZIP_MAGIC):
        raise Unreadable(_("This is an Excel file: name it .xlsx, or save it as CSV UTF-8."))
    # Only UTF-8, with or without a byte order mark: text in another encoding could be taken
    # for Windows-1252 only by guessing, so each cell that is not UTF-8 is reported instead.
    text = data.removeprefix(UTF8_BOM).decode("utf-8", errors="surrogateescape")
    first_line = text.split("\n", 1)[0]
    # Excel set to Swedish saves CSV with semicolons.
    delimiter = max((",", ";", "\t"), key=first_line.count)
    field_limit = csv.field_size_limit()
    csv.field_size_limit(MAX_CELL_BYTES)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise Unreadable(_("The file is not readable as CSV: %(error)s") % {"error": error}) from (
            error
        )
    finally:
        csv.field_size_limit(field_limit)
    return rows_to_sheet(csv_cells(record) for record in records)


def csv_cells(record):
    wrong = _("Wrong encoding: this is not UTF-8 text. Save the file as “CSV UTF-8”.")
    return [Problem(None, "", wrong) if NOT_UTF8.search(value) else value for value in record]


def read_xlsx(data):
    if not data.startswith(ZIP_MAGIC):
        raise Unreadable(_("This is not an Excel workbook (.xlsx)."))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(entry.file_size for entry in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise Unreadable(_("The Excel file is damaged and cannot be read.")) from error
    if unpacked > MAX_UNPACKED_BYTES:
        raise Unreadable(_("The Excel file unpacks to too much data; split it into smaller files."))
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        try:
            sheet = workbook.worksheets[0]
            records = (
                [xlsx_cell(cell) for cell in row]
                for row in sheet.iter_rows(max_col=MAX_COLUMNS, max_row=MAX_ROWS + 1000)
            )
            return rows_to_sheet(records)
        finally:
            workbook.close()
    except Unreadable:
        raise
    except Exception as error:  # noqa: BLE001  openpyxl raises many kinds on a damaged file
        raise Unreadable(_("The Excel file is damaged and cannot be read.")) from error


def xlsx_cell(cell):
    value = cell.value
    if getattr(cell, "data_type", None) == "f":
        return Problem(
            None, "", _("A formula: replace it with its value (copy, then paste values only).")
        )
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float | Decimal) and value == int(value):
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    return str(value)
