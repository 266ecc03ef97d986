"""`manage.py backup` and `manage.py restore`: the site comes back whole in another database."""

import json
import re
import socket
import tarfile
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.request import urlopen

import pytest
from taggit.models import Tag, TaggedItem

from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.urls import reverse

from wagtail.documents.models import Document
from wagtail.images.models import Image, Rendition
from wagtail.models import Page, Revision
from wagtail_localize.models import Translation, TranslationSource

from hub.models import Contact, Subscriber, Theme
from tests.databases import new_database, reading
from tests.factories import (
    CaseStudyIndexPageFactory,
    ContactFactory,
    ImageFactory,
    StandardPageFactory,
    SubscriberFactory,
    case_study,
    locale,
    translation_of,
)
from tests.hub.test_deploy import gunicorn, manage

# wagtail-localize makes translations when the transaction commits, and pg_dump reads only
# what is committed: these tests commit.
pytestmark = pytest.mark.django_db(transaction=True)

ARCHIVE = "klimathubben.tar.gz"
REPORT = b"%PDF-1.4\nKlimatbokslut 2025: 12 procent mindre utsl\xc3\xa4pp.\n%%EOF\n"


@pytest.fixture
def site_content(client, editor, home, home_en, themes):
    """Live pages, drafts, an English translation, tags, snippets, files and subscribers."""
    library = CaseStudyIndexPageFactory(parent=home)
    translation_of(
        library, "en", CaseStudyIndexPageFactory, title="Case studies", slug="case-studies"
    )
    contact = ContactFactory(name="Karin Ek", email="karin.ek@example.org")
    study = case_study(
        library,
        "Klimatkontrakt i Karlstad",
        themes=[themes["kontrakt"]],
        contacts=[contact],
        tags=["klimatkontrakt", "näringsliv"],
        listing_image=ImageFactory(title="Solceller på taket"),
        listing_image_alt="Solceller på kommunhusets tak.",
    )
    study.save_revision().publish()
    client.post(f"/admin/localize/submit/page/{study.pk}/", {"locales": [locale("en").pk]})
    english = study.get_translation(locale("en"))
    client.post(f"/admin/pages/{english.pk}/edit/", {"action": "publish"})
    # A live page with newer changes in draft, and a page never published.
    study.title = "Klimatkontrakt i Karlstad (utkast)"
    study.save_revision()
    unpublished = StandardPageFactory(parent=home, title="Opublicerad sida", live=False)
    unpublished.save_revision()
    document = Document.objects.create(
        title="Klimatbokslut", file=ContentFile(REPORT, name="klimatbokslut.pdf")
    )
    SubscriberFactory(email="lasare@example.org")
    SubscriberFactory(email="vantar@example.org", status=Subscriber.Status.PENDING)
    return {"study": study, "english": english, "unpublished": unpublished, "document": document}


# What must come back, row for row: the fields compared for each model.
COMPARED = {
    Page: [
        "id",
        "path",
        "title",
        "draft_title",
        "slug",
        "live",
        "has_unpublished_changes",
        "locale__language_code",
        "translation_key",
        "latest_revision_id",
        "content_type__model",
    ],
    Revision: ["id", "object_id", "content", "approved_go_live_at"],
    TranslationSource: [
        "id",
        "object_id",
        "specific_content_type__model",
        "locale__language_code",
        "content_json",
    ],
    Translation: ["id", "source_id", "target_locale__language_code", "enabled"],
    Subscriber: ["email", "status", "language", "confirmed_at"],
    Document: ["id", "title", "file", "file_hash", "file_size"],
    Image: ["id", "title", "file", "width", "height", "file_hash"],
    Tag: ["id", "name", "slug"],
    TaggedItem: ["tag__name", "content_type__model", "object_id"],
    Theme: ["name", "slug", "locale__language_code", "translation_key"],
    Contact: ["name", "email", "phone", "locale__language_code"],
}


def rows(model, alias):
    return list(model.objects.using(alias).order_by("pk").values_list(*COMPARED[model]))


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def site_env(database_url, media_root):
    """A site on another database and media folder. The development settings with DEBUG off:
    production's static files would need `collectstatic` first."""
    return {
        "DJANGO_SETTINGS_MODULE": "hub.settings.dev",
        "DEBUG": "0",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media_root),
        "WEB_CONCURRENCY": "1",
    }


def get(base, path):
    """Status and body of a GET, errors included."""
    try:
        with urlopen(f"{base}{path}", timeout=30) as response:  # noqa: S310 - our own server
            return response.status, response.read()
    except HTTPError as error:
        return error.code, error.read()


@contextmanager
def serving(env):
    """The site served by gunicorn on a free port, as in production, at the base URL yielded."""
    port = free_port()
    server = gunicorn(env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}"})
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                get(base, "/robots.txt")
                break
            except URLError:
                assert server.poll() is None, server.communicate()[0]
                assert time.monotonic() < deadline, "gunicorn did not answer"
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.communicate(timeout=30)


def backup(tmp_path):
    archive = tmp_path / ARCHIVE
    call_command("backup", output=str(archive), verbosity=0)
    return archive


