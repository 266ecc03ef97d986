"""schema.org data as JSON-LD: one way to write it into a page, and the shapes pages share.

`json_ld_script` is the only place that writes `<script type="application/ld+json">`: the JSON is
escaped so that no text in it can end the element, and the script is allowed by its hash under
the strict Content-Security-Policy (hub/middleware.py), which holds for every visitor, so the
page can still be kept in the page cache. docs/sharing.md lists what each page type says.
"""

import json

from django.conf import settings
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from hub.middleware import allow_inline_script

# JSON inside <script> must not be able to close the element or open a comment.
SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}
SCHEMA = "https://schema.org"
LOGO = "hub/img/share-logo.png"


def to_json(data):
    """`data` as JSON that is safe inside a <script> element."""
    return json.dumps(data, ensure_ascii=False, default=str).translate(SCRIPT_ESCAPES)


def json_ld_script(request, data):
    """`<script type="application/ld+json">` holding `data`, allowed by its hash."""
    text = allow_inline_script(request, to_json({"@context": SCHEMA, **data}))
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


def absolute(path):
    """A site address as a full URL on the site's public base (SITE_BASE_URL)."""
    return path if "://" in path else f"{settings.SITE_BASE_URL}{path}"


def network():
    """The hub itself, as the organisation that publishes everything on it."""
    return {
        "@type": "Organization",
        "name": settings.WAGTAIL_SITE_NAME,
        "url": absolute("/"),
        "logo": absolute(static(LOGO)),
    }


def organisation(organisation):
    data = {"@type": "Organization", "name": organisation.name}
    if organisation.website:
        data["url"] = organisation.website
    return data


def breadcrumb_list(items):
    """A BreadcrumbList from [(name, path or URL)], the current page last."""
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": absolute(url)}
            for position, (name, url) in enumerate(items, start=1)
        ],
    }


def municipality_place(municipality):
    """A municipality with its official code from Statistics Sweden."""
    return {
        "@type": "AdministrativeArea",
        "name": municipality.name,
        "identifier": {
            "@type": "PropertyValue",
            "propertyID": "kommunkod",
            "value": municipality.code,
        },
    }


def measured_values(name, figures):
    """A Dataset of measured figures (objects with a metric label, value, unit, years and
    source), each a PropertyValue: a case study's comparable impact figures."""
    variables = []
    for figure in figures:
        variable = {
            "@type": "PropertyValue",
            "name": str(figure.get_metric_display()),
            "propertyID": figure.metric,
            "value": float(figure.value),
            "unitText": str(figure.unit),
            "measurementTechnique": figure.source,
        }
        if figure.years:
            variable["temporalCoverage"] = figure.years.replace("–", "/")
        variables.append(variable)
    return {"@type": "Dataset", "name": name, "variableMeasured": variables}


def article(page, request, *, image, authors=(), themes=(), places=(), figures=()):
    """An Article for a page that reads as one: a case study, a newsletter issue; a case
    study's impact figures are a Dataset that is part of it."""
    data = {
        "@type": "Article",
        "headline": page.seo_title or page.title,
        "description": page.get_meta_description(),
        "url": absolute(page.get_url(request)),
        "mainEntityOfPage": absolute(page.get_url(request)),
        "inLanguage": page.locale.language_code,
        "author": [organisation(author) for author in authors] or network(),
        "publisher": network(),
    }
    published = page.get_listing_date()
    if published:
        data["datePublished"] = published.isoformat()
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    if image:
        data["image"] = {
            "@type": "ImageObject",
            "url": image["url"],
            "width": image["width"],
            "height": image["height"],
        }
    if themes:
        data["about"] = [{"@type": "DefinedTerm", "name": theme.name} for theme in themes]
    if places:
        data["spatialCoverage"] = [municipality_place(place) for place in places]
    if figures:
        data["hasPart"] = measured_values(page.title, figures)
    return data
