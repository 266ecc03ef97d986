"""Every page type's headings form an outline: one h1, and no level skipped on the way down."""

import re

import pytest
from bs4 import BeautifulSoup

from tests.page_tour import build_site, fetch

pytestmark = pytest.mark.django_db

HEADING = re.compile(r"^h[1-6]$")


def outline(html):
    """The page's headings as (level, text), in document order."""
    soup = BeautifulSoup(html, "html.parser")
    return [(int(tag.name[1]), tag.get_text(" ", strip=True)) for tag in soup.find_all(HEADING)]


def outline_faults(headings):
    faults = []
    if [level for level, _text in headings].count(1) != 1:
        faults.append(f"{[level for level, _text in headings].count(1)} h1 headings")
    previous = 0
    for level, text in headings:
        if level > previous + 1:
            faults.append(f"h{level} {text!r} follows h{previous}")
        previous = level
    return faults


def test_every_page_type_has_one_h1_and_skips_no_heading_level(client):
    """Screen reader users move by headings: on every page type, in both languages, the
    outline starts at one h1 and goes down one level at a time."""
    faults = {}
    for stop in build_site():
        headings = outline(fetch(client, stop))
        if found := outline_faults(headings):
            faults[f"{stop.name}: {stop.path}"] = (found, headings)
    assert not faults, "\n".join(
        f"{page}: {found}\n  {headings}" for page, (found, headings) in faults.items()
    )
