"""A listing's pages and their filter values, kept in memory as one bit set per value.

Bit `i` stands for the listing's `i`th page, newest first. A visitor's choices become a few
ORs and ANDs of these sets, each option's count is the number of bits its set shares with the
pages matching the other filters, and a page of results is the ids at the first matching bits:
exact counts for any combination of filters without a query, on any database. The sets are
read once per content version (`hub.aggregates`): a few queries over the link tables, a few
hundred milliseconds for 10,000 pages, about a megabyte of memory.
"""

from django.db.models import F

from hub.browsing.lookups import link_table
from hub.collation import collated


def bit_set(positions, size):
    """The int whose bits at `positions` are set."""
    bits = bytearray((size + 7) // 8)
    for position in positions:
        bits[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(bits, "little")


def bit_string(mask):
    """`mask` as a string of "0" and "1", bit 0 first."""
    return format(mask, "b")[::-1]


def positions_in_range(mask, first, count):
    """The positions of the set bits of `mask` ranked `first` to `first + count - 1`."""
    bits = bit_string(mask)
    # The position after which `first` bits are set, by halving: str.count runs in C.
    low, high = 0, len(bits)
    while low < high:
        middle = (low + high) // 2
        if bits.count("1", 0, middle) < first:
            low = middle + 1
        else:
            high = middle
    found = []
    position = bits.find("1", low)
    while position != -1 and len(found) < count:
        found.append(position)
        position = bits.find("1", position + 1)
    return found


class KeptListing:
    """The pages of a listing in each of its sort orders, and a bit set per filter value.

    `values[field]` lists (value, stored label, bit set) in the order the listing shows
    options when it orders them by label; `groups[name]` maps the keys of what a browser adds
    with `kept_groups()` (such as a case study's years) to bit sets.
    """

    def __init__(self, browser):
        pages = browser.base
        newest = browser.sorted_by(pages, browser.default_sort)
        self.ids = list(newest.values_list("pk", flat=True))
        self.size = len(self.ids)
        self.position = {pk: position for position, pk in enumerate(self.ids)}
        self.all = (1 << self.size) - 1
        # Sorts by a value few pages have keep only those pages, in order: the rest follow
        # in the default order (`leading_sorts()`).
        self.leading = {
            sort: [self.position[pk] for pk in ids if pk in self.position]
            for sort, ids in browser.leading_sorts(pages).items()
        }
        self.leading_sets = {
            sort: bit_set(positions, self.size) for sort, positions in self.leading.items()
        }
        self.orders = {
            sort: [
                self.position[pk]
                for pk in browser.sorted_by(pages, sort).values_list("pk", flat=True)
            ]
            for sort in browser.sorts
            if sort != browser.default_sort and sort not in self.leading
        }
        self.values = {field.name: self._value_sets(browser, field) for field in browser.fields}
        self.groups = {
            name: self._group_sets(rows) for name, rows in browser.kept_groups(pages).items()
        }
        del self.position  # only needed while building

    def _value_sets(self, browser, field):
        """[(value, stored label, bit set)] for one filter, in the order of their labels."""
        pages = browser.base.order_by().values("pk")
        link = link_table(browser.base.model, field.lookup)
        if link is None:
            label = field.labels or field.lookup
            rows = browser.base.order_by().values_list("pk", field.lookup, F(label))
        else:
            model, page_field, value = link
            label = link_table(browser.base.model, field.labels)[2] if field.labels else value
            rows = model.objects.filter(**{f"{page_field}__in": pages})
            rows = rows.values_list(page_field, value, label)
        if field.labels and not field.most_used_first:
            rows = rows.order_by(collated(label, "sv"))
        elif field.labels:
            rows = rows.order_by(label)
        found = {}  # value: [stored label, positions], in the order of the labels
        for pk, value, stored in rows:
            if value is not None and pk in self.position:
                found.setdefault(value, [stored, []])[1].append(self.position[pk])
        return [
            (value, stored if field.labels else "", bit_set(positions, self.size))
            for value, (stored, positions) in found.items()
        ]

    def _group_sets(self, rows):
        found = {}
        for pk, *key in rows:
            if pk in self.position:
                found.setdefault(tuple(key), []).append(self.position[pk])
        return {key: bit_set(positions, self.size) for key, positions in found.items()}

    def union(self, name, values):
        """The pages with any of `values` of filter `name`."""
        wanted = set(values)
        mask = 0
        for value, _label, bits in self.values[name]:
            if value in wanted:
                mask |= bits
        return mask

    def labels(self, name):
        return {value: label for value, label, _bits in self.values[name]}

    def counts(self, name, mask):
        """[(value, stored label, number of pages in `mask`)] for the values found in `mask`."""
        rows = []
        for value, label, bits in self.values[name]:
            total = (bits & mask).bit_count()
            if total:
                rows.append([value, label, total])
        return rows

    def page_ids(self, mask, sort, first, count):
        """The ids of the pages in `mask` ranked `first` to `first + count - 1` in `sort`."""
        if sort in self.leading:
            return self._leading_page_ids(mask, sort, first, count)
        if sort not in self.orders:
            return [self.ids[position] for position in positions_in_range(mask, first, count)]
        bits = bit_string(mask)
        size = len(bits)
        matching = (p for p in self.orders[sort] if p < size and bits[p] == "1")
        found = []
        for rank, position in enumerate(matching):
            if rank >= first + count:
                break
            if rank >= first:
                found.append(self.ids[position])
        return found

    def _leading_page_ids(self, mask, sort, first, count):
        """As `page_ids()` for a sort that leads with some pages: those in `mask` first, in
        their order, then the rest of `mask` in the default order."""
        bits = bit_string(mask)
        size = len(bits)
        leading = [p for p in self.leading[sort] if p < size and bits[p] == "1"]
        found = [self.ids[position] for position in leading[first : first + count]]
        if len(found) < count:
            rest_first = max(0, first - len(leading))
            rest = positions_in_range(
                mask & ~self.leading_sets[sort], rest_first, count - len(found)
            )
            found += [self.ids[position] for position in rest]
        return found
