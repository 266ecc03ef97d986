"""E-mail alerts: chosen at sign-up or on the reader's own page, sent as digests by the worker."""

import email
import itertools
import re
from datetime import timedelta
from email.policy import default

import pytest
import time_machine

from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import PageViewRestriction

from hub.models import Alert, County, Municipality, Subscriber, Theme
from hub.newsletters.alerts import period_end
from hub.newsletters.digests import send_digest
from hub.newsletters.email import render_issue_email
from hub.newsletters.links import alerts_path, end_alert_url
from tests.factories import (
    CaseStudyIndexPageFactory,
    NewsletterIssuePageFactory,
    SubscriberFactory,
    ThemeFactory,
    case_study,
    locale,
    translation_of,
)
from tests.newsletters.test_subscriptions import ADDRESS, link_in, sign_up
from tests.utils import count_queries, run_worker

pytestmark = pytest.mark.django_db


@pytest.fixture
def coaching(db):
    """The theme "Energi- och klimatcoachning", with its English name."""
    theme = ThemeFactory(name="Energi- och klimatcoachning", slug="energi-och-klimatcoachning")
    Theme.objects.create(
        name="Energy and climate coaching",
        slug=theme.slug,
        locale=locale("en"),
        translation_key=theme.translation_key,
    )
    return theme


@pytest.fixture
def varmland(swedish_municipalities):
    return County.objects.get(slug="varmlands-lan")


def follow(reader, themes=(), counties=(), municipalities=(), rhythm=Alert.Rhythm.WEEKLY):
    """A confirmed alert whose last digest covered up to the start of the last whole week."""
    now = timezone.now()
    alert = Alert.objects.create(
        subscriber=reader,
        rhythm=rhythm,
        consent="Jag vill ha e-post.",
        consent_language=reader.language,
        confirmed_at=now - timedelta(days=30),
        last_sent_until=period_end(rhythm, now) - timedelta(days=7),
    )
    alert.themes.set(themes)
    alert.counties.set(counties)
    alert.municipalities.set(municipalities)
    return alert


def in_last_week(days_before_end=2):
    """A time inside the week that has just ended."""
    return period_end(Alert.Rhythm.WEEKLY, timezone.now()) - timedelta(days=days_before_end)


def received(inbox):
    """The messages the SMTP server took, parsed: (recipients, message)."""
    return [
        (envelope.rcpt_tos, email.message_from_bytes(envelope.original_content, policy=default))
        for envelope in inbox.messages
    ]


def part(message, content_type):
    return message.get_body(preferencelist=(content_type.split("/")[1],)).get_content()


def choices(coaching, varmland, **extra):
    return {"themes": [coaching.pk], "counties": [varmland.pk], "rhythm": "weekly", **extra}


@pytest.mark.django_db(transaction=True)  # the worker commits as it goes
def test_alert_chosen_at_sign_up_starts_with_the_confirmation(client, archive, coaching, varmland):
    """An alert chosen with the sign-up waits for the e-mailed link, with its consent kept."""
    response = sign_up(client, **choices(coaching, varmland))
    assert response.status_code == 200
    run_worker()
    subscriber = Subscriber.objects.get(email=ADDRESS)
    alert = subscriber.alerts.get()
    assert alert.confirmed_at is None and alert.last_sent_until is None
    assert "Energi- och klimatcoachning i Värmlands län, varje vecka" in alert.consent
    assert "avsluta bevakningen när som helst" in alert.consent
    assert alert.consent_language == "sv"
    call_command("send_alert_digests", verbosity=0)
    assert not Alert.objects.due(timezone.now() + timedelta(days=40)).exists()

    (message,) = mail.outbox
    assert (
        "Länken startar också din bevakning:\n"
        "- Energi- och klimatcoachning i Värmlands län, varje vecka" in message.body
    )
    link = link_in(message, r"/sv/nyhetsbrev/bekrafta/[^/\s]+/")
    page = client.get(link).content.decode()
    alert.refresh_from_db()
    assert alert.confirmed_at is not None
    assert alert.last_sent_until == alert.confirmed_at
    assert "Din bevakning är också på" in page
    manage = re.search(r'href="(/sv/bevakningar/[^"]+/)"', page).group(1)
    assert (
        "Energi- och klimatcoachning i Värmlands län, varje vecka"
        in client.get(manage).content.decode()
    )


def test_sign_up_without_alert_choices_makes_no_alert(client, archive):
    """Leaving the alert choices alone signs up for the newsletter only."""
    sign_up(client)
    assert Subscriber.objects.get(email=ADDRESS).alerts.count() == 0


