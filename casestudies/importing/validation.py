"""Checking every row against the hub's vocabularies, before anything is written.

A row becomes an `Entry`: the values of the file's columns as the page stores them (ids,
numbers, stream data), or problems named by row and column. The vocabularies are read once
per file, so checking costs the same few queries for ten rows or ten thousand.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from casestudies.importing.columns import PART_SEPARATOR, split_values
from casestudies.importing.report import Problem
from casestudies.models import FIRST_YEAR, LAST_YEAR, CaseStudyPage
from hub.models import Contact, Municipality, Organisation, Theme

MAX_EXTERNAL_ID = CaseStudyPage._meta.get_field("external_id").max_length
MAX_TITLE = CaseStudyPage._meta.get_field("title").max_length
MAX_SUMMARY = CaseStudyPage.text_limits["summary"]
MAX_TAG = 100
# KeyFigureBlock's and LinkBlock's max_length.
FIGURE_LIMITS = {"value": 20, "unit": 30, "label": 100}
MAX_LINK_TEXT = 150

STATUS_WORDS = {
    CaseStudyPage.Status.PLANNED: ("planned", "planerat", "planerad"),
    CaseStudyPage.Status.ONGOING: ("ongoing", "pågående", "pågår"),
    CaseStudyPage.Status.COMPLETED: ("completed", "avslutat", "avslutad", "klart", "klar"),
}
STATUSES = {word: status for status, words in STATUS_WORDS.items() for word in words}


@dataclass
class Entry:
    """One valid row: the values of the columns the file has, as the page holds them."""

    row: int
    external_id: str
    values: dict = field(default_factory=dict)


class Vocabulary:
    """Municipalities, themes, organisations and contacts by the names a file may use."""

    def __init__(self, locale):
        self.municipalities = {}
        names = defaultdict(list)
        for pk, code, name in Municipality.objects.values_list("pk", "code", "name"):
            self.municipalities[code] = [pk]
            names[name.casefold()].append(pk)
        self.municipalities.update(names)
        self.themes = defaultdict(list)
        for pk, name, slug in Theme.objects.filter(locale=locale).values_list("pk", "name", "slug"):
            self.themes[slug.casefold()].append(pk)
            if name.casefold() != slug.casefold():
                self.themes[name.casefold()].append(pk)
        self.organisations = {
            name.casefold(): [pk] for pk, name in Organisation.objects.values_list("pk", "name")
        }
        self.contacts = defaultdict(list)
        contacts = Contact.objects.filter(locale=locale).values_list("pk", "name", "email")
        for pk, name, email in contacts:
            self.contacts[name.casefold()].append(pk)
            if email:
                self.contacts[email.casefold()].append(pk)


class RowChecker:
    """Checks one row at a time, collecting its problems."""

    def __init__(self, vocabulary):
        self.vocabulary = vocabulary
        self.problems = []

    def problem(self, row, column, message):
        self.problems.append(Problem(row, column, message))

    def check(self, row, cells):
        """An Entry for a valid row; None, with problems noted, for one that is not."""
        before = len(self.problems)
        values = {}
        for column, cell in cells.items():
            if cell is None:
                continue  # unreadable, reported already
            text = str(cell).strip()
            values[column] = getattr(self, f"check_{column}")(row, text)
        self.check_together(row, values)
        if len(self.problems) > before or None in cells.values():
            return None
        return Entry(row, values.pop("external_id", ""), values)

    def required_text(self, row, column, text, limit, missing):
        if not text:
            self.problem(row, column, missing)
        elif len(text) > limit:
            self.too_long(row, column, limit)
        return text

    def too_long(self, row, column, limit):
        self.problem(row, column, _("Longer than %(limit)s characters.") % {"limit": limit})

    def check_external_id(self, row, text):
        missing = _("The external id is missing.")
        return self.required_text(row, "external_id", text, MAX_EXTERNAL_ID, missing)

    def check_title(self, row, text):
        return self.required_text(row, "title", text, MAX_TITLE, _("The title is missing."))

    def check_summary(self, row, text):
        missing = _("The summary is missing.")
        return self.required_text(row, "summary", text, MAX_SUMMARY, missing)

    def named(self, row, column, text, known, unknown, required=False):
        """The ids of the names in `text` found in `known`, in the file's order, once each."""
        ids = []
        for name in split_values(text):
            found = known.get(name.casefold(), [])
            if not found:
                self.problem(row, column, unknown % {"name": name})
            elif len(found) > 1:
                ambiguous = _("“%(name)s” fits more than one; be more precise.")
                self.problem(row, column, ambiguous % {"name": name})
            elif found[0] not in ids:
                ids.append(found[0])
        if required and not split_values(text):
            self.problem(row, column, _("At least one is needed."))
        return ids

    def check_municipalities(self, row, text):
        unknown = _("Unknown municipality code or name “%(name)s”.")
        return self.named(
            row, "municipalities", text, self.vocabulary.municipalities, unknown, required=True
        )

    def check_themes(self, row, text):
        unknown = _("Unknown theme “%(name)s”.")
        return self.named(row, "themes", text, self.vocabulary.themes, unknown, required=True)

    def check_partners(self, row, text):
        unknown = _("Unknown organisation “%(name)s”: add it to the hub first.")
        return self.named(row, "partners", text, self.vocabulary.organisations, unknown)

    def check_contacts(self, row, text):
        unknown = _("Unknown contact “%(name)s”: add the person to the hub first.")
        return self.named(row, "contacts", text, self.vocabulary.contacts, unknown)

    def year(self, row, column, text):
        if not text:
            return None
        try:
            year = int(text)
        except ValueError:
            year = None
        if year is None or not FIRST_YEAR <= year <= LAST_YEAR:
            self.problem(
                row,
                column,
                _("“%(value)s” is not a year from %(first)s to %(last)s.")
                % {"value": text, "first": FIRST_YEAR, "last": LAST_YEAR},
            )
        return year

    def check_start_year(self, row, text):
        return self.year(row, "start_year", text)

    def check_end_year(self, row, text):
        return self.year(row, "end_year", text)

    def check_status(self, row, text):
        if not text:
            return CaseStudyPage.Status.ONGOING
        status = STATUSES.get(text.casefold())
        if status is None:
            self.problem(
                row,
                "status",
                _("Unknown status “%(value)s”: use planned, ongoing or completed.")
                % {"value": text},
            )
        return status

    def check_together(self, row, values):
        start, end = values.get("start_year"), values.get("end_year")
        if start and end and end < start:
            self.problem(row, "end_year", _("The end year cannot be before the start year."))
        if values.get("status") == CaseStudyPage.Status.COMPLETED and not end:
            self.problem(row, "end_year", _("A completed case study needs an end year."))

    def check_key_figures(self, row, text):
        figures = []
        for item in split_values(text):
            parts = [part.strip() for part in item.split(PART_SEPARATOR)]
            if len(parts) == 2:
                parts.insert(1, "")
            if len(parts) != 3 or not parts[0] or not parts[2]:
                self.problem(
                    row,
                    "key_figures",
                    _("“%(value)s” is not “figure | unit | what it counts”.") % {"value": item},
                )
                continue
            figure = dict(zip(FIGURE_LIMITS, parts, strict=True))
            for part, limit in FIGURE_LIMITS.items():
                if len(figure[part]) > limit:
                    self.too_long(row, "key_figures", limit)
            figures.append(figure)
        return figures

    def check_links(self, row, text):
        links = []
        for item in split_values(text):
            title, _separator, url = item.rpartition(PART_SEPARATOR)
            title, url = title.strip(), url.strip()
            try:
                URLValidator(schemes=["http", "https"])(url)
            except ValidationError:
                self.problem(row, "links", _("“%(value)s” is not a web address.") % {"value": url})
                continue
            title = title or urlsplit(url).hostname
            if len(title) > MAX_LINK_TEXT:
                self.too_long(row, "links", MAX_LINK_TEXT)
            links.append({"title": title, "url": url})
        return links

    def check_tags(self, row, text):
        tags = {}
        for tag in split_values(text):
            if len(tag) > MAX_TAG:
                self.too_long(row, "tags", MAX_TAG)
            tags.setdefault(tag.casefold(), tag)
        return sorted(tags.values(), key=str.casefold)


def check_rows(sheet, locale):
    """The Entries of a sheet's rows and every problem found, the file's own included."""
    checker = RowChecker(Vocabulary(locale))
    checker.problems.extend(sheet.problems)
    entries = []
    first_row = {}
    for row, cells in sheet.rows:
        entry = checker.check(row, cells)
        external_id = str(cells.get("external_id") or "").strip()
        if external_id and external_id in first_row:
            checker.problem(
                row,
                "external_id",
                _("The external id “%(id)s” is on row %(row)s already.")
                % {"id": external_id, "row": first_row[external_id]},
            )
            continue
        if external_id:
            first_row[external_id] = row
        if entry is not None:
            entries.append(entry)
    checker.problems.sort(key=lambda problem: problem.row or 0)
    return entries, checker.problems
