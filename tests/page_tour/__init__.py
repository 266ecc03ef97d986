"""Every public page type in Swedish and English, with demo-like content: the tour that the
accessibility, heading and HTML checks walk. A new page type is a page in `build_site()`
(content.py) or an address in `more_addresses()` (stops.py)."""

from tests.page_tour.content import build_site
from tests.page_tour.stops import URLCONF, WORKSHOP_ID, Stop, fetch

__all__ = ["URLCONF", "WORKSHOP_ID", "Stop", "build_site", "fetch"]
