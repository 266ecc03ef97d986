from django import template
from django.utils import timezone
from django.utils.dateformat import format as format_date

from hub.timezones import STOCKHOLM

register = template.Library()


@register.simple_tag
def local_time(value, format_string):
    """A datetime in Swedish time, in a format translated per language."""
    return format_date(timezone.localtime(value, STOCKHOLM), format_string)
