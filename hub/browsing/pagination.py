from django.core.paginator import Paginator
from django.utils.translation import gettext as _

# The most and fewest items a listing page may show (hub.models.mixins.per_page_field). A value
# saved outside them (before the bounds, or straight into the database) is brought inside.
MIN_PER_PAGE = 1
MAX_PER_PAGE = 100


def paginate(request_params, object_list, per_page, notices, count=None):
    """A page of `object_list`; odd page numbers give the nearest real page and a notice.

    Pass `count` when it is already known, to save the paginator's COUNT query.
    """
    paginator = Paginator(object_list, min(max(per_page, MIN_PER_PAGE), MAX_PER_PAGE))
    if count is not None:
        paginator.count = count
    raw = request_params.get("page", "1")
    try:
        number = int(raw)
    except (TypeError, ValueError):
        notices.append(
            _("“%(value)s” is not a page number; showing the first page.") % {"value": raw[:40]}
        )
        number = 1
    if number < 1:
        number = 1
    elif number > paginator.num_pages:
        if paginator.count:
            notices.append(
                _("There are only %(count)s pages; showing the last one.")
                % {"count": paginator.num_pages}
            )
        number = paginator.num_pages
    return paginator.page(number)
