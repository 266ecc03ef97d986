from django.db import migrations

# The editors' desk lists the case studies published longest ago, and the pages published
# most recently, as an index range (hub/desk/panels.py). Wagtail indexes first_published_at only.
CREATE = "CREATE INDEX desk_page_last_published ON wagtailcore_page (last_published_at)"
DROP = "DROP INDEX desk_page_last_published"


class Migration(migrations.Migration):
    dependencies = [
        ("casestudies", "0005_per_page_bounds"),
    ]

    operations = [migrations.RunSQL(CREATE, DROP)]
