"""The admin refuses text longer than listings show, impossible dates, unbounded numbers and
images without alternative text, in Swedish, keeping the editor's other edits."""

import json
from datetime import date, timedelta

import pytest

from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from hub.models import Municipality
from tests.factories import (
    ContactFactory,
    EventIndexPageFactory,
    ImageFactory,
    NewsletterIndexPageFactory,
    NewsletterIssuePageFactory,
    StandardPageFactory,
    ThemeFactory,
    case_study,
    event,
)
from tests.hub.test_preview import case_study_fields, event_fields

pytestmark = pytest.mark.django_db

TOO_LONG = "Håll det här inom"
KEPT_EDIT = "En ändring som inte får försvinna"


@pytest.fixture
def contact(db):
    return ContactFactory(name="Alva Exempel", role="Klimatstrateg")


@pytest.fixture
def pages(home, library, themes, contact):
    """A standard page, a case study, an event and a newsletter issue, with their edit forms."""
    standard = StandardPageFactory(parent=home, title="Om nätverket", slug="om")
    study = case_study(library, "Klimatkontrakt i Karlstad", themes=[themes["kontrakt"]])
    calendar = EventIndexPageFactory(parent=home)
    meeting = event(calendar, "Webbfika", timezone.now() + timedelta(days=7))
    archive = NewsletterIndexPageFactory(parent=home)
    issue = NewsletterIssuePageFactory(parent=archive, issue_date=date(2026, 5, 4), number=3)
    karlstad = Municipality.objects.get(code="1780")
    return {
        "standard": (standard, "introduction", {"body": streamfield([])}, {}),
        "case study": (
            study,
            "summary",
            case_study_fields(themes, contact, slug=study.slug),
            {"municipalities": [karlstad.pk], "partners": []},
        ),
        "event": (
            meeting,
            "summary",
            event_fields(meeting.event_type, themes, contact, slug=meeting.slug),
            {"organisers": [], "municipalities": []},
        ),
        "issue": (
            issue,
            "intro",
            {
                "issue_date": "2026-05-04",
                "number": "3",
                "sections": streamfield([]),
                "sign_off": "Kansliet",
                "tags": "",
            },
            {},
        ),
    }


def post_edit(client, page, fields, multiple=None, publish=False):
    data = nested_form_data({"slug": page.slug, **fields})
    data.update(multiple or {})
    if publish:
        data["action-publish"] = "action-publish"
    return client.post(f"/admin/pages/{page.pk}/edit/", data)


def edit(client, pages, kind, publish=False, **fields):
    """Post the edit form of one of `pages` with `fields` over valid values and a new title."""
    page, summary, valid, multiple = pages[kind]
    fields = {**valid, summary: "En kort sammanfattning.", "title": KEPT_EDIT, **fields}
    return post_edit(client, page, fields, multiple, publish)


def assert_refused(response, page, message):
    """The form comes back with the message and the editor's edits; nothing was saved."""
    assert response.status_code == 200
    html = response.content.decode()
    # A block's errors reach the page in the StreamField's JSON, which escapes "ä".
    assert message in html or json.dumps(message)[1:-1] in html
    assert f'value="{KEPT_EDIT}"' in html
    fresh = Page.objects.get(pk=page.pk)
    assert fresh.title != KEPT_EDIT
    assert fresh.get_latest_revision() is None or KEPT_EDIT not in str(
        fresh.get_latest_revision().content
    )


KINDS = [
    pytest.param("standard", 400, id="standard page"),
    pytest.param("case study", 400, id="case study"),
    pytest.param("event", 400, id="event"),
    pytest.param("issue", 600, id="newsletter issue"),
]


@pytest.mark.parametrize(("kind", "limit"), KINDS)
def test_form_shows_the_summary_limit(client, editor, pages, kind, limit):
    """The summary's input holds at most the limit, and its help text says so."""
    page, summary, _valid, _multiple = pages[kind]
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert f'maxlength="{limit}"' in html
    assert f"Högst {limit} tecken." in html
    assert 'maxlength="160"' in html  # the meta description
    assert "Högst 160 tecken." in html


@pytest.mark.parametrize(("kind", "limit"), KINDS)
@pytest.mark.parametrize("publish", [False, True], ids=["save draft", "publish"])
def test_summary_longer_than_listings_show_is_refused(client, editor, pages, kind, limit, publish):
    """A summary one character too long comes back with the reason in Swedish."""
    page, summary, _valid, _multiple = pages[kind]
    response = edit(client, pages, kind, publish, **{summary: "x" * (limit + 1)})
    assert_refused(response, page, f"{TOO_LONG} {limit} tecken")
    assert f"(nu är det {limit + 1})" in response.content.decode()


@pytest.mark.parametrize(("kind", "limit"), KINDS)
def test_summary_at_the_limit_is_saved(client, editor, pages, kind, limit):
    page, summary, _valid, _multiple = pages[kind]
    response = edit(client, pages, kind, **{summary: "x" * limit})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert KEPT_EDIT in str(Page.objects.get(pk=page.pk).get_latest_revision().content)


@pytest.mark.parametrize(
    ("field", "limit"), [("search_description", 160), ("seo_title", 70)], ids=["meta", "title"]
)
@pytest.mark.parametrize("kind", ["standard", "case study", "event", "issue"])
def test_search_engine_texts_past_their_cut_are_refused(client, editor, pages, kind, field, limit):
    page = pages[kind][0]
    response = edit(client, pages, kind, **{field: "y" * (limit + 1)})
    assert_refused(response, page, f"{TOO_LONG} {limit} tecken")


