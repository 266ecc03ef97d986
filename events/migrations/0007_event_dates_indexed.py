from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0006_remove_eventpage_related_case_studies"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="eventpage",
            index=models.Index(fields=["end"], name="eventpage_end"),
        ),
        migrations.AddIndex(
            model_name="eventpage",
            index=models.Index(fields=["start", "page_ptr"], name="eventpage_start"),
        ),
    ]
