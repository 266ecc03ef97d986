from django.contrib.auth.management import create_permissions
from django.db import migrations

from hub import roles

# What Wagtail's first migrations gave its stock groups, restored when this one is reversed.
STOCK = {
    "Moderators": ["add", "change", "lock", "publish", "unlock"],
    "Editors": ["add", "change"],
}
STOCK_MODEL_WIDE = [
    "wagtailadmin.access_admin",
    "wagtail_localize.submit_translation",
    *roles.media("add", "change", "choose", "delete"),
]
STOCK_COLLECTION = roles.media("add", "change", "choose")


def add_groups_and_workflow(apps, schema_editor):
    # Django makes most permissions only after migrating; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    roles.ensure_roles(apps)


def restore_stock_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    Task = apps.get_model("wagtailcore", "Task")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Group.objects.filter(
        name__in=[roles.ADMINISTRATORS, roles.TRANSLATORS, roles.NEWSLETTER_SENDERS]
    ).delete()
    root = roles.root_page(apps)
    for stock, name in roles.STOCK_GROUPS.items():
        if Group.objects.filter(name=stock).exists():
            continue
        group = Group.objects.filter(name=name).first() or Group.objects.create(name=stock)
        group.name = stock
        group.save(update_fields=["name"])
        GroupPagePermission.objects.filter(group=group).exclude(page=root).delete()
        group.permissions.set(roles.permissions(apps, STOCK_MODEL_WIDE))
        roles.set_collection_permissions(apps, group, STOCK_COLLECTION)
        if root is not None:
            roles.set_page_permissions(apps, group, root, STOCK[stock])
    for workflow in Workflow.objects.filter(name=roles.WORKFLOW):
        WorkflowPage.objects.filter(workflow=workflow).exclude(page=root).delete()
        if WorkflowPage.objects.filter(workflow=workflow).exists():
            workflow.name = roles.STOCK_WORKFLOW_NAMES[0]
            workflow.save(update_fields=["name"])
            Task.objects.filter(name=roles.TASK, workflow_tasks__workflow=workflow).update(
                name=roles.STOCK_TASK_NAMES[0]
            )
        else:
            workflow.delete()
    Task.objects.filter(name=roles.TASK, workflow_tasks__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("hub", "0011_per_page_bounds"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("casestudies", "0005_per_page_bounds"),
        ("events", "0008_per_page_bounds"),
        ("search", "0007_unanswered_query_last_searched_index"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="newsletterissuepage",
            options={
                "permissions": [("send_newsletterissuepage", "Can send newsletter issues")],
                "verbose_name": "newsletter issue",
                "verbose_name_plural": "newsletter issues",
            },
        ),
        migrations.RunPython(add_groups_and_workflow, restore_stock_groups),
    ]
