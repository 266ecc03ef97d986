"""The API's endpoints: Wagtail's pages, images and documents, read-only, for anyone, bounded.

Only live pages outside private sections, in the site's languages; images and documents
outside restricted collections. No endpoint authenticates: a signed-in editor sees what
everyone sees, and no session or CSRF cookie is read or set.
"""

from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Prefetch, Q
from django.db.models.query import ModelIterable
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from wagtail.api.v2.filters import (
    AncestorOfFilter,
    ChildOfFilter,
    DescendantOfFilter,
    TranslationOfFilter,
)
from wagtail.api.v2.serializers import PageSerializer
from wagtail.api.v2.utils import BadRequestError, page_models_from_string
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.serializers import DocumentSerializer
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.fields import StreamField
from wagtail.images.api.v2.serializers import ImageSerializer
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Collection, CollectionViewRestriction, Page

from hub.api.fields import AliasOfField, ListedField, LocaleCodeField, TagNamesField
from hub.api.filters import LocaleFilter, MunicipalityFilter, OrderingFilter, TagFilter, ThemeFilter
from hub.api.pagination import BoundedPagination, whole_number
from hub.browsing.cards import CardIterable, CardTermsMixin
from hub.languages import home_pages
from hub.models.related import in_private_section
from hub.versions import remember_each

LONG_TEXT = (models.TextField, StreamField)
PAGING = frozenset(["limit", "offset", "after_id", "fields", "order"])


class ReadOnlyEndpoint:
    """JSON only, for anyone, with only the query parameters each endpoint names."""

    renderer_classes = [JSONRenderer]
    authentication_classes = []
    permission_classes = [AllowAny]
    pagination_class = BoundedPagination
    known_query_parameters = PAGING

    def get_renderer_context(self):
        # Compact JSON: Wagtail's indented JSON takes Python's slow encoder and a third more
        # bytes.
        context = super().get_renderer_context()
        context.pop("indent", None)
        return context

    def check_query_parameters(self, queryset):
        if "search" in self.request.GET:
            raise BadRequestError(_("The API does not search; use the site's search page."))
        unknown = set(self.request.GET) - self.known_query_parameters
        if unknown:
            raise BadRequestError(
                _("Unknown query parameters: %(names)s. Known: %(known)s.")
                % {
                    "names": ", ".join(sorted(unknown)),
                    "known": ", ".join(sorted(self.known_query_parameters)),
                }
            )


class PublicPageSerializer(PageSerializer):
    locale = LocaleCodeField()
    alias_of = AliasOfField()


class PagesEndpoint(ReadOnlyEndpoint, PagesAPIViewSet):
    base_serializer_class = PublicPageSerializer
    filter_backends = [
        ChildOfFilter,
        AncestorOfFilter,
        DescendantOfFilter,
        TranslationOfFilter,
        LocaleFilter,
        ThemeFilter,
        MunicipalityFilter,
        TagFilter,
        OrderingFilter,
    ]
    known_query_parameters = PAGING.union(
        [
            "type",
            "locale",
            "theme",
            "municipality",
            "tags",
            "child_of",
            "ancestor_of",
            "descendant_of",
            "translation_of",
        ]
    )

    def get_base_queryset(self):
        """Live pages outside private sections, under the site's home page in any language.

        Which pages those are is read from what each worker remembers per content version
        (hub/languages.py, hub/models/related.py), not from the restrictions on each request.
        """
        return self.public(Page.objects.all())

    def public(self, queryset):
        homes = home_pages(self.request._request).values()
        if not homes:
            return queryset.none()
        within = Q()
        for home in homes:
            within |= Q(path__startswith=home.path)
        return queryset.live().exclude(in_private_section()).filter(within)

    def get_queryset(self):
        try:
            models = page_models_from_string(self.request.GET.get("type") or "wagtailcore.Page")
        except (LookupError, ValueError) as error:
            raise BadRequestError(_("Unknown page type.")) from error
        if len(models) == 1:
            queryset = self.public(models[0].objects.all())
        else:
            queryset = self.get_base_queryset().type(*models)
        return with_api_relations(queryset)

    def listing_view(self, request):
        """Wagtail's listing, with each page's JSON made once per content version, site,
        language and choice of fields (hub/versions.py): a list shown again reads only the ids
        of its pages, and serialises the pages it has not shown before."""
        queryset = self.get_queryset()
        self.check_query_parameters(queryset)
        shown = self.paginate_queryset(self.filter_queryset(queryset))
        ids = list(shown.prefetch_related(None).values_list("pk", flat=True))
        serializer_class = self.get_serializer_class()
        model = serializer_class.Meta.model
        key = ("api page", request.get_host(), get_language(), shape(serializer_class))

        def serialise(missing):
            pages = list(with_api_relations(model.objects.filter(pk__in=missing)))
            context = self.get_serializer_context()
            data = serializer_class(pages, many=True, context=context).data
            return {page.pk: item for page, item in zip(pages, data, strict=True)}

        return self.get_paginated_response(remember_each(key, ids, serialise))

    def find_object(self, queryset, request):
        """`find/?id=17` or `find/?html_path=/sv/exempel/helsingborgs-klimatavtal/`."""
        if "html_path" in request.GET:
            language, _slash, rest = request.GET["html_path"].strip("/").partition("/")
            home = home_pages(request._request).get(language)
            if home is None:
                return None
            try:
                page = home.specific.route(request._request, [p for p in rest.split("/") if p])[0]
            except Http404:
                return None
            return queryset.filter(pk=page.pk).first()
        if "id" in request.GET:
            page_id = whole_number(request, "id", None)
            return queryset.filter(pk=page_id).first()
        return None

    def get_object(self):
        """The page, of its own type, with what its `api_fields` show read as for a listing."""
        if not hasattr(self, "_cached_object"):
            pages = self.filter_queryset(self.get_queryset())
            page = get_object_or_404(pages, pk=self.kwargs["pk"])
            model = page.specific_class or Page
            queryset = self.public(model.objects.filter(pk=page.pk))
            self._cached_object = with_api_relations(queryset).get()
        return self._cached_object


