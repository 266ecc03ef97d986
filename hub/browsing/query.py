"""Reading a listing's query string: every value that cannot be used is dropped with a notice.

Nothing a visitor types into the address gives an error: an unknown filter value, a year
outside any sensible range or a malformed month is ignored, and the page says so.
"""

from datetime import datetime

from django.utils.translation import gettext as _

from hub.timezones import STOCKHOLM

# The years any filter accepts: wide enough for every case study and event, narrow enough to
# keep lists of years short and dates valid.
FIRST_YEAR, LAST_YEAR = 1900, 2100
MAX_VALUES_PER_FILTER = 20


def cleaned(value):
    """`value` stripped, a NUL character shown as "�" as an undecodable byte is: no slug or word
    holds one, and PostgreSQL refuses any text that does, even only to compare it."""
    return value.replace("\x00", "\ufffd").strip()


class QueryReader:
    def __init__(self, params):
        self.params = params
        self.notices = []

    def value(self, name):
        """The last value given for `name`, cleaned; "" when there is none."""
        return cleaned(self.params.get(name, ""))

    def values(self, name):
        """Every value given for `name`, without blanks and repeats, up to a sane number."""
        values = [cleaned(value) for value in self.params.getlist(name) if cleaned(value)]
        if len(values) > MAX_VALUES_PER_FILTER:
            self.notices.append(_("Too many choices in one filter; only the first ones are used."))
            values = values[:MAX_VALUES_PER_FILTER]
        return list(dict.fromkeys(values))

    def choice(self, name, allowed, default, notice):
        """One of `allowed`; anything else gives `default` and `notice`."""
        value = self.params.get(name, default)
        if value not in allowed:
            self.notices.append(notice)
            return default
        return value

    def year(self, name):
        raw = self.value(name)
        if not raw:
            return None
        if raw.isdigit() and FIRST_YEAR <= int(raw) <= LAST_YEAR:
            return int(raw)
        self.notices.append(
            _("“%(value)s” is not a year we can filter on; it was ignored.") % {"value": raw[:20]}
        )
        return None

    def month(self, name):
        """The first moment of a month given as YYYY-MM, in Swedish time."""
        raw = self.value(name)
        if not raw:
            return None
        try:
            month = datetime.strptime(raw, "%Y-%m")
        except ValueError:
            month = None
        if month is None or not FIRST_YEAR <= month.year <= LAST_YEAR:
            self.notices.append(
                _("“%(value)s” is not a month we can filter on; it was ignored.")
                % {"value": raw[:20]}
            )
            return None
        return month.replace(tzinfo=STOCKHOLM)

    def drop_unknown(self, values, known, notice):
        """`values` that are in `known`; the others are named in `notice`."""
        unknown = [value for value in values if value not in known]
        if unknown:
            self.notices.append(notice % {"value": ", ".join(value[:40] for value in unknown)})
        return [value for value in values if value in known]

    def query_without(self, name, value=None):
        """This query string without one value of `name` (every value if None) and the page."""
        params = self.params.copy()
        if value is None:
            params.pop(name, None)
        else:
            params.setlist(name, [item for item in params.getlist(name) if item != value])
        params.pop("page", None)
        return params.urlencode()
