"""Writing a dataset's rows as CSV, XLSX and JSON in one pass, never all rows in memory.

Spreadsheet cells go through `hub.spreadsheets.as_text`, so that no text a page holds runs
as a formula; the JSON file keeps every value as it is, lists as lists.
"""

import csv
import io
import json
from datetime import datetime

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Font

from django.utils import timezone, translation

from hub.open_data.registry import LICENCE, LIST_SEPARATOR, licence_statement, licence_url
from hub.spreadsheets import as_text
from hub.timezones import STOCKHOLM

# Rows read from the database at a time.
CHUNK_SIZE = 500


def plain(value):
    """A value as JSON has it: moments in Swedish time, ISO 8601."""
    if isinstance(value, datetime):
        return timezone.localtime(value, STOCKHOLM).isoformat()
    return value


def cell(value):
    """A value as a spreadsheet cell: lists joined, text never a formula."""
    value = plain(value)
    if isinstance(value, list):
        value = LIST_SEPARATOR.join(value)
    if value is None:
        return ""
    return as_text(value)


def metadata(dataset, built_at):
    """What every file says about itself, in the active language."""
    language = translation.get_language()
    return {
        "dataset": dataset.key,
        "title": str(dataset.title),
        "description": str(dataset.description),
        "language": language,
        "publisher": "Klimathubben",
        "license": {**LICENCE, "deed": licence_url(language)},
        "license_statement": str(licence_statement()),
        "created": plain(built_at),
    }


class CsvWriter:
    """UTF-8 with a byte order mark, which spreadsheet programs need to read å, ä and ö."""

    extension = "csv"

    def __init__(self, binary, dataset, built_at):
        self.text = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="", write_through=True)
        self.writer = csv.writer(self.text)
        self.writer.writerow([column.name for column in dataset.columns])

    def row(self, values):
        self.writer.writerow([cell(value) for value in values])

    def close(self):
        self.text.detach()  # the file is the caller's to close


class XlsxWriter:
    """openpyxl's write-only workbook, which keeps rows on disk until it is saved."""

    extension = "xlsx"

    def __init__(self, binary, dataset, built_at):
        self.binary = binary
        self.workbook = Workbook(write_only=True)
        about = metadata(dataset, built_at)
        properties = self.workbook.properties
        properties.title = about["title"]
        properties.subject = about["description"]
        properties.creator = properties.lastModifiedBy = about["publisher"]
        properties.description = about["license_statement"]
        properties.language = about["language"]
        properties.identifier = dataset.key
        properties.created = properties.modified = built_at.replace(tzinfo=None)
        properties.keywords = LICENCE["name"]
        for name, value in (
            ("License", LICENCE["name"]),
            ("License title", LICENCE["title"]),
            ("License URL", LICENCE["path"]),
        ):
            self.workbook.custom_doc_props.append(StringProperty(name=name, value=value))
        self.sheet = self.workbook.create_sheet(title=about["title"][:31])
        bold = Font(bold=True)
        header = []
        for column in dataset.columns:
            heading = WriteOnlyCell(self.sheet, value=column.name)
            heading.font = bold
            header.append(heading)
        self.sheet.append(header)

    def row(self, values):
        self.sheet.append([self.text_cell(value) for value in values])

    def text_cell(self, value):
        value = cell(value)
        if isinstance(value, str):
            value = ILLEGAL_CHARACTERS_RE.sub("", value)
            written = WriteOnlyCell(self.sheet, value=value)
            written.data_type = "s"  # never "f", whatever the text starts with
            return written
        return value

    def close(self):
        self.workbook.save(self.binary)


class JsonWriter:
    """One object: what the file is and its licence, then "rows", written a row at a time."""

    extension = "json"

    def __init__(self, binary, dataset, built_at):
        self.binary = binary
        self.names = [column.name for column in dataset.columns]
        head = json.dumps(
            {**metadata(dataset, built_at), "schema": dataset.schema()}, ensure_ascii=False
        )
        self.binary.write(f'{head[:-1]}, "rows": ['.encode())
        self.first = True

    def row(self, values):
        item = dict(zip(self.names, (plain(value) for value in values), strict=True))
        separator = "" if self.first else ","
        self.binary.write(f"{separator}\n{json.dumps(item, ensure_ascii=False)}".encode())
        self.first = False

    def close(self):
        self.binary.write(b"\n]}\n")


WRITERS = {writer.extension: writer for writer in (CsvWriter, XlsxWriter, JsonWriter)}


def write(dataset, pages, outputs, built_at):
    """Write `pages` to each of `outputs` ({format: binary file}), in the active language.

    A generator: it yields the number of rows written so far after each chunk (so that a
    download can send what is written) and once more when the files are complete.
    """
    writers = [WRITERS[name](binary, dataset, built_at) for name, binary in outputs.items()]
    count = 0
    for page in pages.iterator(chunk_size=CHUNK_SIZE):
        values = dataset.values(page)
        for writer in writers:
            writer.row(values)
        count += 1
        if count % CHUNK_SIZE == 0:
            yield count
    for writer in writers:
        writer.close()
    yield count
