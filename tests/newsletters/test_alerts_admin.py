"""Alerts in the admin: listed with each subscriber, filtered, and ended by an editor."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hub.models import Alert, County, Theme
from tests.factories import SubscriberFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def followers(db, swedish_municipalities):
    theme = ThemeFactory(name="Energi- och klimatcoachning", slug="energi-och-klimatcoachning")
    varmland = County.objects.get(slug="varmlands-lan")
    following = SubscriberFactory(email="foljer@example.org")
    alert = Alert.objects.create(
        subscriber=following,
        consent="Jag vill ha e-post från Klimathubben.",
        consent_language="sv",
        confirmed_at=timezone.now(),
        last_sent_until=timezone.now(),
    )
    alert.themes.set([theme])
    alert.counties.set([varmland])
    return {"alert": alert, "following": following, "plain": SubscriberFactory()}


def test_subscriber_listing_shows_and_filters_alerts(client, editor, followers):
    """Each subscriber's alerts are in the listing, in words, and "has alerts" filters."""
    html = client.get("/admin/subscribers/").content.decode()
    assert "Energi- och klimatcoachning i Värmlands län, varje vecka" in html
    with_alerts = client.get("/admin/subscribers/?has_alerts=true").content.decode()
    assert "foljer@example.org" in with_alerts
    assert followers["plain"].email not in with_alerts
    without = client.get("/admin/subscribers/?has_alerts=false").content.decode()
    assert "foljer@example.org" not in without and followers["plain"].email in without
    found = client.get("/admin/subscribers/?q=foljer").content.decode()
    assert "foljer@example.org" in found and followers["plain"].email not in found


def test_subscriber_listing_queries_do_not_grow_with_alerts(client, editor, followers):
    """The alerts column is read in a fixed number of queries, however many alerts there are."""

    def count():
        client.get("/admin/subscribers/")
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/admin/subscribers/").status_code == 200
        return len(queries)

    before = count()
    theme = Theme.objects.get(slug="energi-och-klimatcoachning")
    for _ in range(5):
        alert = Alert.objects.create(subscriber=SubscriberFactory(), consent_language="sv")
        alert.themes.set([theme])
    assert count() == before


def test_editor_ends_an_alert(client, editor, followers):
    """An editor ends a reader's alert from its edit page; the consent record stays."""
    alert = followers["alert"]
    page = client.get(f"/admin/alerts/edit/{alert.pk}/")
    assert page.status_code == 200
    assert "Avsluta den här bevakningen" in page.content.decode()
    response = client.post(f"/admin/alerts/edit/{alert.pk}/", {"rhythm": "weekly", "end": "on"})
    assert response.status_code == 302
    alert.refresh_from_db()
    assert alert.ended_at is not None
    assert alert.consent == "Jag vill ha e-post från Klimathubben."
    assert followers["following"].alerts.active().count() == 0
    assert client.get("/admin/alerts/new/").status_code in (302, 403)
