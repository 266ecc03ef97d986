"""Demo case studies, read from case_studies.toml in this folder.

A case study's text links another one as `<a linktype="page" id="@page:<key>">`; the link gets
that page's id once the page exists, and shows the reader's language through Wagtail's rich
text (the linked page's translation when there is one).
"""

import re
from decimal import Decimal
from pathlib import Path

from casestudies.models import (
    CaseStudyContact,
    CaseStudyImpactFigure,
    CaseStudyPage,
    CaseStudyRelatedPage,
    CaseStudyTheme,
)
from hub.demo import DemoLoader, prepare_fields, read_data, source_locale, stable_uuid
from hub.demo.images import ALT_TEXT, image
from hub.models import Contact, Municipality, Organisation, Theme

DATA_DIR = Path(__file__).resolve().parent
PAGE_LINK = re.compile(r'<a linktype="page" id="@page:([^"]+)">(.*?)</a>', re.S)


def page_fields(fields, picture=None, language="sv"):
    """The file's plain lists become StreamField data; a demo picture's alternative text joins
    the page's own text."""
    fields = dict(fields)
    fields.pop("impact_figures", None)  # rows of their own: `impact_figures()`
    if picture:
        fields["listing_image_alt"] = ALT_TEXT[picture][language]
    if "key_figures" in fields:
        fields["key_figures"] = [
            {"type": "figure", "value": item} for item in fields["key_figures"]
        ]
    if "external_links" in fields:
        fields["external_links"] = [
            {"type": "link", "value": item} for item in fields["external_links"]
        ]
    return fields


def link_pages(value, loader):
    """Demo page keys in rich text links become page ids; a link to a page that does not exist
    yet keeps only its text, until the page is made and this runs again."""
    if isinstance(value, dict):
        return {name: link_pages(item, loader) for name, item in value.items()}
    if isinstance(value, list):
        return [link_pages(item, loader) for item in value]
    if not isinstance(value, str):
        return value

    def link(match):
        page = loader.find_page(match.group(1))
        if page is None:
            return match.group(2)
        return f'<a linktype="page" id="{page.pk}">{match.group(2)}</a>'

    return PAGE_LINK.sub(link, value)


def impact_figures(entry, language):
    """The comparable figures the source documents state, in one language; a figure keeps its
    translation key across languages, so its translation pairs with it."""
    return [
        CaseStudyImpactFigure(
            translation_key=stable_uuid("impact-figure", entry["key"], item["metric"]),
            sort_order=order,
            metric=item["metric"],
            value=Decimal(str(item["value"])),
            base_year=item.get("base_year"),
            target_year=item.get("target_year"),
            source=item["source"],
        )
        for order, item in enumerate(entry[language].get("impact_figures", []))
    ]


def relations(entry, known):
    """What sets a case study's places, partners, themes, contacts and tags."""

    def relate(page):
        page.municipalities = list(Municipality.objects.filter(code__in=entry["municipalities"]))
        page.partners = [known["organisations"][name] for name in entry.get("partners", [])]
        page.case_study_themes = [
            CaseStudyTheme(theme=known["themes"][slug]) for slug in entry["themes"]
        ]
        page.case_study_contacts = [
            CaseStudyContact(contact=known["contacts"][stable_uuid("contact", key)])
            for key in entry.get("contacts", [])
        ]
        page.tags.add(*entry.get("tags", []))
        page.impact_figures = impact_figures(entry, "sv")

    return relate


def link_later_pages(created, pages, loader):
    """Editors' choices of related case studies and links to later pages, once all exist."""
    for entry in created:
        page = pages[entry["key"]]
        related = [pages[key] for key in entry.get("related", []) if key in pages]
        if related:
            page.related_case_studies = [
                CaseStudyRelatedPage(related=item, sort_order=order)
                for order, item in enumerate(related)
            ]
        linking = {
            name: value
            for name, value in page_fields(entry["sv"]).items()
            if "@page:" in str(value)
        }
        linked = prepare_fields(CaseStudyPage, entry["key"], link_pages(linking, loader))
        for name, value in linked.items():
            setattr(page, name, value)
        if related or linked:
            page.save_revision().publish()


def load(loader: DemoLoader):
    data = read_data("case_studies.toml", base=DATA_DIR)
    library = loader.find_page("case-studies")
    if library is None:
        raise RuntimeError("Load the site pages first: the case study library is missing.")
    locale = source_locale()
    known = {
        "themes": {theme.slug: theme for theme in Theme.objects.filter(locale=locale)},
        "contacts": {
            contact.translation_key: contact for contact in Contact.objects.filter(locale=locale)
        },
        "organisations": {item.name: item for item in Organisation.objects.all()},
    }

    pages, created = {}, []
    for entry in data["case_studies"]:
        existing = loader.find_page(entry["key"])
        pages[entry["key"]] = loader.page(
            entry["key"],
            CaseStudyPage,
            library,
            link_pages(page_fields(entry["sv"], entry.get("image")), loader),
            relate=relations(entry, known),
            listing_image=image(entry["image"]) if "image" in entry else None,
            status=entry.get("status", CaseStudyPage.Status.ONGOING),
            start_year=entry.get("start_year"),
            end_year=entry.get("end_year"),
        )
        if existing is None:
            created.append(entry)
    link_later_pages(created, pages, loader)

    for entry in data["case_studies"]:
        if "en" in entry:
            fields = prepare_fields(
                CaseStudyPage,
                entry["key"],
                link_pages(page_fields(entry["en"], entry.get("image"), "en"), loader),
            )
            fields["impact_figures"] = impact_figures(entry, "en")
            loader.translate(pages[entry["key"]], "en", fields)
    return pages