def shape(serializer_class):
    """What a serializer class writes: its model, its fields and those of the serializers it
    nests."""
    children = sorted(serializer_class.child_serializer_classes.items())
    return (
        serializer_class.Meta.model._meta.label,
        tuple(serializer_class.Meta.fields),
        tuple((name, shape(child)) for name, child in children),
    )


class ListedIterable(ModelIterable):
    """Pages with the values of their `ListedField`s, one query per field for the list."""

    def __iter__(self):
        pages = list(super().__iter__())
        model = self.queryset.model
        listed = [
            (api_field.name, api_field.serializer)
            for api_field in getattr(model, "api_fields", ())
            if isinstance(api_field.serializer, ListedField)
        ]
        if pages and listed:
            ids = [page.pk for page in pages]
            values = {name: serializer.read(model, name, ids) for name, serializer in listed}
            for page in pages:
                page.api_listed = {name: found.get(page.pk, []) for name, found in values.items()}
        yield from pages


class ListedCardIterable(ListedIterable, CardIterable):
    """Also themes and places in one query (hub/browsing/cards.py)."""


def with_api_relations(queryset):
    """What the page type's `api_fields` show, read for a whole page of results at once, and
    none of the long text (bodies, StreamFields) that they do not show."""
    model = queryset.model
    if issubclass(model, CardTermsMixin):
        queryset._iterable_class = ListedCardIterable
    else:
        queryset._iterable_class = ListedIterable
    shown = {api_field.name for api_field in getattr(model, "api_fields", ())}
    long_text = [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, LONG_TEXT) and field.model is not Page and field.name not in shown
    ]
    queryset = queryset.defer(*long_text)
    for api_field in getattr(model, "api_fields", ()):
        source = getattr(api_field.serializer, "source", None) or api_field.name
        try:
            field = model._meta.get_field(source)
        except FieldDoesNotExist:
            continue
        if field.many_to_one:
            queryset = queryset.select_related(source)
        elif field.many_to_many:
            queryset = queryset.prefetch_related(source)
        elif field.one_to_many:  # links to tags or themes, with what they link
            links = field.related_model
            terms = [
                link.name
                for link in links._meta.fields
                if link.many_to_one and link.name not in {field.field.name, "locale"}
            ]
            rows = links.objects.select_related(*terms) if terms else links.objects.all()
            queryset = queryset.prefetch_related(Prefetch(source, queryset=rows))
    return queryset


class CollectionItemsEndpoint(ReadOnlyEndpoint):
    """Images or documents in no collection that a view restriction covers, whoever asks."""

    filter_backends = [OrderingFilter]

    def get_queryset(self):
        if not hasattr(self, "_restricted"):
            paths = CollectionViewRestriction.objects.values_list("collection__path", flat=True)
            restricted = Q(pk__in=[])
            for path in paths:
                restricted |= Q(path__startswith=path)
            self._restricted = restricted
        hidden = Collection.objects.filter(self._restricted).values("pk")
        return self.model.objects.exclude(collection__in=hidden).prefetch_related("tags")

    def find_object(self, queryset, request):
        """`find/?id=17`; an id that is not a whole number is a bad request, not an error."""
        if "id" in request.GET:
            return queryset.filter(pk=whole_number(request, "id", None)).first()
        return None


class PublicImageSerializer(ImageSerializer):
    tags = TagNamesField()


class PublicDocumentSerializer(DocumentSerializer):
    tags = TagNamesField()


class ImagesEndpoint(CollectionItemsEndpoint, ImagesAPIViewSet):
    base_serializer_class = PublicImageSerializer


class DocumentsEndpoint(CollectionItemsEndpoint, DocumentsAPIViewSet):
    base_serializer_class = PublicDocumentSerializer
