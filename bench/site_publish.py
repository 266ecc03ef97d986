"""Whether a publish shows on the next request: a case study's title is changed and published
in this process, the way the admin publishes, while gunicorn serves the site."""

import http.client
import time

from bench.site_load import HOST


def page_text(port, path):
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read().decode()
    finally:
        connection.close()


def publish_shows(port, path):
    """{"visible": whether the next answer has the new title, "ms": from the publish to it}."""
    from casestudies.models import CaseStudyPage

    slug = path.rstrip("/").rsplit("/", 1)[-1]
    page = CaseStudyPage.objects.get(slug=slug, locale__language_code="sv")
    page_text(port, path)  # kept, when the page cache is on
    page_text(port, path)
    new_title = f"{page.title} (uppdaterad {time.strftime('%H.%M.%S')})"
    page.title = new_title
    started = time.perf_counter()
    page.save_revision().publish()
    status, after = page_text(port, path)
    elapsed = (time.perf_counter() - started) * 1000
    return {"visible": status == 200 and new_title in after, "ms": elapsed}
