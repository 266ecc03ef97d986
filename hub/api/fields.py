"""How the API writes the hub's taxonomy: themes by slug and name, municipalities with their
official codes, organisations, tags. Content apps name these in their pages' `api_fields`."""

from rest_framework.fields import Field

from hub.languages import locale_codes


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


class OrganisationsField(Field):
    """Partners or organisers: name, kind and website, by name."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, organisations):
        return [
            {"name": org.name, "kind": org.kind, "website": org.website}
            for org in sorted(organisations.all(), key=lambda org: org.name)
        ]


class TermField(Field):
    """One term (an event's type) by slug and name."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, term):
        return {"slug": term.slug, "name": term.name}


class TagsField(Field):
    """A page's tags by name, as Wagtail's API writes them, sorted."""

    def __init__(self, **kwargs):
        super().__init__(source="tagged_items", read_only=True, **kwargs)

    def to_representation(self, tagged_items):
        return sorted(item.tag.name for item in tagged_items.all())


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
