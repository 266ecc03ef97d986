"""Comparing valid rows with the pages they update, and writing them as Wagtail would.

Every new or changed row gets a revision (`save_revision`), published if the importer chose
so, and a line in the page's history. A row that changes nothing writes nothing. A page with
an editor's unpublished draft is compared with, and built on, that draft: nothing of it is lost.
"""

import json
from dataclasses import dataclass, field

from taggit.models import Tag

from django.db import transaction
from django.utils.translation import gettext as _

from wagtail.log_actions import log

from casestudies.importing.indexing import index_pages_task, indexed_afterwards
from casestudies.importing.report import Problem, RowResult
from casestudies.models import CaseStudyContact, CaseStudyPage, CaseStudyTheme
from hub.models import Municipality, Organisation

# Rows written in one transaction: fewer commits, and progress shown between them.
CHUNK = 50
# Ids looked up in one query, within every database's limit on parameters.
LOOKUP_CHUNK = 500
# Columns whose order means nothing: compared as sets.
UNORDERED = ("municipalities", "partners", "tags")


@dataclass
class Planned:
    """What importing one row does to the hub."""

    entry: object  # validation.Entry
    base: CaseStudyPage | None  # the page as an editor last saved it; None for a new one
    action: str  # "new", "updated", "published" or "unchanged"
    changed: list[str] = field(default_factory=list)

    def result(self):
        entry = self.entry
        title = entry.values.get("title") or (self.base.title if self.base else "")
        page_id = self.base.pk if self.base else None
        return RowResult(entry.row, entry.external_id, title, self.action, self.changed, page_id)


def current_values(page):
    """The page's values in the form validation gives a row's."""
    return {
        "title": page.title,
        "summary": page.summary,
        "municipalities": [municipality.pk for municipality in page.municipalities.all()],
        "themes": [link.theme_id for link in page.case_study_themes.all()],
        "partners": [organisation.pk for organisation in page.partners.all()],
        "start_year": page.start_year,
        "end_year": page.end_year,
        "status": page.status,
        "key_figures": [dict(block.value) for block in page.key_figures],
        "contacts": [link.contact_id for link in page.case_study_contacts.all()],
        "links": [
            {"title": block.value["title"], "url": block.value["url"]}
            for block in page.external_links
        ],
        "tags": sorted((tag.name for tag in page.tags.all()), key=str.casefold),
    }


def draft_values(content, tag_names):
    """The values of an unpublished draft, read from its revision's stored content.

    What `current_values` reads from the page that `get_latest_revision_as_object()` would
    build, without building it: that costs queries per page, this none.
    """

    def blocks(raw):
        return json.loads(raw) if isinstance(raw, str) else raw or []

    def ordered(links, key):
        return [link[key] for link in sorted(links or [], key=lambda link: link["sort_order"])]

    return {
        "title": content.get("title", ""),
        "summary": content.get("summary", ""),
        "municipalities": content.get("municipalities") or [],
        "themes": ordered(content.get("case_study_themes"), "theme"),
        "partners": content.get("partners") or [],
        "start_year": content.get("start_year"),
        "end_year": content.get("end_year"),
        "status": content.get("status", CaseStudyPage.Status.ONGOING),
        "key_figures": [dict(block["value"]) for block in blocks(content.get("key_figures"))],
        "contacts": ordered(content.get("case_study_contacts"), "contact"),
        "links": [
            {"title": block["value"]["title"], "url": block["value"]["url"]}
            for block in blocks(content.get("external_links"))
        ],
        "tags": sorted(
            (tag_names.get(item["tag"], "") for item in content.get("tagged_items") or []),
            key=str.casefold,
        ),
    }


def comparable(key, value):
    if key in UNORDERED:
        return sorted(str(item).casefold() for item in value)
    return value


def changed_fields(current, values):
    return [
        key
        for key, value in values.items()
        if comparable(key, value) != comparable(key, current[key])
    ]


