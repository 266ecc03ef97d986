"""The editors' desk: panels on the admin dashboard listing what is missing or stale.

Each panel shows the first rows of one bounded query, so the dashboard costs the same with ten
thousand case studies as with ten; "See all" opens the whole list a page at a time
(`views.py`). Wagtail's own "Awaiting your review" panel lists the pages waiting for the
editor's review.
"""

from hub.desk.panels import PANELS, DeskPanel, DeskRow, years_ago

__all__ = ["PANELS", "DeskPanel", "DeskRow", "years_ago"]
