"""The API's filters: language, theme, municipality and tag, for every content type at once.

Each filter is a subquery on a link table (a page's themes, places or tags), read through its
index; the values it names are looked up in the vocabularies each worker remembers per content
version (hub/browsing/cards.py), so an unknown value is answered without touching the pages.
"""

from rest_framework.filters import BaseFilterBackend
from taggit.models import Tag

from django.db.models import Q
from django.utils.translation import gettext as _

from wagtail.api.v2.utils import BadRequestError
from wagtail.models import Page

from hub.browsing.cards import municipalities_by_id, themes_by_id
from hub.languages import locale_codes
from hub.sections import content_sections

# Values one filter may name, comma-separated; a page must carry all of them.
MAX_VALUES = 5


def values_of(request, name):
    """The comma-separated values of the parameter `name`, or [] when it is absent."""
    raw = request.GET.get(name)
    if raw is None:
        return []
    values = [value.strip() for value in raw.split(",") if value.strip()]
    if not values or "\x00" in raw:
        raise BadRequestError(_("%(name)s needs a value.") % {"name": name})
    if len(values) > MAX_VALUES:
        raise BadRequestError(
            _("%(name)s takes at most %(count)d values.") % {"name": name, "count": MAX_VALUES}
        )
    return values


def linked_to(queryset, kind, ids):
    """`queryset` narrowed to pages linked to one of `ids` through their `kind` link table
    ("themes", "places" or "tags"); none for a page type without such links."""
    model = queryset.model
    matches = Q(pk__in=[])
    for section in content_sections():
        links = section.links(kind)
        if links is None or not (model is Page or issubclass(model, section.model)):
            continue
        link_model, page_field, value_field = links
        rows = link_model.objects.filter(**{f"{value_field}__in": ids})
        matches |= Q(pk__in=rows.values(f"{page_field}_id"))
    return queryset.filter(matches)


class LocaleFilter(BaseFilterBackend):
    """`?locale=sv` or `?locale=en`: the pages in that language."""

    def filter_queryset(self, request, queryset, view):
        if "locale" not in request.GET:
            return queryset
        code = request.GET["locale"]
        ids = [pk for pk, language in locale_codes().items() if language == code]
        if not ids:
            raise BadRequestError(
                _("Unknown locale %(value)r: use one of %(codes)s.")
                % {"value": code, "codes": ", ".join(sorted(locale_codes().values()))}
            )
        return queryset.filter(locale_id=ids[0])


class ThemeFilter(BaseFilterBackend):
    """`?theme=<slug>`: pages with that theme (the slug is the same in every language)."""

    def filter_queryset(self, request, queryset, view):
        for slug in values_of(request, "theme"):
            ids = [pk for pk, theme in themes_by_id().items() if theme.slug == slug]
            if not ids:
                raise BadRequestError(_("Unknown theme %(value)r.") % {"value": slug})
            queryset = linked_to(queryset, "themes", ids)
        return queryset


class MunicipalityFilter(BaseFilterBackend):
    """`?municipality=1780` or `?municipality=karlstad`: pages about that municipality."""

    def filter_queryset(self, request, queryset, view):
        for value in values_of(request, "municipality"):
            ids = [
                pk
                for pk, place in municipalities_by_id().items()
                if value in (place.code, place.slug)
            ]
            if not ids:
                raise BadRequestError(_("Unknown municipality %(value)r.") % {"value": value})
            queryset = linked_to(queryset, "places", ids)
        return queryset


class TagFilter(BaseFilterBackend):
    """`?tags=<name or slug>`: pages with that tag, of every content type. Tags are an open
    vocabulary, so an unknown one gives no pages rather than an error."""

    def filter_queryset(self, request, queryset, view):
        for value in values_of(request, "tags"):
            ids = list(
                Tag.objects.filter(Q(name__iexact=value) | Q(slug=value)).values_list(
                    "pk", flat=True
                )
            )
            queryset = linked_to(queryset, "tags", ids) if ids else queryset.none()
        return queryset


class OrderingFilter(BaseFilterBackend):
    """`?order=`: only orders an index answers, so that a page of results never sorts every
    matching row."""

    orders = {"id": "pk", "-id": "-pk"}

    def filter_queryset(self, request, queryset, view):
        order = request.GET.get("order", "id")
        if order not in self.orders:
            raise BadRequestError(_("Cannot order by %(value)r: use id or -id.") % {"value": order})
        return queryset.order_by(self.orders[order])