def existing_pages(locale, external_ids):
    """{external id: page} for the ids that pages in `locale` carry, in a few queries."""
    found = {}
    external_ids = list(external_ids)
    for start in range(0, len(external_ids), LOOKUP_CHUNK):
        pages = (
            CaseStudyPage.objects.filter(
                locale=locale, external_id__in=external_ids[start : start + LOOKUP_CHUNK]
            )
            .select_related("latest_revision", "locked_by")
            .prefetch_related(
                "municipalities", "partners", "case_study_themes", "case_study_contacts", "tags"
            )
        )
        found.update((page.external_id, page) for page in pages)
    return found


def plan(entries, library, publish):
    """What each entry would do, and problems with pages that cannot be changed now."""
    pages = existing_pages(library.locale_id, (entry.external_id for entry in entries))
    tag_names = dict(Tag.objects.values_list("pk", "name"))
    planned, problems = [], []
    for entry in entries:
        page = pages.get(entry.external_id)
        if page is None:
            planned.append(Planned(entry, None, "new", list(entry.values)))
            continue
        if page.locked:
            locked = _("Page %(id)s is locked; unlock it first.") % {"id": page.pk}
            problems.append(Problem(entry.row, "external_id", locked))
            continue
        draft = page.has_unpublished_changes and page.latest_revision
        current = draft_values(draft.content, tag_names) if draft else current_values(page)
        changed = changed_fields(current, entry.values)
        base = page
        if changed:
            # Changes go on top of the draft, so nothing an editor saved is lost.
            base = page.get_latest_revision_as_object() if draft else page
            action = "updated"
        elif publish and (not page.live or page.has_unpublished_changes):
            action = "published"
        else:
            action = "unchanged"
        planned.append(Planned(entry, base, action, changed))
    return planned, problems


class Writer:
    """Writes planned rows below `library` for `user`, as drafts or published."""

    def __init__(self, library, user, publish):
        self.library = library
        self.user = user
        self.publish = publish
        self.municipalities = Municipality.objects.in_bulk()
        self.organisations = {}

    def write(self, planned, progress=None):
        todo = [item for item in planned if item.action != "unchanged"]
        wanted = {pk for item in todo for pk in item.entry.values.get("partners", ())}
        self.organisations = Organisation.objects.in_bulk(wanted)
        for start in range(0, len(todo), CHUNK):
            chunk = todo[start : start + CHUNK]
            with indexed_afterwards(), transaction.atomic():
                for item in chunk:
                    self.write_one(item)
            index_pages_task.enqueue([item.base.pk for item in chunk])
            if progress:
                progress(min(start + CHUNK, len(todo)), len(todo))

    def write_one(self, item):
        if item.action == "new":
            page = CaseStudyPage(
                external_id=item.entry.external_id,
                locale_id=self.library.locale_id,
                owner=self.user,
                live=False,
            )
            self.apply(page, item.entry.values)
            self.library.add_child(instance=page)  # validates the page as it saves it
            # As Wagtail's own create view: one history line, "created", with the revision.
            revision = page.save_revision(user=self.user, clean=False, log_action=False)
            log(instance=page, action="wagtail.create", user=self.user, revision=revision)
            item.base = page
        elif item.action == "updated":
            page = item.base
            self.apply(page, item.entry.values)
            revision = page.save_revision(user=self.user, log_action=True)
        else:
            revision = item.base.latest_revision or item.base.save_revision(user=self.user)
        if self.publish:
            revision.publish(user=self.user, skip_permission_checks=True)

    def apply(self, page, values):
        simple = ("title", "summary", "start_year", "end_year", "status")
        for key in simple:
            if key in values:
                setattr(page, key, values[key])
        if "municipalities" in values:
            page.municipalities = [self.municipalities[pk] for pk in values["municipalities"]]
        if "partners" in values:
            page.partners = [self.organisations[pk] for pk in values["partners"]]
        if "themes" in values:
            page.case_study_themes = [
                CaseStudyTheme(theme_id=pk, sort_order=order)
                for order, pk in enumerate(values["themes"])
            ]
        if "contacts" in values:
            page.case_study_contacts = [
                CaseStudyContact(contact_id=pk, sort_order=order)
                for order, pk in enumerate(values["contacts"])
            ]
        if "key_figures" in values:
            page.key_figures = [("figure", figure) for figure in values["key_figures"]]
        if "links" in values:
            page.external_links = [("link", link) for link in values["links"]]
        if "tags" in values:
            page.tags.set(values["tags"])
