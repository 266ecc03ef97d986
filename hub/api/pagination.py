"""Paging that costs the same however much content the hub holds.

Wagtail's own paging counts every matching row for `meta.total_count` and lets `offset` run
as deep as a client asks, both reading all the rows before the page. Here the count stops at
COUNT_LIMIT (`total_count_exact` says whether it stopped), `offset` stops at MAX_OFFSET, and
`after_id` pages on from the last id seen as far as the content goes, each page an index
range.
"""

from collections import OrderedDict

from rest_framework.response import Response

from django.conf import settings
from django.utils.translation import gettext as _

from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.utils import BadRequestError

COUNT_LIMIT = 1000
MAX_OFFSET = 1000
# Past this many characters a number parameter is refused before it is read.
MAX_DIGITS = 12


def whole_number(request, name, default, *, high=None):
    raw = request.GET.get(name)
    if raw is None:
        return default
    if not (raw.isascii() and raw.isdigit() and len(raw) <= MAX_DIGITS):
        raise BadRequestError(_("%(name)s must be a whole number of 0 or more.") % {"name": name})
    value = int(raw)
    if high is not None and value > high:
        raise BadRequestError(
            _("%(name)s cannot be higher than %(high)d.") % {"name": name, "high": high}
        )
    return value


class BoundedPagination(WagtailPagination):
    def paginate_queryset(self, queryset, request, view=None):
        limit_max = settings.WAGTAILAPI_LIMIT_MAX
        offset = whole_number(request, "offset", 0, high=MAX_OFFSET)
        limit = whole_number(request, "limit", min(20, limit_max), high=limit_max)
        after_id = whole_number(request, "after_id", None)
        if after_id is not None:
            if offset or request.GET.get("order", "id") != "id":
                raise BadRequestError(_("after_id pages by id: use it without offset and order."))
            queryset = queryset.filter(pk__gt=after_id)
        self.view = view
        counted = queryset.order_by()[: COUNT_LIMIT + 1].count()
        self.total_count = min(counted, COUNT_LIMIT)
        self.total_count_exact = counted <= COUNT_LIMIT
        return queryset[offset : offset + limit]

    def get_paginated_response(self, data):
        meta = OrderedDict(
            [("total_count", self.total_count), ("total_count_exact", self.total_count_exact)]
        )
        return Response(OrderedDict([("meta", meta), ("items", data)]))
