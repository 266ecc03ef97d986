"""Copy each event's related case studies from the many-to-many field into ordered rows.

The field listed its case studies in the order of the page tree, so the rows keep that order.
Saved revisions and wagtail-localize's translation sources hold the old field as a list of ids;
they are rewritten as rows too, so that drafts still open, publish and sync.
"""

import json

from django.db import migrations

FIELD = "related_case_studies"


def case_study_paths(apps):
    CaseStudyPage = apps.get_model("casestudies", "CaseStudyPage")
    return dict(CaseStudyPage.objects.values_list("pk", "path"))


def rows_from_ids(page_id, ids, paths):
    """The serialised rows for a list of case study ids, in tree order; deleted pages dropped."""
    ids = sorted({pk for pk in ids if pk in paths}, key=paths.get)
    return [
        {"pk": None, "sort_order": order, "page": page_id, "related": pk}
        for order, pk in enumerate(ids)
    ]


def ids_from_rows(rows):
    return [row["related"] for row in sorted(rows, key=lambda row: row.get("sort_order") or 0)]


def is_id_list(value):
    return isinstance(value, list) and all(isinstance(item, int) for item in value)


def is_row_list(value):
    return isinstance(value, list) and all(isinstance(item, dict) for item in value)


def convert_content(content, forwards, paths):
    """`content` with the field converted, or None if there is nothing to convert."""
    value = content.get(FIELD)
    if forwards and is_id_list(value):
        return {**content, FIELD: rows_from_ids(content["pk"], value, paths)}
    if not forwards and is_row_list(value):
        return {**content, FIELD: ids_from_rows(value)}
    return None


def convert_stored_content(apps, forwards):
    """Rewrite the field in event revisions and translation sources."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    event_type = ContentType.objects.filter(app_label="events", model="eventpage").first()
    if event_type is None:
        return
    paths = case_study_paths(apps)
    Revision = apps.get_model("wagtailcore", "Revision")
    for revision in Revision.objects.filter(content_type=event_type).iterator():
        content = convert_content(revision.content, forwards, paths)
        if content is not None:
            revision.content = content
            revision.save(update_fields=["content"])
    TranslationSource = apps.get_model("wagtail_localize", "TranslationSource")
    for source in TranslationSource.objects.filter(specific_content_type=event_type).iterator():
        content = convert_content(json.loads(source.content_json), forwards, paths)
        if content is not None:
            source.content_json = json.dumps(content)
            source.save(update_fields=["content_json"])


def field_table(apps):
    # The field's own table: `EventPage.related_case_studies` names the new rows' relation
    # while both exist.
    return apps.get_model("events", "EventPage_related_case_studies")


def copy_to_rows(apps, schema_editor):
    EventRelatedPage = apps.get_model("events", "EventRelatedPage")
    links = field_table(apps).objects.order_by(
        "eventpage_id", "casestudypage__path"
    )
    rows, order = [], {}
    for link in links.iterator():
        position = order.get(link.eventpage_id, 0)
        order[link.eventpage_id] = position + 1
        rows.append(
            EventRelatedPage(
                page_id=link.eventpage_id, related_id=link.casestudypage_id, sort_order=position
            )
        )
    EventRelatedPage.objects.bulk_create(rows, batch_size=500)
    convert_stored_content(apps, forwards=True)


def copy_to_field(apps, schema_editor):
    EventRelatedPage = apps.get_model("events", "EventRelatedPage")
    Through = field_table(apps)
    CaseStudyPage = apps.get_model("casestudies", "CaseStudyPage")
    case_studies = set(CaseStudyPage.objects.values_list("pk", flat=True))
    links = {
        (row.page_id, row.related_id)
        for row in EventRelatedPage.objects.all()
        if row.related_id in case_studies
    }
    Through.objects.bulk_create(
        [Through(eventpage_id=page, casestudypage_id=related) for page, related in links],
        batch_size=500,
    )
    EventRelatedPage.objects.all().delete()
    convert_stored_content(apps, forwards=False)


class Migration(migrations.Migration):

    dependencies = [
        ("casestudies", "0003_shared_related_page_model"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("events", "0004_eventrelatedpage"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(copy_to_rows, copy_to_field)]
