"""The URLs the site benchmark loads, picked from the generated data, and their SQL counts."""

import json
from pathlib import Path

# (name, what it is); `--only` takes names or their first part ("search" is every search).
URL_NAMES = [
    ("static", "a CSS file under /static/, the baseline"),
    ("home", "the Swedish home page"),
    ("case-study", "a case study, the middle one in the tree"),
    ("library", "the case study library"),
    ("library-filtered", "the library filtered by theme and county"),
    ("calendar", "the event calendar"),
    ("event", "an event in a series, the middle one"),
    ("series", "that event's series"),
    ("newsletters", "the newsletter archive"),
    ("issue", "the newest newsletter issue"),
    ("tag", "the page of the most used tag"),
    ("tags", "the tag overview"),
    ("municipality", "Malmö's page"),
    ("municipalities", "the municipality overview"),
    ("search", "search for a word on most pages"),
    ("search-rare", "search for a rare word"),
    ("search-filtered", "search with a theme filter"),
    ("suggest", "search-as-you-type suggestions"),
    ("ical", "the calendar's iCal feed"),
    ("rss", "the newsletter archive's RSS feed"),
    ("sitemap", "/sitemap.xml"),
    ("api-pages", "the JSON API: every Swedish page, the default fields"),
    ("api-case-studies", "the JSON API: case studies with every field"),
    ("api-filtered", "the JSON API: case studies by theme and municipality, every field"),
    ("api-after", "the JSON API: case studies after the middle one's id, every field"),
    ("api-tag", "the JSON API: pages with the most used tag"),
    ("api-page", "the JSON API: the middle case study"),
]
API_CASE_STUDIES = "/api/v2/pages/?type=casestudies.CaseStudyPage"
MOST_USED_TAG = """
    SELECT tag_id FROM (
        SELECT tag_id FROM casestudies_casestudytag
        UNION ALL SELECT tag_id FROM events_eventtag
        UNION ALL SELECT tag_id FROM hub_newslettertag
    ) links GROUP BY tag_id ORDER BY count(*) DESC, tag_id LIMIT 1
"""


def selected(only):
    """The URL names `--only` asks for; the static file always, for the ratio."""
    if not only:
        return [name for name, _what in URL_NAMES]
    wanted = {token.strip() for token in only.split(",") if token.strip()}
    known = {name for name, _what in URL_NAMES}
    unknown = {t for t in wanted if t not in known and not any(n.startswith(t) for n in known)}
    if unknown:
        raise ValueError(f"--only: no URL named {', '.join(sorted(unknown))}")
    return [
        name
        for name, _what in URL_NAMES
        if name == "static" or name in wanted or name.split("-")[0] in wanted
    ]


def middle(queryset):
    count = queryset.count()
    return queryset[count // 2] if count else None


def static_css(static_root):
    """The hashed name of the site's stylesheet, as the pages link it."""
    manifest = json.loads((Path(static_root) / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"]["hub/css/site.css"]


def page_urls():
    from taggit.models import Tag

    from django.db import connection

    from casestudies.models import CaseStudyPage
    from events.models import EventPage
    from hub.models import Municipality, NewsletterIndexPage, NewsletterIssuePage

    swedish = {"locale__language_code": "sv"}
    case_study = middle(CaseStudyPage.objects.live().filter(**swedish).order_by("path"))
    events = EventPage.objects.live().filter(**swedish).order_by("path")
    event = middle(events.filter(series__isnull=False)) or middle(events)
    archive = NewsletterIndexPage.objects.live().filter(**swedish).first()
    issue = NewsletterIssuePage.objects.live().filter(**swedish).order_by("-issue_date").first()
    with connection.cursor() as cursor:
        cursor.execute(MOST_USED_TAG)
        row = cursor.fetchone()
    tag = Tag.objects.get(pk=row[0]) if row else Tag.objects.order_by("pk").first()
    county = Municipality.objects.select_related("county").get(slug="malmo").county
    urls = {
        "home": "/sv/",
        "case-study": case_study and case_study.get_url(),
        "library": "/sv/exempel/",
        "library-filtered": f"/sv/exempel/?theme=klimatkontrakt&county={county.slug}",
        "calendar": "/sv/evenemang/",
        "event": event and event.get_url(),
        "series": event and event.series_id and event.series.get_url(),
        "newsletters": archive and archive.get_url(),
        "issue": issue and issue.get_url(),
        "tag": tag and f"/sv/taggar/{tag.slug}/",
        "tags": "/sv/taggar/",
        "municipality": "/sv/kommuner/malmo/",
        "municipalities": "/sv/kommuner/",
        "search": "/sv/sok/?q=klimat",
        "search-rare": "/sv/sok/?q=v%C3%A4tgas",
        "search-filtered": "/sv/sok/?q=klimat&theme=industriell-symbios",
        "suggest": "/sv/sok/forslag/?q=klim",
        "ical": "/sv/evenemang/ical/",
        "rss": archive and archive.get_url() + "rss/",
        "sitemap": "/sitemap.xml",
        "api-pages": "/api/v2/pages/?locale=sv",
        "api-case-studies": f"{API_CASE_STUDIES}&fields=*",
        "api-filtered": f"{API_CASE_STUDIES}&fields=*&theme=klimatkontrakt&municipality=malmo",
        "api-after": case_study and f"{API_CASE_STUDIES}&fields=*&after_id={case_study.pk}",
        "api-tag": tag and f"/api/v2/pages/?tags={tag.slug}",
        "api-page": case_study and f"/api/v2/pages/{case_study.pk}/",
    }
    return {name: url for name, url in urls.items() if url}


def pick_urls(names, static_root):
    """[(name, path)] for the chosen names; a name without data (no events) is left out."""
    urls = {**page_urls(), "static": static_css(static_root)}
    return [(name, urls[name]) for name in names if name in urls]


def count_queries(path):
    """SQL statements one request runs in this process, after a warm-up request: the count a
    warm gunicorn worker sees. (status, count)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response.status_code, len(queries.captured_queries)
