"""Building every dataset's files, in every language and format, into storage.

Each build writes its files under a name of its own (`open-data/<build>/...`), then points
the rows of `OpenDataFile` at them in one transaction and deletes the files they pointed at
before: a download under way keeps reading the old file, the next one gets the new.
"""

import hashlib
import logging
import tempfile
import time
from dataclasses import dataclass
from uuid import uuid4

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.models import Locale

from hub.open_data.registry import FORMATS, datasets
from hub.open_data.writers import write

logger = logging.getLogger(__name__)
DIRECTORY = "open-data"


@dataclass
class Built:
    dataset: str
    language: str
    rows: int
    seconds: float


def build_all(progress=None):
    """Build every file; a list of what was built. `progress(built)` after each dataset."""
    from hub.models import OpenDataFile

    built_at = timezone.now().replace(microsecond=0)
    build = f"{built_at:%Y%m%dT%H%M%S}-{uuid4().hex[:8]}"
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    new_rows, report = [], []
    for code, _name in settings.LANGUAGES:
        if code not in locales:
            continue
        with translation.override(code):
            for dataset in datasets():
                started = time.monotonic()
                rows, count = build_dataset(dataset, locales[code], build, built_at)
                new_rows += rows
                report.append(Built(dataset.key, code, count, time.monotonic() - started))
                if progress:
                    progress(report[-1])
    with transaction.atomic():
        old_paths = set(OpenDataFile.objects.values_list("path", flat=True))
        for row in new_rows:
            OpenDataFile.objects.update_or_create(
                dataset=row.dataset,
                language=row.language,
                format=row.format,
                defaults={
                    field: getattr(row, field)
                    for field in ("path", "size", "rows", "sha256", "built_at")
                },
            )
        transaction.on_commit(lambda: forget_old_files(old_paths - {r.path for r in new_rows}))
    files_changed()
    return report


def build_dataset(dataset, locale, build, built_at):
    """One dataset in the active language, each format written in the same pass over the rows."""
    from hub.models import OpenDataFile

    language = locale.language_code
    outputs = {name: tempfile.TemporaryFile() for name in FORMATS}  # noqa: SIM115
    try:
        count = 0
        for count in write(dataset, dataset.rows(locale), outputs, built_at):  # noqa: B007
            pass
        rows = []
        for name, binary in outputs.items():
            binary.seek(0)
            digest = hashlib.file_digest(binary, "sha256").hexdigest()
            size = binary.tell()
            binary.seek(0)
            path = default_storage.save(
                f"{DIRECTORY}/{build}/{dataset.file_name}-{language}.{name}", File(binary)
            )
            rows.append(
                OpenDataFile(
                    dataset=dataset.key,
                    language=language,
                    format=name,
                    path=path,
                    size=size,
                    rows=count,
                    sha256=digest,
                    built_at=built_at,
                )
            )
        return rows, count
    finally:
        for binary in outputs.values():
            binary.close()


def forget_old_files(paths):
    for path in paths:
        try:
            default_storage.delete(path)
        except OSError:
            logger.warning("Could not delete the old open-data file %s", path, exc_info=True)


def file_urls():
    """The addresses of every file and of the data package, in every language, for purging."""
    urls = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            urls.append(reverse("open_data_package"))
            urls += [
                reverse(f"open_data_{dataset.key}", kwargs={"format": name})
                for dataset in datasets()
                for name in FORMATS
            ]
    return urls


def files_changed():
    """The open-data page shows the new sizes and dates; caches forget the old files."""
    from wagtail.models import Page

    from hub import frontend_cache
    from hub.models import OpenDataPage
    from hub.versions import new_version

    new_version()  # the page cache keys the open-data page by it (hub/page_cache.py)
    if not frontend_cache.enabled():
        return

    def add(changes):
        changes.batch.add_urls(settings.SITE_BASE_URL + url for url in file_urls())
        for page in Page.objects.type(OpenDataPage).live():
            changes.add_addresses(page)

    frontend_cache.record(add)