def test_sign_up_with_a_made_up_theme_is_refused(client, archive):
    """An unknown theme, county or municipality gives the form back with an error, not a 500."""
    for field in ("themes", "counties", "municipalities"):
        response = sign_up(client, **{field: ["99999999"]})
        assert response.status_code == 400, field
        assert "Välj ett giltigt alternativ" in response.content.decode(), field
    assert not Subscriber.objects.exists()


@pytest.mark.django_db(transaction=True)  # the worker commits as it goes
def test_digest_lists_what_matches_once(client, library, coaching, varmland, smtp_server):
    """A weekly digest lists the case study in the theme and county, once, and nothing else."""
    reader = SubscriberFactory(email="klimatstrateg@example.org")
    alert = follow(reader, themes=[coaching], counties=[varmland])
    other_theme = ThemeFactory(name="Klimatkontrakt", slug="klimatkontrakt")
    case_study(
        library,
        "Energicoacher i Karlstad",
        slug="karlstad",
        themes=[coaching],
        municipalities=["1780"],
        published_at=in_last_week(),
    )
    case_study(
        library,
        "Klimatkontrakt i Arvika",
        slug="arvika",
        themes=[other_theme],
        municipalities=["1784"],
        published_at=in_last_week(),
    )
    case_study(
        library,
        "Energicoacher i Malmö",
        slug="malmo",
        themes=[coaching],
        municipalities=["1280"],
        published_at=in_last_week(),
    )
    case_study(
        library,
        "Energicoacher i Kil",
        slug="kil-forra-veckan",
        themes=[coaching],
        municipalities=["1715"],
        published_at=in_last_week(days_before_end=9),  # covered by an earlier digest
    )
    hidden = case_study(
        library,
        "Energicoacher i Sunne",
        slug="sunne",
        themes=[coaching],
        municipalities=["1766"],
        published_at=in_last_week(),
    )
    PageViewRestriction.objects.create(
        page=hidden, restriction_type=PageViewRestriction.PASSWORD, password="hemligt"
    )
    case_study(
        library,
        "Energicoacher i Hammarö",
        slug="hammaro",
        themes=[coaching],
        municipalities=["1761"],
        published_at=timezone.now() + timedelta(seconds=1),  # this week: the next digest
    )

    call_command("send_alert_digests", verbosity=0)
    run_worker()
    ((recipients, message),) = received(smtp_server)
    assert recipients == ["klimatstrateg@example.org"]
    assert message["Subject"].strip() == (
        "Nytt på Klimathubben: Energi- och klimatcoachning i Värmlands län, varje vecka"
    )
    text = part(message, "text/plain")
    html = part(message, "text/html")
    for body in (text, html):
        assert "Energicoacher i Karlstad" in body
        assert "http://testserver/sv/exempel/karlstad/" in body
        for absent in ("Arvika", "Malmö", "Kil", "Hammarö", "Sunne"):
            assert absent not in body
    assert "1 NYTT EXEMPEL" in text and "1 nytt exempel" in html
    assert re.search(r"http://testserver/sv/bevakningar/[^/\s]+/", text)
    end_link = re.search(r"http://testserver/sv/bevakningar/avsluta/[^/\s]+/", text).group(0)
    assert message["List-Unsubscribe"].strip() == f"<{end_link}>"
    assert client.get(end_link.removeprefix("http://testserver")).status_code == 200
    alert.refresh_from_db()
    assert alert.last_sent_until == period_end(Alert.Rhythm.WEEKLY, timezone.now())

    call_command("send_alert_digests", verbosity=0)
    run_worker()
    send_digest(alert.pk, period_end(Alert.Rhythm.WEEKLY, timezone.now()))  # a retry
    assert len(smtp_server.messages) == 1


@pytest.mark.django_db(transaction=True)  # the worker commits as it goes
def test_a_week_with_nothing_new_sends_nothing(library, coaching, varmland, smtp_server):
    """No match, no e-mail; the week counts as covered all the same."""
    alert = follow(SubscriberFactory(), themes=[coaching], counties=[varmland])
    case_study(
        library, "Energicoacher i Malmö", themes=[coaching], municipalities=["1280"],
        published_at=in_last_week(),
    )  # fmt: skip
    call_command("send_alert_digests", verbosity=0)
    run_worker()
    assert smtp_server.messages == []
    alert.refresh_from_db()
    assert alert.last_sent_until == period_end(Alert.Rhythm.WEEKLY, timezone.now())


