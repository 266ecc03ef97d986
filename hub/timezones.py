from functools import lru_cache
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.translation import get_language

# Every time on the hub is shown in Swedish time, whatever the server's or visitor's zone.
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def local_format(value, format_string):
    """`value` (an aware datetime) in Swedish time, formatted as Django's `date` filter does in
    the active language.

    A calendar formats the same few hundred moments on every request, and Django's formatter
    costs about 30 µs a call, so each (moment, format, language) is formatted once per worker.
    """
    return _local_format(value, str(format_string), get_language())


@lru_cache(maxsize=8192)
def _local_format(value, format_string, language):
    return format_date(timezone.localtime(value, STOCKHOLM), format_string)
