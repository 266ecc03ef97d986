"""The built files at stable addresses in each language, and their data package."""

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.urls import path, re_path, reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.text import format_lazy
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from hub.open_data.registry import (
    FORMATS,
    LICENCE,
    dataset_for,
    datasets,
    licence_statement,
    licence_url,
)
from hub.open_data.tasks import queue_rebuild

# How long a visitor is asked to wait when a file has not been built yet.
RETRY_AFTER_SECONDS = 60


def cacheable(response):
    """Shared caches keep a file as long as a page (they are purged when it is rebuilt);
    browsers ask again each time and get a 304 while it is unchanged. Any site may read it."""
    patch_cache_control(
        response, public=True, max_age=0, must_revalidate=True, s_maxage=settings.PAGE_CACHE_MAX_AGE
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def not_built_yet():
    """No file yet (a new site, before `build_open_data` has run): a build is queued."""
    queue_rebuild()
    response = HttpResponse(
        _("The file is being built. Please try again in a minute."),
        status=503,
        content_type="text/plain; charset=utf-8",
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    patch_cache_control(response, no_store=True)
    return response


@require_safe
def open_data_file(request, key, format):
    from hub.models import OpenDataFile

    dataset = dataset_for(key)
    if dataset is None or format not in FORMATS:
        raise Http404
    built = OpenDataFile.objects.filter(dataset=key, language=get_language(), format=format).first()
    if built is None:
        return not_built_yet()
    etag = f'"{built.sha256}"'
    last_modified = built.built_at.timestamp()
    conditional = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if conditional is not None:
        return cacheable(conditional)
    try:
        file = default_storage.open(built.path, "rb")
    except FileNotFoundError:
        return not_built_yet()  # storage lost the file; the next build writes it again
    response = FileResponse(
        file,
        content_type=FORMATS[format],
        as_attachment=format != "json",
        filename=f"{dataset.file_name}.{format}",
    )
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    response["Content-Length"] = built.size
    return cacheable(response)


@require_safe
def data_package(request):
    """A Frictionless data package: the licence, every file, and the CSV files' columns."""
    from hub.models import OpenDataFile

    language = get_language()
    built = {
        (row.dataset, row.format): row for row in OpenDataFile.objects.filter(language=language)
    }
    resources = []
    for dataset in datasets():
        for name, media_type in FORMATS.items():
            row = built.get((dataset.key, name))
            resource = {
                "name": f"{dataset.key.replace('_', '-')}-{name}",
                "title": str(dataset.title),
                "description": str(dataset.description),
                "path": request.build_absolute_uri(
                    reverse(f"open_data_{dataset.key}", kwargs={"format": name})
                ),
                "format": name,
                "mediatype": media_type.split(";")[0],
            }
            if name == "csv":
                resource.update(encoding="utf-8-sig", schema=dataset.schema())
            if row is not None:
                resource.update(bytes=row.size, hash=f"sha256:{row.sha256}", rows=row.rows)
            resources.append(resource)
    package = {
        "name": f"klimathubben-{language}",
        "title": _("Klimathubben: case studies and events"),
        "description": str(licence_statement()),
        "language": language,
        "licenses": [{**LICENCE, "deed": licence_url(language)}],
        "resources": resources,
    }
    updated = [row.built_at for row in built.values()]
    if updated:
        package["created"] = max(updated).isoformat()
    response = JsonResponse(package, json_dumps_params={"ensure_ascii": False, "indent": 2})
    return cacheable(response)


def open_data_urls():
    """The addresses, translated: /sv/oppna-data/fallstudier.csv, /en/open-data/case-studies.csv."""
    prefix = gettext_lazy("open-data/")
    return [
        path(format_lazy("{}datapackage.json", prefix), data_package, name="open_data_package"),
        *(
            re_path(
                format_lazy(r"^{}{}\.(?P<format>csv|xlsx|json)$", prefix, dataset.file_name),
                open_data_file,
                {"key": dataset.key},
                name=f"open_data_{dataset.key}",
            )
            for dataset in datasets()
        ),
    ]
