"""Load all 290 Swedish municipalities and 21 counties with their official codes."""

import csv
from collections import Counter
from pathlib import Path

from django.db import migrations
from django.utils.text import slugify

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "swedish_municipalities.csv"


def load(apps, schema_editor):
    County = apps.get_model("hub", "County")
    Municipality = apps.get_model("hub", "Municipality")
    with open(DATA_FILE, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    counties = {}
    for row in rows:
        code = row["county_code"]
        if code not in counties:
            counties[code], _ = County.objects.update_or_create(
                code=code,
                defaults={"name": row["county_name"], "slug": slugify(row["county_name"])},
            )
    # Håbo and Habo share a slug once the ring is dropped; both then carry their code.
    slug_counts = Counter(slugify(row["municipality_name"]) for row in rows)
    for row in rows:
        slug = slugify(row["municipality_name"])
        if slug_counts[slug] > 1:
            slug = f"{slug}-{row['municipality_code']}"
        Municipality.objects.update_or_create(
            code=row["municipality_code"],
            defaults={
                "name": row["municipality_name"],
                "slug": slug,
                "county": counties[row["county_code"]],
            },
        )


class Migration(migrations.Migration):
    dependencies = [("hub", "0003_taxonomy")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
