"""The pages `make lighthouse` audits, picked from the demo content by query.

    python scripts/lighthouse/pages.py [sv|en]    # {name: path} as JSON, with the site's settings

Each kind of public page a visitor lands on most, in Swedish: the home page, a case study (one
with a picture, the heaviest kind), the library filtered by a theme and a county that hold that
case study, an event, the newest newsletter issue and the municipality overview with its map.
"""

import json
import os
import sys
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent.parent

# (name, what it is), in the order of the table.
PAGES = [
    ("home", "the home page"),
    ("case-study", "a case study with a picture"),
    ("library-filtered", "the library filtered by a theme and a county"),
    ("event", "an event"),
    ("issue", "the newest newsletter issue"),
    ("map", "the municipality overview with the county map"),
]


def page_urls(language="sv"):
    """{name: path} for each of PAGES; a name is missing when the content has no such page."""
    from django.urls import reverse
    from django.utils import translation

    from casestudies.models import CaseStudyIndexPage, CaseStudyPage
    from events.models import EventPage
    from hub.models import HomePage, NewsletterIssuePage

    def live(model):
        return model.objects.live().filter(locale__language_code=language).order_by("path")

    urls = {}
    home = live(HomePage).first()
    if home:
        urls["home"] = home.get_url()
    case_studies = live(CaseStudyPage)
    case_study = case_studies.filter(listing_image__isnull=False).first() or case_studies.first()
    if case_study:
        urls["case-study"] = case_study.get_url()
    library = live(CaseStudyIndexPage).first()
    theme = case_study and case_study.case_study_themes.order_by("sort_order").first()
    municipality = case_study and case_study.municipalities.order_by("name").first()
    if library and theme and municipality:
        query = urlencode({"theme": theme.theme.slug, "county": municipality.county.slug})
        urls["library-filtered"] = f"{library.get_url()}?{query}"
    event = live(EventPage).first()
    if event:
        urls["event"] = event.get_url()
    issue = live(NewsletterIssuePage).order_by("-issue_date", "-pk").first()
    if issue:
        urls["issue"] = issue.get_url()
    with translation.override(language):
        urls["map"] = reverse("municipality_index")
    return urls


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.production")
    import django

    django.setup()
    sys.stdout.write(json.dumps(page_urls(*sys.argv[1:2])) + "\n")
