"""The read-only JSON API: Wagtail's API v2 at /api/v2/, bounded for a hub of any size
(docs/api.md)."""
