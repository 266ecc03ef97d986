"""The borders between the apps, as a maintainer relies on them."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ("hub", "casestudies", "events", "search")
MAX_FUNCTION_LINES = 60


def modules(app):
    for path in sorted((ROOT / app).rglob("*.py")):
        if "migrations" not in path.parts:
            yield path, ast.parse(path.read_text(), filename=str(path))


def imported(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module


@pytest.mark.parametrize(
    ("app", "forbidden"),
    [
        ("events", ("casestudies",)),
        ("search", ("casestudies", "events")),
        ("hub", ("casestudies", "events", "search")),
    ],
)
def test_apps_import_only_what_they_build_on(app, forbidden):
    """Events never import case studies, search reads content types from the registry, and the
    hub imports no content app."""
    found = [
        f"{path.relative_to(ROOT)}: {name}"
        for path, tree in modules(app)
        for name in imported(tree)
        if name.split(".")[0] in forbidden
    ]
    assert not found


@pytest.mark.parametrize("app", APPS)
def test_no_function_is_longer_than_a_screen(app):
    """Long functions are split into named steps."""
    found = [
        f"{path.relative_to(ROOT)}:{node.lineno} {node.name}"
        for path, tree in modules(app)
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert not found
