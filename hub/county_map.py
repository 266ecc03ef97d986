"""The map of Sweden's counties, shaded by how many case studies each has: an inline SVG tile
map drawn by the hub, one square per county in its rough position (docs/county-map.md).

No openly licensed county boundaries reachable from the package registries could be shipped
(see README), so each county is a square on a grid: north at the top, the west coast on the
left, Gotland out in the sea. Positions and short names are matched to the County rows by
their official two-digit code.
"""

from math import ceil

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hub.models import County
from hub.versions import remember

# Official county code: (column, row, short name shown in the square).
TILES = {
    "25": (2, 0, "Nb"),  # Norrbotten
    "24": (2, 1, "Vb"),  # Västerbotten
    "23": (1, 2, "Jä"),  # Jämtland
    "22": (2, 2, "Vn"),  # Västernorrland
    "20": (1, 3, "Da"),  # Dalarna
    "21": (2, 3, "Gä"),  # Gävleborg
    "17": (0, 4, "Vr"),  # Värmland
    "18": (1, 4, "Ör"),  # Örebro
    "19": (2, 4, "Vm"),  # Västmanland
    "03": (3, 4, "Up"),  # Uppsala
    "14": (0, 5, "VG"),  # Västra Götaland
    "05": (1, 5, "Ög"),  # Östergötland
    "04": (2, 5, "Sö"),  # Södermanland
    "01": (3, 5, "St"),  # Stockholm
    "13": (0, 6, "Ha"),  # Halland
    "06": (1, 6, "Jö"),  # Jönköping
    "08": (2, 6, "Ka"),  # Kalmar
    "09": (3, 6, "Go"),  # Gotland
    "12": (0, 7, "Sk"),  # Skåne
    "07": (1, 7, "Kr"),  # Kronoberg
    "10": (2, 7, "Bl"),  # Blekinge
}
TILE = 60  # a square's side in the SVG's units
GAP = 6
COLUMNS = 1 + max(column for column, _row, _short in TILES.values())
ROWS = 1 + max(row for _column, row, _short in TILES.values())
LEVELS = 4  # shades for counties with case studies; level 0 is for none


def all_counties():
    """[(code, slug, Swedish name)] of every county, remembered per content version."""
    return remember(("counties",), lambda: list(County.objects.values_list("code", "slug", "name")))


def level_limits(most):
    """The highest count of each shade, for `most` case studies in the busiest county."""
    limits = []
    for level in range(1, LEVELS + 1):
        limit = ceil(most * level / LEVELS)
        if limit and (not limits or limit > limits[-1]):
            limits.append(limit)
    return limits


def level_of(count, limits):
    if not count:
        return 0
    return next(level for level, limit in enumerate(limits, 1) if count <= limit)


def county_map(counties, counts, href):
    """The map's regions and legend.

    `counties` are (code, slug, Swedish name) rows, `counts` the number of case studies by
    county code, `href(slug)` the address a county links to.
    """
    limits = level_limits(max(counts.values(), default=0))
    regions = []
    for code, slug, name in counties:
        if code not in TILES:  # a county code the map does not know has no square
            continue
        column, row, short = TILES[code]
        x, y = column * (TILE + GAP) + GAP // 2, row * (TILE + GAP) + GAP // 2
        count = counts.get(code, 0)
        display_name = County(name=name).display_name
        regions.append(
            {
                "code": code,
                "name": display_name,
                "count": count,
                "short": short,
                "href": href(slug),
                "level": level_of(count, limits),
                "label": ngettext(
                    "%(county)s, %(count)s case study",
                    "%(county)s, %(count)s case studies",
                    count,
                )
                % {"county": display_name, "count": count},
                "x": x,
                "y": y,
                # The short name in the upper half of the square, the count below it.
                "text_x": x + TILE // 2,
                "short_y": y + TILE * 5 // 12,
                "count_y": y + TILE * 4 // 5,
            }
        )
    # In reading order, north to south, so that the keyboard moves across the map as it looks.
    regions.sort(key=lambda region: (region["y"], region["x"]))
    return {
        "regions": regions,
        "legend": legend(limits),
        "width": COLUMNS * (TILE + GAP),
        "height": ROWS * (TILE + GAP),
        "tile": TILE,
    }


def legend(limits):
    """[(level, text)]: each shade with the counts it stands for, in words."""
    entries = [(0, _("No case studies"))]
    low = 1
    for level, high in enumerate(limits, 1):
        if low == high:
            text = ngettext("%(low)s case study", "%(low)s case studies", low) % {"low": low}
        else:
            text = _("%(low)s–%(high)s case studies") % {"low": low, "high": high}
        entries.append((level, text))
        low = high + 1
    return entries
