"""Editors' roles: the groups, what each may do, and the review workflow of the content sections.

The groups and the workflow are made by a migration (hub/migrations/0012_editor_groups.py)
and, for sections made later, when a section page is created (`grant_section`). Every function
takes an app registry, so the migration runs it on its historical models.

Group names are Swedish database strings; `group_label` names them in the admin's language.
"""

from django.contrib.auth.management import create_permissions
from django.utils.translation import pgettext_lazy

ADMINISTRATORS = "Administratörer"
EDITORS = "Redaktörer"
WRITERS = "Skribenter"
TRANSLATORS = "Översättare"
NEWSLETTER_SENDERS = "Nyhetsbrevsutskick"

GROUP_LABELS = {
    ADMINISTRATORS: pgettext_lazy("group", "Administrators"),
    EDITORS: pgettext_lazy("group", "Editors"),
    WRITERS: pgettext_lazy("group", "Writers"),
    TRANSLATORS: pgettext_lazy("group", "Translators"),
    NEWSLETTER_SENDERS: pgettext_lazy("group", "Newsletter senders"),
}

WORKFLOW = "Granskning"
TASK = "Redaktörens granskning"

# Pages below these go through the review workflow; writers add pages below the first two.
WRITER_SECTIONS = ("casestudies.casestudyindexpage", "events.eventindexpage")
REVIEWED_SECTIONS = (*WRITER_SECTIONS, "hub.newsletterindexpage")

TAXONOMY_VIEW = [
    "hub.view_theme",
    "hub.view_municipality",
    "hub.view_county",
    "hub.view_organisation",
    "hub.view_contact",
    "events.view_eventtype",
]
SNIPPETS = [
    ("hub", "theme"),
    ("hub", "municipality"),
    ("hub", "county"),
    ("hub", "organisation"),
    ("hub", "contact"),
    ("events", "eventtype"),
    ("taggit", "tag"),
    ("wagtailsearchpromotions", "searchpromotion"),
    ("wagtailredirects", "redirect"),
]
SEARCH_STATISTICS = ["wagtailsearchpromotions.view_query", "search.view_unansweredquery"]
SEND_NEWSLETTER = "hub.send_newsletterissuepage"
# Downloading the open data from the admin, filtered (hub/open_data/admin.py).
OPEN_DATA_DOWNLOAD = "hub.view_opendatafile"

MEDIA = {"wagtailimages": "image", "wagtaildocs": "document"}
ALL_MEDIA = ("add", "change", "delete", "choose")


def media(*actions):
    """Permissions on images and documents, e.g. media("add", "choose")."""
    return [f"{app}.{action}_{kind}" for app, kind in MEDIA.items() for action in actions]


# Each group's permissions: (model-wide, on the root collection, on the root page).
ROLES = {
    EDITORS: (
        [
            "wagtailadmin.access_admin",
            "wagtail_localize.submit_translation",
            "hub.view_subscriber",
            # To end a reader's alert on request (hub/newsletters/admin.py).
            "hub.view_alert",
            "hub.change_alert",
            OPEN_DATA_DOWNLOAD,
            *SEARCH_STATISTICS,
            *(
                f"{app}.{action}_{model}"
                for app, model in SNIPPETS
                for action in ("add", "change", "delete", "view")
            ),
            *media(*ALL_MEDIA),
        ],
        [
            *media(*ALL_MEDIA),
            "wagtailcore.add_collection",
            "wagtailcore.change_collection",
            "wagtailcore.delete_collection",
        ],
        ["add", "change", "publish", "lock", "unlock"],
    ),
    WRITERS: (
        [
            "wagtailadmin.access_admin",
            *TAXONOMY_VIEW,
            *media("add", "choose"),
        ],
        media("add", "choose"),
        [],
    ),
    TRANSLATORS: (
        ["wagtailadmin.access_admin", "wagtail_localize.submit_translation", *TAXONOMY_VIEW],
        media("choose"),
        [],
    ),
    NEWSLETTER_SENDERS: (["wagtailadmin.access_admin", SEND_NEWSLETTER], [], []),
}

