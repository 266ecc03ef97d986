"""Replace Wagtail's welcome page with the Swedish home page, and add the English locale."""

import uuid

from django.conf import settings
from django.db import migrations


def create_site(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Locale = apps.get_model("wagtailcore", "Locale")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    HomePage = apps.get_model("hub", "HomePage")

    for code, _name in settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    swedish = Locale.objects.get(language_code=settings.LANGUAGE_CODE)

    # The welcome page from Wagtail's own migration, if it is still there.
    Page.objects.filter(depth=2, url_path="/home/", content_type__model="page").delete()
    if Page.objects.filter(depth=2).exists():
        return

    content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="hub")
    home = HomePage.objects.create(
        title="Klimathubben",
        draft_title="Klimathubben",
        slug="home",
        content_type=content_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=swedish,
        translation_key=uuid.uuid4(),
        live=True,
    )
    Page.objects.filter(depth=1).update(numchild=1)
    Site.objects.all().delete()
    Site.objects.create(
        hostname="localhost", port=80, site_name="Klimathubben", root_page=home, is_default_site=True
    )


class Migration(migrations.Migration):
    dependencies = [
        ("hub", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_site, migrations.RunPython.noop)]
