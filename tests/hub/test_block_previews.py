"""The block picker previews every block with the site's own images, documents and pages,
and still answers on an empty database."""

import re
from datetime import date, timedelta

import pytest
import wagtail_factories

from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from wagtail.fields import StreamField
from wagtail.models import Page

from tests.factories import (
    EventIndexPageFactory,
    ImageFactory,
    NewsletterIndexPageFactory,
    NewsletterIssuePageFactory,
    case_study,
    event,
)

pytestmark = pytest.mark.django_db


def picker_blocks():
    """Every block an editor can pick, in every StreamField of every page type."""
    found = {}
    for model in apps.get_models():
        if not issubclass(model, Page):
            continue
        for field in model._meta.get_fields():
            if isinstance(field, StreamField):
                for name, block in field.stream_block.child_blocks.items():
                    found[block.definition_prefix] = (
                        f"{model.__name__}.{field.name}.{name}",
                        block,
                    )
    return sorted(found.values(), key=lambda item: item[0])


BLOCKS = picker_blocks()


def preview(client, block):
    response = client.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix})
    assert response.status_code == 200
    return response.content.decode()


def blocks_named(name):
    return [block for path, block in BLOCKS if path.rsplit(".", 1)[1] == name]


@pytest.fixture
def content(home, library):
    """An image, a document, a case study, a coming event and a newsletter issue."""
    calendar = EventIndexPageFactory(parent=home)
    archive = NewsletterIndexPageFactory(parent=home)
    NewsletterIssuePageFactory(parent=archive, issue_date=date(2026, 5, 4), number=3)
    return {
        "image": ImageFactory(title="Bikupor vid borden"),
        "document": wagtail_factories.DocumentFactory(title="Presentation om klimatkontrakt"),
        "case study": case_study(library, "Klimatkontrakt i Karlstad"),
        "event": event(calendar, "Webbfika om energi", timezone.now() + timedelta(days=7)),
    }


def test_every_picker_block_has_a_preview():
    assert len(BLOCKS) > 10
    missing = [path for path, block in BLOCKS if not block.is_previewable]
    assert missing == []


@pytest.mark.parametrize(("path", "block"), BLOCKS, ids=[path for path, _block in BLOCKS])
def test_every_block_previews_on_an_empty_database(client, editor, path, block):
    """Without images, documents or pages the preview leaves them out, without an error."""
    assert "<main>" in preview(client, block)


@pytest.mark.parametrize(("path", "block"), BLOCKS, ids=[path for path, _block in BLOCKS])
def test_every_block_previews_with_content(client, editor, content, path, block):
    html = preview(client, block)
    assert "hub/css/site.css" in html  # shown as on the site


@pytest.mark.parametrize("block", blocks_named("image"))
def test_image_previews_show_an_image_of_the_site(client, editor, content, block):
    html = preview(client, block)
    assert re.search(r'<img [^>]*src="/media/images/', html)
    assert 'alt="Deltagare samlade kring ett bord"' in html


@pytest.mark.parametrize("block", blocks_named("document"))
def test_document_previews_show_a_document_of_the_site(client, editor, content, block):
    html = preview(client, block)
    assert "Presentation om klimatkontrakt" in html
    assert content["document"].url in html


@pytest.mark.parametrize("block", blocks_named("latest"))
def test_latest_section_previews_the_newest_case_studies(client, editor, content, block):
    assert "Klimatkontrakt i Karlstad" in preview(client, block)


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("featured_case_study", "Klimatkontrakt i Karlstad"),
        ("featured_event", "Webbfika om energi"),
    ],
)
def test_featured_page_previews_show_a_page_of_the_site(client, editor, content, name, title):
    (block,) = blocks_named(name)
    assert title in preview(client, block)


def test_previews_show_only_live_pages(client, editor, content):
    """A draft is not shown, even to the editor, in a preview of what the page would show."""
    Page.objects.filter(pk=content["case study"].pk).update(live=False)
    (block,) = blocks_named("featured_case_study")
    assert "Klimatkontrakt i Karlstad" not in preview(client, block)
