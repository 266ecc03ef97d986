"""One archive with the database and the uploaded files, and the way back from it.

The archive is a `.tar.gz` holding `manifest.json` (when, which engine, the last migration of
each app, the rows in each table), the database (`database.dump` from pg_dump, or
`database.sqlite3`) and `media/`: original images and documents. Renditions, files and rows,
are left out: Wagtail makes them again from the originals when a page asks for them.
"""

import io
import json
import os
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import CommandError

from wagtail.images import get_image_model

from hub.backups import databases

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA = "media"
RENDITIONS = "images"


def archive_path(output, now):
    """`output`, or a name with the time in the folder it names (by default `backups/`)."""
    name = f"klimathubben-{now:%Y%m%d-%H%M%S}.tar.gz"
    if not output:
        return Path(settings.BASE_DIR) / "backups" / name
    if Path(output).is_dir() or str(output).endswith(os.sep):
        return Path(output) / name
    return Path(output)


def rendition_tables():
    return [get_image_model().get_rendition_model()._meta.db_table]


def model_tables(connection):
    """The tables of the installed models that the database has, renditions left out."""
    models = apps.get_models(include_auto_created=True)
    tables = {model._meta.db_table for model in models if model._meta.managed}
    existing = set(connection.introspection.table_names())
    return sorted((tables & existing) - set(rendition_tables()))


def media_files(root):
    """The uploaded files under `root` as (path, name in the archive), renditions left out."""
    root = Path(root)
    found = []
    for folder, subfolders, files in os.walk(root):
        relative = Path(folder).relative_to(root)
        if relative == Path("."):
            subfolders[:] = [name for name in subfolders if name != RENDITIONS]
        subfolders.sort()
        for name in sorted(files):
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink():
                found.append((path, f"{MEDIA}/{(relative / name).as_posix()}"))
    return found


def add_bytes(tar, name, content):
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mode = 0o600
    tar.addfile(info, io.BytesIO(content))


def write_archive(path, manifest, dump, files):
    """Write the archive, readable by its owner only: it holds subscribers' addresses."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
        add_bytes(tar, MANIFEST, json.dumps(manifest, indent=2).encode())
        tar.add(dump, arcname=dump.name)
        for file, name in files:
            try:
                tar.add(file, arcname=name)
            except FileNotFoundError:
                continue  # deleted since the database was copied, so nothing refers to it


def create_backup(output, connection, now):
    """Copy the database, then the files it refers to, into the archive `output`.

    The database first: a file uploaded meanwhile is only extra, while a file copied before
    its row could miss from the archive.
    """
    database = databases.for_connection(connection)
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(f"{output.name}.partial")
    with tempfile.TemporaryDirectory(dir=output.parent, prefix=".backup-") as work:
        dump = Path(work) / database.file_name
        counts, migrations = database.dump(dump, model_tables(connection), rendition_tables())
        files = media_files(settings.MEDIA_ROOT)
        manifest = {
            "format": FORMAT,
            "created_at": now.isoformat(timespec="seconds"),
            "database": {
                "engine": connection.vendor,
                "server_version": database.server_version(),
                "file": database.file_name,
            },
            "migrations": migrations,
            "counts": counts,
            "media": {"files": len(files), "bytes": sum(path.stat().st_size for path, _ in files)},
        }
        try:
            write_archive(partial, manifest, dump, files)
            partial.replace(output)
        finally:
            partial.unlink(missing_ok=True)
    return manifest


def open_archive(path):
    if not Path(path).is_file():
        raise CommandError(f"There is no archive at {path}.")
    try:
        return tarfile.open(path, "r:gz")  # noqa: SIM115 - the caller closes it
    except tarfile.TarError as error:
        raise CommandError(f"Cannot read {path}: {error}") from error


def read_manifest(tar):
    try:
        manifest = json.load(tar.extractfile(MANIFEST))
    except (KeyError, ValueError) as error:
        raise CommandError(f"This is not a Klimathubben backup: {error}") from error
    if manifest.get("format") != FORMAT:
        raise CommandError(f"Unknown backup format {manifest.get('format')!r}.")
    return manifest


def has_files(root):
    return any(path.is_file() for path in Path(root).rglob("*"))


def check_target(manifest, connection, media_root, force):
    """Refuse a restore over another database engine, or over content unless forced."""
    engine = manifest["database"]["engine"]
    if engine != connection.vendor:
        raise CommandError(
            f"The archive holds a {engine} database; this site uses {connection.vendor}."
        )
    if force:
        return
    if connection.introspection.table_names():
        raise CommandError(
            f"The database {connection.settings_dict['NAME']} is not empty. Restore into a new "
            "database, or pass --force (make restore FORCE=1) to replace what it holds."
        )
    if has_files(media_root):
        raise CommandError(
            f"The media folder {media_root} holds files. Restore into an empty folder, or pass "
            "--force (make restore FORCE=1) to write over files of the same name."
        )


def check_counts(manifest, connection):
    """Every table came back with as many rows as it had."""
    tables = [
        table for table in manifest["counts"] if table in connection.introspection.table_names()
    ]
    with connection.cursor() as cursor:
        restored, _migrations = databases.snapshot_facts(cursor, tables)
    differing = [
        f"{table}: {count} in the archive, {restored.get(table, 'no table')} restored"
        for table, count in manifest["counts"].items()
        if restored.get(table) != count
    ]
    if differing:
        raise CommandError(
            "The restored database differs from the archive:\n" + "\n".join(differing)
        )


def media_members(tar):
    """The archive's uploaded files, named relative to the media folder."""
    for member in tar.getmembers():
        if member.name.startswith(f"{MEDIA}/") and (member.isfile() or member.isdir()):
            member.name = member.name.removeprefix(f"{MEDIA}/")
            yield member


def restore_backup(path, connection, media_root, force=False):
    """Bring back the archive's database and files; migrations are for the caller to run."""
    with open_archive(path) as tar:
        manifest = read_manifest(tar)
        database = databases.for_connection(connection)
        check_target(manifest, connection, media_root, force)
        with tempfile.TemporaryDirectory(prefix="klimathubben-restore-") as work:
            tar.extract(manifest["database"]["file"], work, filter="data")
            if connection.introspection.table_names():
                database.empty()
            database.restore(Path(work) / manifest["database"]["file"])
        check_counts(manifest, connection)
        Path(media_root).mkdir(parents=True, exist_ok=True)
        members = list(media_members(tar))
        tar.extractall(media_root, members=members, filter="data")
    manifest["media"]["restored"] = sum(member.isfile() for member in members)
    return manifest
