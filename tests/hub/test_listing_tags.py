"""The long lists of the library and the calendar, written in Python (hub/templatetags/
listing_tags.py), escape what editors type as the template language did."""

import pytest

from tests.factories import EventIndexPageFactory, EventTypeFactory, ThemeFactory, case_study, event
from tests.utils import local

pytestmark = pytest.mark.django_db


def test_names_with_markup_characters_are_escaped(client, home, library):
    """A theme and a tag with "&", "<" and quotes show as text, and the tag links to its page."""
    theme = ThemeFactory(name='Mat & "klimat" <idag>', slug="mat-och-klimat")
    case_study(library, "Skolmat", themes=[theme])
    calendar = EventIndexPageFactory(parent=home)
    meeting = event(calendar, "Matträff", local(2030, 1, 9, 13), event_type=EventTypeFactory())
    meeting.tags.add('Mat & "klimat" <idag>')
    meeting.save()
    library_html = client.get("/sv/exempel/").content.decode()
    assert 'Mat &amp; &quot;klimat&quot; &lt;idag&gt; <span class="facet__count">(1' in library_html
    calendar_html = client.get("/sv/evenemang/").content.decode()
    assert (
        '<a href="/sv/taggar/mat-klimat-idag/">Mat &amp; &quot;klimat&quot; &lt;idag&gt; '
        '<span class="tag-count">(1)</span></a>' in calendar_html
    )
    assert "<idag>" not in library_html + calendar_html


def test_the_overview_lists_municipalities_escaped_and_linked(client, home, library):
    """A municipality's name is shown as text and links to its page; one with a case study is
    marked and counted, one without is neither."""
    from hub.models import Municipality

    malmo = Municipality.objects.get(slug="malmo")
    malmo.name = "Malmö & <omnejd>"
    malmo.save()
    case_study(library, "Solceller i Malmö", municipalities=[malmo.code])
    page = client.get("/sv/kommuner/").content.decode()
    assert (
        '<li class="has-content"><a href="/sv/kommuner/malmo/">Malmö &amp; &lt;omnejd&gt;</a> (1)'
        "</li>" in page
    )
    assert '<li><a href="/sv/kommuner/lund/">Lund</a></li>' in page
    assert "<omnejd>" not in page