# Wagtail's stock groups become the two that do what they did: moderators publish, editors
# draft. Renaming keeps their members and the stock workflow's task, which names Moderators.
STOCK_GROUPS = {"Moderators": EDITORS, "Editors": WRITERS}
STOCK_WORKFLOW_NAMES = ("Granskning före publicering", "Moderators approval")
STOCK_TASK_NAMES = ("Granskning av moderator", "Moderators approval")


def group_label(name):
    """A group's name in the admin's language; groups editors made keep their own name."""
    return GROUP_LABELS.get(name, name)


def permissions(apps, names):
    """The ids of the permissions `names` ("app_label.codename") that exist.

    Ids, not rows: a reversed migration's models need not be the classes its relations name.
    """
    Permission = apps.get_model("auth", "Permission")
    found = []
    for name in names:
        app_label, codename = name.split(".")
        found.extend(
            Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).values_list("pk", flat=True)
        )
    return found


def root_collection(apps):
    Collection = apps.get_model("wagtailcore", "Collection")
    return Collection.objects.filter(depth=1).first()


def root_page(apps):
    Page = apps.get_model("wagtailcore", "Page")
    return Page.objects.filter(depth=1).first()


def page_permission(apps, action):
    return permissions(apps, [f"wagtailcore.{action}_page"])[0]


def set_page_permissions(apps, group, page, actions):
    """Exactly `actions` for `group` on `page`."""
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupPagePermission.objects.filter(group_id=group.pk, page_id=page.pk).exclude(
        permission__codename__in=[f"{action}_page" for action in actions]
    ).delete()
    for action in actions:
        GroupPagePermission.objects.get_or_create(
            group_id=group.pk, page_id=page.pk, permission_id=page_permission(apps, action)
        )


def set_collection_permissions(apps, group, names):
    """Exactly `names` for `group` on the root collection."""
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    collection = root_collection(apps)
    if collection is None:
        return
    wanted = permissions(apps, names)
    GroupCollectionPermission.objects.filter(
        group_id=group.pk, collection_id=collection.pk
    ).exclude(permission_id__in=wanted).delete()
    for permission in wanted:
        GroupCollectionPermission.objects.get_or_create(
            group_id=group.pk, collection_id=collection.pk, permission_id=permission
        )


def ensure_roles_with_new_models(apps, app_label="hub"):
    """`ensure_roles` from a migration that adds models: Django makes a new model's
    permissions only after migrating, and the groups need them now."""
    app_config = apps.get_app_config(app_label)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    ensure_roles(apps)


