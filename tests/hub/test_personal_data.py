"""Exporting and erasing everything the hub holds about one e-mail address."""

import json
from datetime import date
from io import StringIO

import pytest

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from wagtail.search.backends import get_search_backend
from wagtail_localize.models import TranslationSource

from events.models import EventSpeaker
from hub.models import Alert, Contact, County, Delivery, Subscriber
from tests.factories import (
    CaseStudyIndexPageFactory,
    ContactFactory,
    EventIndexPageFactory,
    NewsletterIndexPageFactory,
    NewsletterIssuePageFactory,
    SubscriberFactory,
    case_study,
    event,
    locale,
)
from tests.utils import local

pytestmark = pytest.mark.django_db

ADDRESS = "anna.lindqvist@example.org"


@pytest.fixture
def held(home, home_en):
    """Anna: a subscriber sent one issue, and a contact (in Swedish and English) shown on a
    case study and an event. Per, on the same case study, and another reader are not her."""
    anna = ContactFactory(
        name="Anna Lindqvist", role="Klimatstrateg", email="Anna.Lindqvist@Example.org"
    )
    source, _created = TranslationSource.get_or_create_from_instance(anna)
    source.create_or_update_translation(locale("en"), fallback=True)
    per = ContactFactory(name="Per Holm", role="Energicoach")
    study = case_study(
        CaseStudyIndexPageFactory(parent=home), "Klimatkontrakt", contacts=[anna, per]
    )
    study.save_revision()  # what an editor opens and publishes next still names her
    talk = event(EventIndexPageFactory(parent=home), "Klimatdagen", local(2026, 12, 3, 9))
    EventSpeaker.objects.create(page=talk, contact=anna)
    archive = NewsletterIndexPageFactory(parent=home)
    issue = NewsletterIssuePageFactory(
        parent=archive, title="Verksamhetsplanen", number=1, issue_date=date(2026, 4, 20)
    )
    reader = SubscriberFactory(email=ADDRESS, consent="Jag vill ha nyhetsbrevet.")
    alert = Alert.objects.create(
        subscriber=reader, consent="Jag vill ha bevakningen.", consent_language="sv"
    )
    alert.counties.set(County.objects.filter(slug="varmlands-lan"))
    other = SubscriberFactory()
    for subscriber in (reader, other):
        Delivery.objects.create(issue=issue, subscriber=subscriber, status=Delivery.Status.SENT)
    return {"anna": anna, "per": per, "study": study, "talk": talk, "other": other}


def export(address):
    out = StringIO()
    call_command("export_personal_data", address, stdout=out)
    return json.loads(out.getvalue())


def erase(address):
    out = StringIO()
    call_command("erase_personal_data", address, interactive=False, stdout=out)
    return out.getvalue()


def test_export_holds_everything_about_the_address_in_any_case(held):
    """The subscription with its consent and deliveries, and the contact in each language with
    the pages that show it; nobody else's data."""
    get_user_model().objects.create_user("anna", ADDRESS, "losen", first_name="Anna")
    data = export("ANNA.Lindqvist@example.ORG")
    (subscription,) = data["newsletter_subscribers"]
    assert subscription["email"] == ADDRESS
    assert subscription["consent"] == "Jag vill ha nyhetsbrevet."
    assert subscription["status"] == "confirmed"
    assert [sent["issue"] for sent in subscription["issues_sent"]] == ["Verksamhetsplanen"]
    (alert,) = subscription["alerts"]
    assert alert["alert"] == "Alla teman i Värmlands län, varje vecka"
    assert alert["consent"] == "Jag vill ha bevakningen."
    assert sorted(contact["language"] for contact in data["contacts"]) == ["en", "sv"]
    swedish = next(contact for contact in data["contacts"] if contact["language"] == "sv")
    assert swedish["name"] == "Anna Lindqvist"
    assert swedish["phone"] == held["anna"].phone
    assert {page["title"] for page in swedish["shown_on"]} == {"Klimatkontrakt", "Klimatdagen"}
    assert [account["username"] for account in data["admin_accounts"]] == ["anna"]
    assert "Per Holm" not in json.dumps(data)
    assert held["other"].email not in json.dumps(data)


def test_export_to_a_file(held, tmp_path):
    """`--output` writes the same JSON to a file."""
    path = tmp_path / "anna.json"
    call_command("export_personal_data", ADDRESS, output=str(path), stdout=StringIO())
    assert json.loads(path.read_text(encoding="utf-8")) == export(ADDRESS)


def test_an_address_nobody_has(db):
    """An unknown address exports empty lists and erases nothing, without an error."""
    data = export("nobody@example.org")
    assert data["newsletter_subscribers"] == data["contacts"] == data["admin_accounts"] == []
    assert "Erased 0 subscriber(s)" in erase("nobody@example.org")


@pytest.mark.parametrize("command", ["export_personal_data", "erase_personal_data"])
@pytest.mark.parametrize("given", ["", "  ", "anna", "%"])
def test_anything_but_an_address_is_refused(held, command, given):
    """A blank or partial address is refused, not taken to match contacts without one."""
    ContactFactory(name="Utan adress", email="")
    options = {"interactive": False} if command == "erase_personal_data" else {}
    with pytest.raises(CommandError, match="Not an e-mail address"):
        call_command(command, given, stdout=StringIO(), **options)
    assert Contact.objects.filter(name__in=["Utan adress", "Anna Lindqvist"]).count() == 3
    assert Subscriber.objects.count() == 2


def test_erase_removes_the_person_and_keeps_the_pages(client, held, editor):
    """After erasing, nothing names her anywhere; the pages that showed her stay published and
    can be edited and published again; everyone else is untouched."""
    study, talk = held["study"], held["talk"]
    assert "Anna Lindqvist" in client.get(study.url).content.decode()
    report = erase("Anna.LINDQVIST@example.org")
    assert "Erased 1 subscriber(s) with 1 delivery record(s), 2 contact(s)" in report

    assert not Subscriber.objects.filter(email__iexact=ADDRESS).exists()
    assert list(Delivery.objects.values_list("subscriber", flat=True)) == [held["other"].pk]
    assert not Alert.objects.exists()  # her alert, with its consent, goes with her
    assert not Contact.objects.filter(name="Anna Lindqvist").exists()
    assert not TranslationSource.objects.filter(object_id=held["anna"].translation_key).exists()
    assert not get_search_backend().search("Lindqvist", Contact)
    assert Contact.objects.filter(pk=held["per"].pk).exists()

    for page in (study, talk):
        response = client.get(page.url)
        assert response.status_code == 200
        assert "Anna Lindqvist" not in response.content.decode()
    assert "Per Holm" in client.get(study.url).content.decode()
    edit = client.get(f"/admin/pages/{study.pk}/edit/")
    assert edit.status_code == 200
    assert "Anna Lindqvist" not in edit.content.decode()
    study.get_latest_revision().publish()
    page = client.get(study.url).content.decode()
    assert "Per Holm" in page and "Anna Lindqvist" not in page

    data = export(ADDRESS)
    assert data["newsletter_subscribers"] == data["contacts"] == []