@pytest.mark.django_db(transaction=True)  # the worker commits as it goes
def test_monthly_alert_waits_for_the_month(library, coaching, varmland, smtp_server):
    """A monthly alert's digest comes once the month is over, with the whole month in it."""
    with time_machine.travel(timezone.now().replace(day=15, hour=12), tick=False):
        reader = SubscriberFactory()
        alert = follow(reader, themes=[coaching], rhythm=Alert.Rhythm.MONTHLY)
        month_start = period_end(Alert.Rhythm.MONTHLY, timezone.now())
        Alert.objects.filter(pk=alert.pk).update(last_sent_until=month_start)
        case_study(library, "Energicoacher i Karlstad", themes=[coaching], slug="karlstad")
        call_command("send_alert_digests", verbosity=0)
        assert not Alert.objects.due(timezone.now()).exists()
    with time_machine.travel(month_start + timedelta(days=40), tick=False):
        call_command("send_alert_digests", verbosity=0)
        run_worker()
    (envelope,) = smtp_server.messages
    assert "Energicoacher i Karlstad" in envelope.original_content.decode()


@pytest.mark.django_db(transaction=True)  # the worker commits as it goes
def test_english_reader_gets_english_mail(library, home_en, coaching, varmland, smtp_server):
    """The digest is in the reader's language, with English pages where they are translated
    and Swedish ones marked as such."""
    library_en = translation_of(
        library, "en", CaseStudyIndexPageFactory, title="Case studies", slug="case-studies"
    )
    follow(SubscriberFactory(language="en"), themes=[coaching], counties=[varmland])
    translated = case_study(
        library, "Energicoacher i Karlstad", slug="karlstad", themes=[coaching],
        published_at=in_last_week(),
    )  # fmt: skip
    case_study(
        library_en, "Energy coaches in Karlstad", slug="karlstad",
        translation_key=translated.translation_key,
    )  # fmt: skip
    case_study(
        library, "Energicoacher i Arvika", slug="arvika", themes=[coaching],
        municipalities=["1784"], published_at=in_last_week(),
    )  # fmt: skip
    call_command("send_alert_digests", verbosity=0)
    run_worker()
    ((_recipients, message),) = received(smtp_server)
    assert message["Subject"].strip() == (
        "New on Klimathubben: Energy and climate coaching in Värmland County, every week"
    )
    text = part(message, "text/plain")
    assert "2 NEW CASE STUDIES" in text
    assert "Energy coaches in Karlstad" in text
    assert "http://testserver/en/case-studies/karlstad/" in text
    assert "Energicoacher i Karlstad" not in text
    assert "Energicoacher i Arvika (in Swedish)" in text
    assert "/en/alerts/" in text


def test_digest_queries_do_not_grow_with_matches(library, coaching, varmland):
    """A digest of many case studies runs as many queries as a digest of one."""
    reader = SubscriberFactory()
    made = itertools.count()

    def queries_for(count):
        alert = follow(reader, themes=[coaching], counties=[varmland])
        for number in itertools.islice(made, count):
            case_study(
                library, f"Exempel {number}", themes=[coaching],
                published_at=in_last_week(), slug=f"exempel-{number}",
            )  # fmt: skip
        until = period_end(Alert.Rhythm.WEEKLY, timezone.now())
        with CaptureQueriesContext(connection) as queries:
            assert send_digest(alert.pk, until) >= count
        Alert.objects.filter(pk=alert.pk).update(ended_at=timezone.now())
        return len(queries)

    queries_for(1)  # warms the cache of site root paths, as a running worker has it
    # The alert with its subscriber, themes, counties and municipalities (4), the period taken
    # on (1), the view restrictions and the case studies (2) and the events (2), their count
    # (1), the themes' translations (1): the same for one case study or six.
    assert queries_for(6) == queries_for(1) == 12
    assert len(mail.outbox) == 3