def ensure_roles(apps):
    """The five groups with their permissions and the review workflow; safe to run again."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for stock, name in STOCK_GROUPS.items():
        if not Group.objects.filter(name=name).exists():
            Group.objects.filter(name=stock).update(name=name)
    root = root_page(apps)

    administrators, _created = Group.objects.get_or_create(name=ADMINISTRATORS)
    administrators.permissions.set(Permission.objects.values_list("pk", flat=True))
    set_collection_permissions(
        apps,
        administrators,
        media(*ALL_MEDIA)
        + [f"wagtailcore.{action}_collection" for action in ("add", "change", "delete")],
    )
    if root is not None:
        set_page_permissions(
            apps,
            administrators,
            root,
            ["add", "change", "publish", "bulk_delete", "lock", "unlock"],
        )

    for name, (model_wide, on_collection, on_root) in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(permissions(apps, model_wide))
        set_collection_permissions(apps, group, on_collection)
        if root is not None:
            set_page_permissions(apps, group, root, on_root)

    workflow = ensure_workflow(apps, Group.objects.get(name=EDITORS))
    Page = apps.get_model("wagtailcore", "Page")
    for page in Page.objects.filter(content_type__in=section_types(apps, REVIEWED_SECTIONS)):
        grant_section(apps, page, workflow)
    for page in translated_homes(apps):
        grant_translators(apps, page)


def ensure_workflow(apps, editors):
    """The workflow "Granskning" with the editors' review: Wagtail's stock workflow renamed,
    or a new one if it is gone."""
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    ContentType = apps.get_model("contenttypes", "ContentType")
    workflow = Workflow.objects.filter(name=WORKFLOW).first()
    if workflow is None:
        workflow = Workflow.objects.filter(name__in=STOCK_WORKFLOW_NAMES).first()
        if workflow is not None:
            workflow.name = WORKFLOW
            workflow.save(update_fields=["name"])
        else:
            workflow = Workflow.objects.create(name=WORKFLOW, active=True)
    task = GroupApprovalTask.objects.filter(
        name__in=(TASK, *STOCK_TASK_NAMES), workflow_tasks__workflow=workflow
    ).first()
    if task is None:
        content_type, _created = ContentType.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )
        task = GroupApprovalTask.objects.create(name=TASK, content_type=content_type, active=True)
        WorkflowTask.objects.create(
            workflow=workflow, task=task, sort_order=workflow.workflow_tasks.count()
        )
    elif task.name != TASK:
        task.name = TASK
        task.save(update_fields=["name"])
    task.groups.add(editors)
    return workflow


def section_types(apps, labels):
    ContentType = apps.get_model("contenttypes", "ContentType")
    pairs = [label.split(".") for label in labels]
    return [
        content_type
        for content_type in ContentType.objects.filter(app_label__in={a for a, _m in pairs})
        if [content_type.app_label, content_type.model] in pairs
    ]


def grant_section(apps, page, workflow=None):
    """The review workflow on a section page, unless editors chose another; writers may add
    pages below the library and the calendar."""
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    ContentType = apps.get_model("contenttypes", "ContentType")
    workflow = workflow or Workflow.objects.filter(name=WORKFLOW).first()
    if workflow is not None and not WorkflowPage.objects.filter(page_id=page.pk).exists():
        WorkflowPage.objects.create(page_id=page.pk, workflow=workflow)
    content_type = ContentType.objects.get(pk=page.content_type_id)
    writers = Group.objects.filter(name=WRITERS).first()
    if writers is not None and f"{content_type.app_label}.{content_type.model}" in WRITER_SECTIONS:
        GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
        GroupPagePermission.objects.get_or_create(
            group_id=writers.pk, page_id=page.pk, permission_id=page_permission(apps, "add")
        )


def translated_homes(apps):
    """The home pages of the languages other than the default, where translations live."""
    from django.conf import settings

    Page = apps.get_model("wagtailcore", "Page")
    homes = Page.objects.filter(content_type__in=section_types(apps, ["hub.homepage"]))
    return homes.exclude(locale__language_code=settings.LANGUAGE_CODE)


def grant_translators(apps, page):
    """Translators edit the pages of a translated home page's tree, and nothing else."""
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    translators = Group.objects.filter(name=TRANSLATORS).first()
    if translators is not None:
        GroupPagePermission.objects.get_or_create(
            group_id=translators.pk,
            page_id=page.pk,
            permission_id=page_permission(apps, "change"),
        )


def page_created(sender, instance, created, raw=False, **kwargs):
    """Give a new section page the workflow and writers' permission, and a new translated
    home page the translators' (connected in hub/apps.py)."""
    from django.apps import apps
    from django.conf import settings

    from wagtail.models import Page

    if not created or raw or not isinstance(instance, Page):
        return
    label = instance._meta.label_lower
    if label in REVIEWED_SECTIONS:
        grant_section(apps, instance)
    elif label == "hub.homepage" and instance.locale.language_code != settings.LANGUAGE_CODE:
        grant_translators(apps, instance)
