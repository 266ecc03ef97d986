"""Reading the open-data files back as a user of them would: csv, openpyxl and json."""

import csv
import io
import json

from openpyxl import load_workbook

from django.core.management import call_command


def build():
    call_command("build_open_data", verbosity=0)


def body(response):
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content)


def csv_rows(response):
    return list(csv.DictReader(io.StringIO(body(response).decode("utf-8-sig"))))


def workbook(response):
    return load_workbook(io.BytesIO(body(response)))


def xlsx_rows(response):
    sheet = workbook(response).active
    rows = sheet.iter_rows(values_only=True)
    header = next(rows)
    return [dict(zip(header, row, strict=True)) for row in rows]


def json_file(response):
    return json.loads(body(response))