def test_a_page_saved_before_the_limits_still_opens_and_shows_the_error_on_save(
    client, editor, pages
):
    """Existing text past a new limit opens in the editor; saving asks to shorten it."""
    page = pages["standard"][0]
    Page.objects.filter(pk=page.pk).update(search_description="z" * 300)
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    assert "z" * 300 in response.content.decode()
    refused = edit(client, pages, "standard", search_description="z" * 300)
    assert_refused(refused, page, f"{TOO_LONG} 160 tecken")
    assert "z" * 300 in refused.content.decode()
    saved = edit(client, pages, "standard", search_description="z" * 160)
    assert saved.status_code == 302


def in_days(days, hour, minute=0):
    """A moment in the admin's date and time format, `days` from today."""
    moment = timezone.localtime() + timedelta(days=days)
    return moment.replace(hour=hour, minute=minute).strftime("%Y-%m-%d %H:%M")


@pytest.mark.parametrize(
    ("fields", "field_message"),
    [
        pytest.param(
            {
                "start": in_days(10, 14),
                "end": in_days(10, 15),
                "registration_url": "https://example.org/anmalan",
                "registration_deadline": in_days(10, 14, 30),
            },
            "Anmälan måste stänga senast när evenemanget börjar.",
            id="deadline after the start",
        ),
        pytest.param(
            {"start": in_days(10, 14), "end": in_days(10, 13)},
            "Evenemanget måste sluta efter att det börjat.",
            id="end before the start",
        ),
    ],
)
def test_event_dates_out_of_order_are_refused(client, editor, pages, fields, field_message):
    response = edit(client, pages, "event", publish=True, **fields)
    assert_refused(response, pages["event"][0], field_message)


def test_registration_closing_as_the_event_starts_is_saved(client, editor, pages):
    start = in_days(10, 14)
    response = edit(
        client,
        pages,
        "event",
        start=start,
        end=in_days(10, 15),
        registration_url="https://example.org/anmalan",
        registration_deadline=start,
    )
    assert response.status_code == 302


@pytest.mark.parametrize("number", ["0", "10000"])
def test_newsletter_number_out_of_range_is_refused(client, editor, pages, number):
    response = edit(client, pages, "issue", number=number)
    assert_refused(response, pages["issue"][0], "Kontrollera att detta värde är")


@pytest.mark.parametrize(("order", "saved"), [("1000", False), ("999", True)])
def test_theme_order_is_bounded(client, editor, order, saved):
    theme = ThemeFactory(name="Energi", slug="energi")
    url = reverse(theme.snippet_viewset.get_url_name("edit"), args=[theme.pk])
    data = {"name": "Energi och klimat", "slug": "energi", "description": "", "sort_order": order}
    response = client.post(url, data)
    theme.refresh_from_db()
    if saved:
        assert response.status_code == 302
        assert theme.sort_order == 999
    else:
        assert response.status_code == 200
        html = response.content.decode()
        assert "Kontrollera att detta värde är mindre än eller lika med 999." in html
        assert 'value="Energi och klimat"' in html
        assert theme.name == "Energi"


def image_body(image, alt_text="", decorative=False):
    value = {"image": image.pk, "alt_text": alt_text, "caption": ""}
    if decorative:
        value["decorative"] = "on"
    return streamfield([("image", value)])


def test_image_without_alternative_text_is_refused(client, editor, pages):
    image = ImageFactory(title="Bikupor")
    response = edit(client, pages, "standard", publish=True, body=image_body(image))
    assert_refused(response, pages["standard"][0], "Beskriv bilden, eller markera den som")


def test_decorative_image_needs_no_alternative_text_and_is_skipped_by_screen_readers(
    client, editor, pages
):
    image = ImageFactory(title="Mönster")
    page = pages["standard"][0]
    response = edit(
        client, pages, "standard", publish=True, body=image_body(image, decorative=True)
    )
    assert response.status_code == 302
    html = client.get(Page.objects.get(pk=page.pk).url).content.decode()
    assert 'alt=""' in html


def test_described_image_shows_its_alternative_text(client, editor, pages):
    image = ImageFactory(title="Bikupor")
    page = pages["standard"][0]
    body = image_body(image, alt_text="Deltagare samlade kring ett bord")
    assert edit(client, pages, "standard", publish=True, body=body).status_code == 302
    html = client.get(Page.objects.get(pk=page.pk).url).content.decode()
    assert 'alt="Deltagare samlade kring ett bord"' in html


def test_latest_section_asks_for_at_most_twelve_items(client, editor, home, library):
    """A home page section listing more items than a page can hold is refused."""
    section = {"heading": "Nya exempel", "source": library.pk, "count": "13", "link_text": ""}
    data = nested_form_data(
        {
            "title": KEPT_EDIT,
            "slug": home.slug,
            "introduction": "Välkommen.",
            "sections": streamfield([("latest", section)]),
        }
    )
    response = client.post(f"/admin/pages/{home.pk}/edit/", data)
    assert_refused(response, home, "Kontrollera att detta värde är mindre än eller lika med 12.")


def test_workshop_session_lasts_at_least_a_minute(client, editor, pages):
    session = {
        "title": "Bikupor",
        "duration": "0",
        "instructions": rich_text("<p>Prata vid borden.</p>"),
        "questions": {"count": 1, "0": {"value": "Vad är nästa steg?", "deleted": "", "order": 0}},
        "facilitator_notes": rich_text(""),
    }
    material = streamfield([("workshop_session", session)])
    response = edit(client, pages, "event", material=material)
    assert_refused(response, pages["event"][0], "Kontrollera att detta värde är större än")
