"""Demo content: readable TOML files, loaded by `manage.py load_demo_content`.

Every object is keyed by a stable UUID derived from its key in the files, so loading twice
creates nothing twice. English versions go through wagtail-localize, exactly as an editor's
translation would: the Swedish page is the source and the English strings are imported into
its translation.
"""

import tomllib
import uuid
from pathlib import Path

from django.conf import settings
from django.db import transaction

from wagtail.fields import StreamField
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.operations import TranslationCreator
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

DATA_DIR = Path(__file__).resolve().parent
NAMESPACE = uuid.UUID("7d0c8a52-3d5e-4a52-9a77-0c2f6a1f6a10")


def read_data(name, base=DATA_DIR):
    with open(base / name, "rb") as handle:
        return tomllib.load(handle)


def stable_uuid(*parts):
    return uuid.uuid5(NAMESPACE, ":".join(str(part) for part in parts))


def source_locale():
    return Locale.objects.get(language_code=settings.LANGUAGE_CODE)


def other_locales():
    return list(Locale.objects.exclude(language_code=settings.LANGUAGE_CODE))


def with_list_ids(value, *path):
    """Lists inside a block's value are list blocks; their items get stable ids too."""
    if isinstance(value, dict):
        return {name: with_list_ids(item, *path, name) for name, item in value.items()}
    if isinstance(value, list):
        return [
            {
                "type": "item",
                "value": with_list_ids(item, *path, index),
                "id": str(stable_uuid(*path, index)),
            }
            for index, item in enumerate(value)
        ]
    return value


def stream_data(key, field, blocks):
    """StreamField raw data whose block and list item ids are the same in every language and
    every run, so that wagtail-localize pairs each translated string with its original."""
    return [
        {
            "type": block["type"],
            "value": with_list_ids(block["value"], key, field, index),
            "id": str(stable_uuid(key, field, index)),
        }
        for index, block in enumerate(blocks)
    ]


def resolve_references(value, loader):
    """Replace "@<kind>:<key>" strings ("@page:about", "@event:webbfika-...") anywhere in
    `value` by the id of the demo page with that key."""
    if isinstance(value, dict):
        return {name: resolve_references(item, loader) for name, item in value.items()}
    if isinstance(value, list):
        return [resolve_references(item, loader) for item in value]
    if isinstance(value, str) and value.startswith("@") and ":" in value:
        page = loader.find_page(value.split(":", 1)[1])
        if page is None:
            raise RuntimeError(f"The demo refers to a page that does not exist: {value}")
        return page.pk
    return value


def prepare_fields(model, key, fields):
    """Turn the file's values into model field values (stream fields get stable block ids)."""
    prepared = {}
    for name, value in fields.items():
        field = model._meta.get_field(name)
        if isinstance(field, StreamField):
            value = stream_data(key, name, value)
        prepared[name] = value
    return prepared


class DemoLoader:
    """Creates pages and their translations, reporting what it did."""

    def __init__(self, stdout=None):
        self.stdout = stdout
        self.created = 0
        self.translated = 0

    def log(self, message):
        if self.stdout is not None:
            self.stdout.write(message)

    @transaction.atomic
    def snippet(self, key, model, fields, translations=None):
        """Create a translatable snippet once, keyed by `key`, then its translations."""
        instance = model.objects.filter(
            translation_key=stable_uuid(model._meta.model_name, key), locale=source_locale()
        ).first()
        if instance is None:
            instance = model.objects.create(
                translation_key=stable_uuid(model._meta.model_name, key),
                locale=source_locale(),
                **fields,
            )
            self.created += 1
        for language_code, translated_fields in (translations or {}).items():
            self.translate(instance, language_code, translated_fields)
        return instance

    def find_page(self, key):
        return (
            Page.objects.filter(translation_key=stable_uuid("page", key), locale=source_locale())
            .specific()
            .first()
        )

    @transaction.atomic
    def page(self, key, model, parent, fields, relate=None, **attributes):
        """Create and publish the Swedish page once; return the page.

        `relate(page)` may set relations (many-to-many fields, inline children, tags) on the
        unsaved page before it is first saved.
        """
        page = self.find_page(key)
        if page is None:
            page = model(
                translation_key=stable_uuid("page", key),
                locale=source_locale(),
                **prepare_fields(model, key, fields),
                **attributes,
            )
            if relate is not None:
                relate(page)
            parent.add_child(instance=page)
            page.save_revision().publish()
            self.created += 1
            self.log(f"  created {model.__name__} {page.title!r}")
        return page

    @transaction.atomic
    def translate(self, instance, language_code, translated_fields):
        """Translate `instance` through wagtail-localize unless that language has it already.

        Each translation commits on its own: wagtail-localize publishes the target page when the
        transaction commits, and a later commit would publish a stale copy of the page.
        """
        locale = Locale.objects.get(language_code=language_code)
        if instance.get_translation_or_none(locale) is not None:
            return None
        model = type(instance)
        translated = model(**{**self.copyable_fields(instance), **translated_fields})
        strings = self.string_pairs(instance, translated)

        source, _created = TranslationSource.get_or_create_from_instance(instance)
        for segment in source.relatedobjectsegment_set.all():
            related = segment.object.get_instance(instance.locale)
            if related.get_translation_or_none(locale) is None:
                # Untranslated snippets are copied as they are, for an editor to translate later.
                TranslationCreator(user=None, target_locales=[locale]).create_translations(
                    related, include_related_objects=False
                )
        translation, _created = Translation.objects.update_or_create(
            source=source, target_locale=locale, defaults={"enabled": True}
        )
        po = translation.export_po()
        for entry in po:
            entry.msgstr = strings.get((entry.msgctxt, entry.msgid), "")
        translation.import_po(po, tool_name="load_demo_content")
        translation.save_target(publish=True)
        self.translated += 1
        self.log(f"  translated {instance} into {language_code}")
        return translation.get_target_instance()

    @staticmethod
    def copyable_fields(instance):
        """Field values the in-memory translation needs so its segments line up with the source."""
        values = {}
        for field in instance._meta.concrete_fields:
            if not field.primary_key:
                values[field.attname] = getattr(instance, field.attname)
        return values

    @staticmethod
    def string_pairs(source, translated):
        """Map (context path, source string) to the translated string, segment by segment."""

        def strings(instance):
            by_path = {}
            for segment in extract_segments(instance):
                if isinstance(segment, StringSegmentValue):
                    by_path.setdefault(segment.path, []).append(segment.string.data)
            return by_path

        source_strings, translated_strings = strings(source), strings(translated)
        pairs = {}
        for path, values in source_strings.items():
            for original, translation in zip(
                values, translated_strings.get(path, []), strict=False
            ):
                pairs[(path, original)] = translation
        return pairs
