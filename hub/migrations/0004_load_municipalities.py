"""Load all 290 Swedish municipalities and 21 counties with their official codes."""

import csv
from collections import Counter
from pathlib import Path

from django.db import migrations
from django.utils.text import slugify

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "swedish_municipalities.csv"


def data_rows():
    """The counties and the municipalities of the data file, each a list of field dicts; a
    municipality names its county by `county_code`."""
    with open(DATA_FILE, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    counties = {}
    for row in rows:
        name = row["county_name"]
        counties.setdefault(
            row["county_code"], {"code": row["county_code"], "name": name, "slug": slugify(name)}
        )
    # Håbo and Habo share a slug once the ring is dropped; both then carry their code.
    slug_counts = Counter(slugify(row["municipality_name"]) for row in rows)
    municipalities = []
    for row in rows:
        slug = slugify(row["municipality_name"])
        if slug_counts[slug] > 1:
            slug = f"{slug}-{row['municipality_code']}"
        municipalities.append(
            {
                "code": row["municipality_code"],
                "name": row["municipality_name"],
                "slug": slug,
                "county_code": row["county_code"],
            }
        )
    return list(counties.values()), municipalities


def load(apps, schema_editor):
    County = apps.get_model("hub", "County")
    Municipality = apps.get_model("hub", "Municipality")
    county_rows, municipality_rows = data_rows()
    counties = {}
    for fields in county_rows:
        code = fields.pop("code")
        counties[code], _ = County.objects.update_or_create(code=code, defaults=fields)
    for fields in municipality_rows:
        code, county = fields.pop("code"), counties[fields.pop("county_code")]
        Municipality.objects.update_or_create(code=code, defaults={**fields, "county": county})


class Migration(migrations.Migration):
    dependencies = [("hub", "0003_taxonomy")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