def restore(archive, env, *args):
    result = manage("restore", str(archive), *args, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@contextmanager
def restored_site(tmp_path, database_name):
    """The test database backed up, and restored into a new database and media folder in
    another process: their DATABASE_URL, the site's environment and the media folder."""
    archive = backup(tmp_path)
    media_root = tmp_path / "restored-media"
    with new_database(database_name) as url:
        env = site_env(url, media_root)
        restore(archive, env)
        yield url, env, media_root


def assert_same_content(alias):
    for model in COMPARED:
        assert rows(model, alias) == rows(model, "default"), model.__name__


def assert_site_served(base, content, media_root):
    study, english = content["study"], content["english"]
    status, html = get(base, study.url)
    assert status == 200
    assert "Klimatkontrakt i Karlstad" in html.decode()
    assert "(utkast)" not in html.decode()
    status, html = get(base, english.url)
    assert status == 200
    assert '<html lang="en">' in html.decode()
    assert get(base, content["unpublished"].url)[0] == 404
    assert get(base, content["document"].url) == (200, REPORT)
    tag_page = reverse("tag_detail", kwargs={"slug": "naringsliv"})
    assert "Klimatkontrakt i Karlstad" in get(base, tag_page)[1].decode()
    # The library's card asks for the image's rendition, which the restored site makes anew.
    status, html = get(base, study.get_parent().url)
    assert status == 200
    assert re.search(r'<img [^>]*class="card__image"[^>]* src="/media/images/', html.decode())
    assert list((media_root / "images").iterdir())


def test_a_backup_comes_back_whole_in_a_new_database(tmp_path, site_content):
    """Pages live and draft, revisions, translations, subscribers, snippets, tags, documents and
    images come back from the archive into an empty database, and the restored site serves
    them."""
    with restored_site(tmp_path, "klimathubben_restored") as (url, env, media_root):
        with reading(url, "restored") as alias:
            assert_same_content(alias)
            draft = Page.objects.using(alias).get(pk=site_content["study"].pk)
            assert (draft.title, draft.draft_title) == (
                "Klimatkontrakt i Karlstad",
                "Klimatkontrakt i Karlstad (utkast)",
            )
        document = site_content["document"]
        assert (media_root / document.file.name).read_bytes() == REPORT
        image = site_content["study"].listing_image
        assert (media_root / image.file.name).read_bytes() == Path(image.file.path).read_bytes()
        with serving(env) as base:
            assert_site_served(base, site_content, media_root)


def test_restore_refuses_a_database_with_content_unless_forced(tmp_path, site_content):
    """A second restore into the same database stops without touching it; with --force it
    replaces what the database holds."""
    with restored_site(tmp_path, "klimathubben_twice") as (url, env, _media_root):
        archive = tmp_path / ARCHIVE
        with reading(url, "restored") as alias:
            Subscriber.objects.using(alias).create(email="ny@example.org")
        refused = manage("restore", str(archive), env=env)
        assert refused.returncode != 0
        assert "is not empty" in refused.stderr
        assert "Traceback" not in refused.stderr
        with reading(url, "restored") as alias:
            assert Subscriber.objects.using(alias).filter(email="ny@example.org").exists()
        restore(archive, env, "--force")
        with reading(url, "restored") as alias:
            assert not Subscriber.objects.using(alias).filter(email="ny@example.org").exists()
            assert_same_content(alias)


def test_archive_holds_a_manifest_and_no_renditions(tmp_path, site_content, client):
    """The archive names when and from what it was made, and leaves renditions out."""
    client.get(site_content["study"].get_parent().url)  # makes the card's rendition
    assert Rendition.objects.exists()
    archive = backup(tmp_path)
    assert archive.stat().st_mode & 0o077 == 0  # readable by its owner only
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["database"]["engine"] == connection.vendor
    applied = MigrationRecorder(connection).applied_migrations()
    assert manifest["migrations"]["hub"] == max(name for app, name in applied if app == "hub")
    assert manifest["counts"]["hub_subscriber"] == 2
    files = [name for name in names if name.startswith("media/")]
    assert manifest["media"]["files"] == len(files)
    assert f"media/{site_content['document'].file.name}" in files
    assert f"media/{site_content['study'].listing_image.file.name}" in files
    assert not [name for name in files if name.startswith("media/images/")]


def test_restore_of_a_file_that_is_no_backup_says_so(tmp_path):
    """A wrong file stops the restore with a message, not a traceback."""
    wrong = tmp_path / "notes.tar.gz"
    wrong.write_text("inköpslista")
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("restore", str(wrong))


def test_a_backup_into_a_folder_is_named_by_its_time(tmp_path, home):
    """`--output` naming a folder puts an archive named by the UTC time in it."""
    call_command("backup", output=str(tmp_path), verbosity=0)
    (archive,) = tmp_path.iterdir()
    assert re.fullmatch(r"klimathubben-\d{8}-\d{6}\.tar\.gz", archive.name)
    with tarfile.open(archive) as tar:
        assert json.load(tar.extractfile("manifest.json"))["counts"]["wagtailcore_page"] >= 2
