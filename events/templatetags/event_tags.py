from django import template
from django.utils import timezone
from django.utils.dateformat import format as format_date

from hub.timezones import STOCKHOLM

register = template.Library()


@register.simple_tag
def event_when(event):
    return event.when_text


@register.simple_tag
def local_time(value, format_string):
    """A datetime in Swedish time, in a format translated per language."""
    return format_date(timezone.localtime(value, STOCKHOLM), format_string)


@register.simple_tag
def subpage_url(page, route_name, *args):
    """The URL of a routable page's sub-route, in the page's own language."""
    return page.url + page.reverse_subpage(route_name, args=args)


@register.simple_tag(takes_context=True)
def webcal_url(context, page, route_name, *args):
    request = context["request"]
    url = request.build_absolute_uri(page.url + page.reverse_subpage(route_name, args=args))
    return "webcal://" + url.split("://", 1)[1]
