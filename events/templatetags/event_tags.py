from django import template
from django.utils.dateformat import time_format
from django.utils.translation import pgettext

from hub.timezones import local_format

register = template.Library()


@register.simple_tag
def local_time(value, format_string):
    """A datetime in Swedish time, in a format translated per language."""
    return local_format(value, format_string)


@register.filter
def time_of_day(value):
    """A time of day as an event's date line writes it: "14.00" in Swedish, "14:00" in English."""
    if value in (None, ""):
        return ""
    return time_format(value, pgettext("event time of day", "H:i"))