def test_manage_page_changes_and_ends_alerts(client, coaching, varmland):
    """From the signed link a reader adds an alert, changes its rhythm and ends one with one
    click; the newsletter stays as it was."""
    reader = SubscriberFactory()
    alert = follow(reader, themes=[coaching], counties=[varmland])
    path = alerts_path(reader)
    page = client.get(path)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Energi- och klimatcoachning i Värmlands län, varje vecka" in html
    assert set(page.cookies) == {"csrftoken"}

    karlstad = Municipality.objects.get(code="1780")
    added = client.post(path, {"municipalities": [karlstad.pk], "rhythm": "monthly"})
    assert added.status_code == 302
    new = reader.alerts.exclude(pk=alert.pk).get()
    assert new.is_active and new.consent_language == "sv"
    assert "Alla teman i Karlstad, varje månad" in client.get(added["Location"]).content.decode()

    changed = client.post(
        f"{path}{alert.pk}/", {**choices(coaching, varmland), "rhythm": "monthly"}
    )
    assert changed.status_code == 302
    alert.refresh_from_db()
    assert alert.rhythm == Alert.Rhythm.MONTHLY

    assert client.get(f"{path}{alert.pk}/avsluta/").status_code == 405
    ended = client.post(f"{path}{alert.pk}/avsluta/", follow=True)
    assert "Bevakningen är avslutad" in ended.content.decode()
    alert.refresh_from_db()
    assert alert.ended_at is not None
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.CONFIRMED
    assert client.get(f"{path}{alert.pk}/").status_code == 404


def test_manage_page_reads_the_same_for_one_alert_or_many(client, coaching, varmland):
    """Each alert is named from the remembered themes: more alerts add no query."""
    reader = SubscriberFactory()
    follow(reader, themes=[coaching], counties=[varmland])
    path = alerts_path(reader)
    one = count_queries(client, path)
    for rhythm in (Alert.Rhythm.WEEKLY, Alert.Rhythm.MONTHLY):
        follow(reader, themes=[coaching], counties=[varmland], rhythm=rhythm)
    assert count_queries(client, path) == one
    html = client.get(path).content.decode()
    weekly = html.count("Energi- och klimatcoachning i Värmlands län, varje vecka")
    assert weekly == 2 * html.count("Energi- och klimatcoachning i Värmlands län, varje månad") > 0


def test_manage_page_refuses_an_empty_alert(client):
    """An alert needs at least one theme or place."""
    reader = SubscriberFactory()
    response = client.post(alerts_path(reader), {"rhythm": "weekly"})
    assert response.status_code == 400
    assert "Välj minst ett tema, ett län eller en kommun" in response.content.decode()
    assert not reader.alerts.exists()


def test_end_link_asks_before_it_ends(client, coaching):
    """The e-mail's end link shows a button; only pressing it, or a mail program's one-click
    POST, ends the alert."""
    alert = follow(SubscriberFactory(), themes=[coaching])
    path = end_alert_url(alert).removeprefix("http://testserver")
    page = client.get(path)
    assert page.status_code == 200
    assert "Avsluta bevakningen" in page.content.decode()
    alert.refresh_from_db()
    assert alert.ended_at is None
    one_click = client.post(path, {"List-Unsubscribe": "One-Click"})
    assert one_click.status_code == 200
    alert.refresh_from_db()
    assert alert.ended_at is not None
    assert alert.subscriber.status == Subscriber.Status.CONFIRMED


def test_unsubscribing_from_the_newsletter_keeps_alerts(client, coaching):
    """The newsletter and the alerts end separately."""
    reader = SubscriberFactory()
    alert = follow(reader, themes=[coaching])
    reader.unsubscribe()
    alert.refresh_from_db()
    assert alert.is_active
    assert Alert.objects.due(timezone.now()).filter(pk=alert.pk).exists()


def test_bad_links_give_clear_pages(client, coaching):
    """Tampered, expired and foreign links answer with a 4xx page, never a 500."""
    reader = SubscriberFactory()
    other = follow(SubscriberFactory(), themes=[coaching])
    path = alerts_path(reader)
    for bad in ("/sv/bevakningar/förfalskad/", path[:-5] + "x/", "/sv/bevakningar/avsluta/x/"):
        response = client.get(bad)
        assert response.status_code == 400, bad
        assert "Länken fungerar inte" in response.content.decode()
    assert client.get(f"{path}{other.pk}/").status_code == 404
    assert client.post(f"{path}{other.pk}/avsluta/").status_code == 404
    assert client.get(f"{path}99999999999999999999/").status_code == 404
    other.refresh_from_db()
    assert other.ended_at is None
    with time_machine.travel(timezone.now() + timedelta(days=200)):
        assert client.get(path).status_code == 400


def test_newsletter_links_to_the_readers_alerts(archive):
    """Every newsletter e-mail has the reader's own link to their alerts in its footer."""
    issue = NewsletterIssuePageFactory(
        parent=archive, title="Hösten", number=2, issue_date=timezone.localdate()
    )
    reader = SubscriberFactory()
    _subject, text, html = render_issue_email(issue, reader)
    link = re.search(r"Mina bevakningar: (http://testserver/sv/bevakningar/[^/\s]+/)", text)
    assert link and link.group(1) in html
