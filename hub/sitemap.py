"""The sitemaps: an index at /sitemap.xml and one file per content type and language.

Wagtail's own sitemap lists one site's pages without the other languages (wagtail#6583), and
one file of every page grows with the hub. Here `/sitemap.xml` lists
`/sitemap-<section>-<language>.xml` for each content type in the registry and
`/sitemap-pages-<language>.xml` for every other page, each at most `PER_FILE` addresses
(`?p=2` and on beyond that), with each page's translations as hreflang alternates.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Max
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse

from wagtail.models import Page

from hub.aggregates import cached_aggregate
from hub.languages import locale_codes
from hub.models.related import in_private_section
from hub.page_urls import PageUrls
from hub.sections import content_sections

PER_FILE = 5000
OTHER_PAGES = "pages"
# A sitemap reads tuples of these, not Page objects: making 10,000 Page instances costs more than
# the queries do.
PAGE_COLUMNS = ("url_path", "translation_key", "last_published_at", "locale_id")


def xml_response(template, context):
    xml = render_to_string(template, context)
    return HttpResponse(xml, content_type="application/xml; charset=utf-8")


def section_types():
    """{file name: the content type id of its pages} for each content type in the registry."""
    return {
        section.key: ContentType.objects.get_for_model(section.model, for_concrete_model=False).pk
        for section in content_sections()
    }


def pages_in(name, content_types):
    """Live, public pages in the file called `name` ("pages" is every page of no section)."""
    pages = Page.objects.live().exclude(in_private_section()).filter(depth__gt=1)
    if name == OTHER_PAGES:
        return pages.exclude(content_type__in=content_types.values())
    return pages.filter(content_type=content_types[name])


def sitemap_files():
    """(name, language code, number of files, newest publication) for each non-empty sitemap.

    One aggregate over every page, so it is kept until content changes (hub/aggregates.py).
    """
    content_types = section_types()
    names = {type_id: name for name, type_id in content_types.items()}
    languages = locale_codes()
    rows = (
        Page.objects.live()
        .exclude(in_private_section())
        .filter(depth__gt=1)
        .order_by()
        .values_list("content_type", "locale")
        .annotate(total=Count("pk"), newest=Max("last_published_at"))
    )
    files = {}
    for content_type, locale_id, total, newest in rows:
        key = (names.get(content_type, OTHER_PAGES), languages[locale_id])
        old_total, old_newest = files.get(key, (0, None))
        files[key] = (old_total + total, max(filter(None, (old_newest, newest)), default=None))
    return [
        (name, language, -(-total // PER_FILE), newest)
        for (name, language), (total, newest) in sorted(files.items())
    ]


def sitemap(request):
    """The sitemap index: one entry per content type, language and file of `PER_FILE` pages."""
    entries = []
    for name, language, count, newest in cached_aggregate("sitemap-files", sitemap_files):
        url = request.build_absolute_uri(
            reverse("sitemap_section", kwargs={"name": name, "language": language})
        )
        for number in range(1, count + 1):
            entries.append({"loc": url if number == 1 else f"{url}?p={number}", "lastmod": newest})
    return xml_response("sitemap_index.xml", {"entries": entries})


def file_number(request):
    raw = request.GET.get("p", "1")
    if not raw.isdigit() or not 1 <= int(raw) <= 10_000:
        raise Http404("No such sitemap page")
    return int(raw)


def sitemap_section(request, name, language):
    """One sitemap file: a content type's pages (or the other pages) in one language."""
    content_types = section_types()
    locale_id = next((pk for pk, code in locale_codes().items() if code == language), None)
    if locale_id is None or (name != OTHER_PAGES and name not in content_types):
        raise Http404("No such sitemap")
    start = (file_number(request) - 1) * PER_FILE
    pages = pages_in(name, content_types).filter(locale_id=locale_id).order_by("path")
    pages = pages[start : start + PER_FILE]
    entries = url_entries(request, pages)
    if not entries and start:
        raise Http404("No such sitemap page")
    return xml_response("sitemap.xml", {"entries": entries})


def url_entries(request, pages):
    """The <url> entries for `pages` (a slice), with every live translation as an alternate.

    Three queries whatever the number of pages: the pages, their translations, the languages.
    """
    languages = locale_codes()
    url_for = PageUrls(request)
    translations = {}
    others = (
        Page.objects.live()
        .exclude(in_private_section())
        .filter(depth__gt=1, translation_key__in=pages.values("translation_key"))
    )
    for url_path, key, _lastmod, locale_id in others.values_list(*PAGE_COLUMNS):
        url = url_for(url_path)
        if url is not None:
            translations.setdefault(key, []).append({"language": languages[locale_id], "loc": url})
    entries = []
    for url_path, key, lastmod, _locale_id in pages.values_list(*PAGE_COLUMNS):
        url = url_for(url_path)
        if url is None:
            continue
        alternates = translations.get(key, [])
        entries.append(
            {
                "loc": url,
                # W3C datetime, as the date filter's "c" would give, without its cost per entry.
                "lastmod": lastmod.isoformat(timespec="seconds") if lastmod else "",
                "alternates": alternates if len(alternates) > 1 else [],
            }
        )
    return entries
