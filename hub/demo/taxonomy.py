"""Themes, organisations and contacts shared by every content type."""

from hub.demo import DemoLoader, read_data
from hub.models import Contact, Municipality, Organisation, Theme


def load(loader: DemoLoader):
    data = read_data("taxonomy.toml")
    for entry in data["themes"]:
        loader.snippet(
            entry["slug"],
            Theme,
            {**entry["sv"], "slug": entry["slug"], "sort_order": entry.get("sort_order", 0)},
            {"en": entry["en"]} if "en" in entry else None,
        )

    for entry in data["organisations"]:
        Organisation.objects.update_or_create(
            name=entry["name"],
            defaults={"kind": entry["kind"], "website": entry.get("website", "")},
        )

    load_contacts(loader, data["contacts"])


def load_contacts(loader: DemoLoader, entries):
    """Contacts in the files' shape: shared fields, then the role per language."""
    organisations = {organisation.name: organisation for organisation in Organisation.objects.all()}
    for entry in entries:
        fields = {
            "name": entry["name"],
            "email": entry.get("email", ""),
            "phone": entry.get("phone", ""),
            "organisation": organisations.get(entry.get("organisation")),
            "municipality": Municipality.objects.filter(code=entry.get("municipality")).first(),
            **entry["sv"],
        }
        loader.snippet(
            entry["key"], Contact, fields, {"en": entry["en"]} if "en" in entry else None
        )
