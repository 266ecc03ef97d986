"""How the API writes the hub's taxonomy: themes by slug and name, municipalities with their
official codes, organisations, tags. Content apps name these in their pages' `api_fields`."""

from collections import defaultdict

from rest_framework.fields import Field

from hub.languages import locale_codes
from hub.tags import tag_names


class ThemesField(Field):
    """A page's themes in the editors' order: its `card_themes` (hub/browsing/cards.py), or
    the theme links of the relation named in `source`."""

    def __init__(self, source="card_themes", **kwargs):
        super().__init__(source=source, read_only=True, **kwargs)

    def to_representation(self, value):
        themes = value if isinstance(value, list) else [link.theme for link in value.all()]
        return [{"slug": theme.slug, "name": theme.name} for theme in themes]


class MunicipalitiesField(Field):
    """A page's municipalities with their codes and counties, by name."""

    def __init__(self, **kwargs):
        super().__init__(source="card_places", read_only=True, **kwargs)

    def to_representation(self, places):
        return [
            {
                "code": place.code,
                "name": place.name,
                "slug": place.slug,
                "county": {"code": place.county.code, "name": place.county.name},
            }
            for place in places
        ]


class ListedField(Field):
    """A field whose values a list of pages reads in one query, as plain values rather than a
    prefetch of model objects (hub/api/endpoints.py sets them on each page as `api_listed`).
    A page that comes otherwise reads its own. Each subclass defines
    `read(model, name, page_ids)`: {page id: what the field shows}."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page):
        listed = getattr(page, "api_listed", None)
        if listed is None or self.field_name not in listed:
            return self.read(type(page), self.field_name, [page.pk]).get(page.pk, [])
        return listed[self.field_name]


class OrganisationsField(ListedField):
    """Partners or organisers: name, kind and website, by name."""

    @staticmethod
    def read(model, name, page_ids):
        field = model._meta.get_field(name)
        page, organisation = field.m2m_field_name(), field.m2m_reverse_field_name()
        rows = field.remote_field.through.objects.filter(**{f"{page}__in": page_ids})
        found = defaultdict(list)
        columns = (f"{organisation}__{column}" for column in ("name", "kind", "website"))
        for page_id, org_name, kind, website in rows.values_list(page, *columns):
            found[page_id].append({"name": org_name, "kind": kind, "website": website})
        return {pk: sorted(orgs, key=lambda org: org["name"]) for pk, orgs in found.items()}


class TermField(Field):
    """One term (an event's type) by slug and name."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, term):
        return {"slug": term.slug, "name": term.name}


class TagsField(ListedField):
    """A page's tags by name, as Wagtail's API writes them, sorted."""

    @staticmethod
    def read(model, name, page_ids):
        return tag_names(model, page_ids)


class TagNamesField(Field):
    """An image's or document's tags by name, sorted, read from what the listing prefetched."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, tags):
        return sorted(tag.name for tag in tags.all())


class LocaleCodeField(Field):
    """A page's language code, from the locales each worker remembers: no join."""

    def __init__(self, **kwargs):
        super().__init__(source="locale_id", read_only=True, **kwargs)

    def to_representation(self, locale_id):
        return locale_codes().get(locale_id)


class AliasOfField(Field):
    """The id of the page this one is an alias of, or null: no join, no query."""

    def __init__(self, **kwargs):
        super().__init__(source="alias_of_id", read_only=True, **kwargs)

    def to_representation(self, page_id):
        return page_id


class ImpactFiguresField(Field):
    """A case study's comparable impact figures: metric, value in the metric's unit, years
    and source (casestudies/models/figures.py)."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, figures):
        return [
            {
                "metric": figure.metric,
                "label": str(figure.get_metric_display()),
                "value": float(figure.value),
                "unit": str(figure.unit),
                "base_year": figure.base_year,
                "target_year": figure.target_year,
                "source": figure.source,
            }
            for figure in figures.all()
        ]
