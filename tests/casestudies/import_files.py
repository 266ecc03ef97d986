"""Spreadsheets for the import tests, written with the csv module and openpyxl."""

import csv
import io

import openpyxl

from casestudies.importing.columns import KEYS
from casestudies.models import CaseStudyPage

# Codes and names of municipalities, as a network's spreadsheet mixes them.
PLACES = ["1780", "Linköping", "0581; Norrköping", "Umeå", "2480"]


def row(number, **overrides):
    """Row `number` of a network's list of case studies: every column filled in."""
    values = {
        "external_id": f"nv-{number:05d}",
        "title": f"Exempel {number}: solceller på skolor",
        "summary": f"Kommunen satte solceller på {number} skolor tillsammans med elbolaget.",
        "municipalities": PLACES[number % len(PLACES)],
        "themes": "klimatkontrakt; Energicoachning" if number % 2 else "industriell-symbios",
        "partners": "Energimyndigheten" if number % 3 == 0 else "",
        "start_year": str(2010 + number % 12),
        "end_year": str(2022 + number % 3) if number % 4 == 0 else "",
        "status": "completed" if number % 4 == 0 else "Pågående",
        "key_figures": f"{number} | st | skolor; 40 | | lokala aktörer",
        "contacts": "",
        "links": f"Projektets webbplats | https://example.org/{number}",
        "tags": "solenergi; skolor",
    }
    values.update(overrides)
    return values


def rows(count, start=1):
    return [row(number) for number in range(start, start + count)]


def csv_file(records, keys=KEYS, delimiter=",", encoding="utf-8-sig"):
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=keys, delimiter=delimiter, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(records)
    return text.getvalue().encode(encoding)


def xlsx_file(records, keys=KEYS):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(keys)
    for record in records:
        sheet.append([record.get(key, "") for key in keys])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def imported():
    """The case study pages an import made."""
    return CaseStudyPage.objects.exclude(external_id="")
