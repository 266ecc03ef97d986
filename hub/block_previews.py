"""Real content for the block picker's previews, looked up when an editor opens it.

Each lookup falls back to None on an empty database; the block's template then leaves out
what is missing, so a preview never fails.
"""

from django.apps import apps

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale


def first_image():
    return get_image_model().objects.order_by("pk").first()


def first_document():
    return get_document_model().objects.order_by("pk").first()


def first_live_page(model_label, order_by=("-first_published_at", "-pk")):
    """The first live page of a model, in the editor's language if it has one there."""
    pages = apps.get_model(model_label).objects.live().order_by(*order_by)
    return pages.filter(locale=Locale.get_active()).first() or pages.first()


def with_preview_content(block, **content):
    """The block's `preview_value` with the looked-up content added, normalised."""
    return block.normalize({**block.meta.preview_value, **content})
