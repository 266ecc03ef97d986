from django import template
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.text import capfirst
from django.utils.translation import pgettext

from events.calendar import STOCKHOLM

register = template.Library()


@register.simple_tag
def event_when(event):
    """'Tisdag 24 november 2026, 13.00–14.30', or both dates for a multi-day event."""
    start = timezone.localtime(event.start, STOCKHOLM)
    end = timezone.localtime(event.end, STOCKHOLM)
    date_format = pgettext("event date with weekday", "l j F Y")
    time_format = pgettext("event time of day", "H:i")
    if start.date() == end.date():
        text = (
            f"{format_date(start, date_format)}, "
            f"{format_date(start, time_format)}–{format_date(end, time_format)}"
        )
    else:
        text = (
            f"{format_date(start, date_format)} {format_date(start, time_format)} – "
            f"{format_date(end, date_format)} {format_date(end, time_format)}"
        )
    return capfirst(text)


@register.simple_tag
def local_time(value, format_string):
    """A datetime in Swedish time, in a format translated per language."""
    return format_date(timezone.localtime(value, STOCKHOLM), format_string)


@register.simple_tag(takes_context=True)
def subpage_url(context, page, route_name, *args):
    """The URL of a routable page's sub-route, in the page's own language."""
    return page.url + page.reverse_subpage(route_name, args=args)


@register.simple_tag(takes_context=True)
def webcal_url(context, page, route_name, *args):
    request = context["request"]
    url = request.build_absolute_uri(page.url + page.reverse_subpage(route_name, args=args))
    return "webcal://" + url.split("://", 1)[1]
