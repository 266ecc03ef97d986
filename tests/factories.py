"""Factories for pages, built on wagtail-factories."""

import factory
import wagtail_factories

from wagtail.models import Locale

from hub.models import HomePage, StandardPage


def locale(code):
    return Locale.objects.get_or_create(language_code=code)[0]


class HomePageFactory(wagtail_factories.PageFactory):
    """A home page; pass `parent` (the tree root) and `locale`."""

    title = "Klimathubben"
    introduction = "Exempel, träffar och material om lokalt klimatarbete."

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    """An ordinary content page; pass `parent`."""

    title = factory.Sequence(lambda n: f"Sida {n}")
    introduction = "En kort ingress om sidan."

    class Meta:
        model = StandardPage


def translation_of(page, code, factory_class, **fields):
    """Create the `code` translation of `page` under the translated parent, sharing its key."""
    target = locale(code)
    parent = page.get_parent().specific.get_translation(target)
    return factory_class(
        parent=parent, locale=target, translation_key=page.translation_key, **fields
    )
