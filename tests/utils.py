from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, path):
    """The number of SQL queries one GET of `path` runs, once Wagtail's caches are warm."""
    client.get(path)  # Warm Wagtail's cache of site root paths.
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, response.status_code
    return len(queries)
