"""Every string the hub marks for translation has a Swedish translation in locale/sv."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ["hub", "casestudies", "events", "search", "templates", "locale", "manage.py"]


@pytest.mark.skipif(not shutil.which("xgettext"), reason="needs GNU gettext (Debian's gettext)")
def test_every_marked_string_has_a_swedish_translation(tmp_path):
    """Collecting the strings afresh finds none that the Swedish catalogue leaves untranslated."""
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, tmp_path / name)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "sv", "--no-obsolete", "-v", "0"],
        cwd=tmp_path,
        check=True,
        env={"DJANGO_SETTINGS_MODULE": "hub.settings.test", "PATH": "/usr/bin:/bin"},
    )
    catalogue = polib.pofile(str(tmp_path / "locale/sv/LC_MESSAGES/django.po"))
    missing = [entry.msgid for entry in catalogue if not entry.translated()]
    assert not missing, "No Swedish translation for:\n" + "\n".join(missing)
