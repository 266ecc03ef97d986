"""Columns that several datasets share (the page itself, its places, themes, tags and dates),
and the filters of the admin's download.

Each reads only what the dataset's rows prefetch (`RELATED`), so a file of any size costs a
fixed number of queries per chunk of rows.
"""

from django.utils.translation import gettext_lazy as _

from hub.open_data.registry import Column, Filter

# What the columns below read, for a dataset's rows to prefetch.
RELATED = ("municipalities__county", "tagged_items__tag")


def public_pages(model, locale, *, defer=(), joined=(), related=()):
    """Live, public pages of `model` in one language, in a stable order, with what the shared
    columns read and the dataset's own `joined` and `related` lookups; `defer` what no column
    reads."""
    from hub.models.related import in_private_section

    pages = model.objects.live().exclude(in_private_section()).filter(locale=locale)
    return (
        pages.defer(*defer)
        .select_related("locale", *joined)
        .prefetch_related(*RELATED, *related)
        .order_by("pk")
    )


def named_terms():
    """The models whose names the shared columns and the partners and organisers show: a
    change to one rebuilds the files."""
    from taggit.models import Tag

    from hub.models import County, Municipality, Organisation, Theme

    return (Theme, Municipality, County, Organisation, Tag)


def page_columns():
    return (
        Column(
            "id",
            _("ID"),
            _("The page's number, the same in every file."),
            lambda page: page.pk,
            "integer",
        ),
        Column(
            "translation_key",
            _("Translation key"),
            _("Shared by a page and its translations in the other language's file."),
            lambda page: str(page.translation_key),
        ),
        Column("title", _("Title"), _("The page's title."), lambda page: page.title),
        Column(
            "summary",
            _("Summary"),
            _("Two or three sentences on what it is about."),
            lambda page: page.summary,
        ),
        Column(
            "url",
            _("Link"),
            _("The page on Klimathubben, in the file's language."),
            lambda page: page.get_full_url(),
        ),
        Column(
            "language",
            _("Language"),
            _("The language of the text: sv or en."),
            lambda page: page.locale.language_code,
        ),
    )


def place_columns():
    def municipalities(page):
        # Four columns read them; sorted once per row.
        if not hasattr(page, "_open_data_places"):
            page._open_data_places = sorted(page.municipalities.all(), key=lambda m: m.code)
        return page._open_data_places

    def counties(page):
        return sorted({m.county.code: m.county for m in municipalities(page)}.items())

    return (
        Column(
            "municipalities",
            _("Municipalities"),
            _("The municipalities taking part."),
            lambda page: [m.name for m in municipalities(page)],
            "list",
        ),
        Column(
            "municipality_codes",
            _("Municipality codes"),
            _("Their four-digit codes from Statistics Sweden, in the same order."),
            lambda page: [m.code for m in municipalities(page)],
            "list",
        ),
        Column(
            "counties",
            _("Counties"),
            _("The counties of those municipalities."),
            lambda page: [county.display_name for _code, county in counties(page)],
            "list",
        ),
        Column(
            "county_codes",
            _("County codes"),
            _("Their two-digit codes, in the same order."),
            lambda page: [code for code, _county in counties(page)],
            "list",
        ),
    )


def theme_columns(relation):
    """The themes behind the page's theme links (`relation`, prefetched with their themes)."""

    def themes(page):
        if not hasattr(page, "_open_data_themes"):
            page._open_data_themes = [link.theme for link in getattr(page, relation).all()]
        return page._open_data_themes

    return (
        Column(
            "themes",
            _("Themes"),
            _("The themes the page is filed under, named in the file's language."),
            lambda page: [theme.name for theme in themes(page)],
            "list",
        ),
        Column(
            "theme_slugs",
            _("Theme identifiers"),
            _("The same themes as they are named in every language."),
            lambda page: [theme.slug for theme in themes(page)],
            "list",
        ),
    )


def tag_column():
    return Column(
        "tags",
        _("Tags"),
        _("Keywords given by the editors."),
        lambda page: sorted(item.tag.name for item in page.tagged_items.all()),
        "list",
    )


def published_columns():
    return (
        Column(
            "first_published_at",
            _("First published"),
            _("When the page was first published, in Swedish time (ISO 8601)."),
            lambda page: page.first_published_at,
            "datetime",
        ),
        Column(
            "last_published_at",
            _("Last published"),
            _("When the page was last changed and published, in Swedish time (ISO 8601)."),
            lambda page: page.last_published_at,
            "datetime",
        ),
    )


def theme_filter(lookup):
    def choices(locale):
        from hub.models import Theme

        return Theme.objects.filter(locale=locale).values_list("slug", "name")

    return Filter("theme", _("Theme"), lookup, choices)


def municipality_filter(lookup="municipalities__code"):
    def choices(locale):
        from hub.models import Municipality

        return Municipality.objects.order_by("name").values_list("code", "name")

    return Filter("municipality", _("Municipality"), lookup, choices)


def status_filter(model, lookup="status"):
    return Filter("status", _("Status"), lookup, lambda locale: model.Status.choices)
