"""Every page type previews in the admin, new or edited, with the form's unsaved rows in memory."""

from datetime import date

import pytest

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from hub.models import Municipality, Organisation
from tests.factories import (
    CaseStudyIndexPageFactory,
    ContactFactory,
    EventIndexPageFactory,
    EventTypeFactory,
    NewsletterIndexPageFactory,
    NewsletterIssuePageFactory,
    StandardPageFactory,
    case_study,
    event,
)
from tests.utils import local

pytestmark = pytest.mark.django_db


def preview(client, url, data):
    """Post the form as the admin's preview panel does, then fetch what it shows."""
    state = client.post(url, data)
    assert state.status_code == 200
    assert state.json()["is_valid"], state.json()
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def edit_url(page):
    return f"/admin/pages/{page.pk}/edit/preview/"


def page_form(fields, *, multiple=None):
    """Form data the way the admin posts it; multiple-choice fields are lists."""
    data = nested_form_data(fields)
    data.update(multiple or {})
    return data


def case_study_fields(themes, contact, **overrides):
    return {
        "title": "Klimatkontrakt i förhandsvisning",
        "slug": "klimatkontrakt-forhandsvisning",
        "summary": "Ett utkast som redaktören tittar på innan det publiceras.",
        "body": streamfield([("paragraph", rich_text("<p>Osparad brödtext.</p>"))]),
        "listing_image": "",
        "listing_image_alt": "",
        "case_study_themes": inline_formset([{"theme": themes["kontrakt"].pk}]),
        "start_year": "2021",
        "end_year": "",
        "status": "ongoing",
        "key_figures": streamfield([]),
        "impact_figures": inline_formset([]),
        "results": rich_text("<p>Osparade resultat.</p>"),
        "lessons": rich_text(""),
        "case_study_contacts": inline_formset([{"contact": contact.pk}]),
        "external_links": streamfield([]),
        "tags": "klimatkontrakt, näringsliv",
        "related_case_studies": inline_formset([]),
        **overrides,
    }


def event_fields(event_type, themes, contact, **overrides):
    return {
        "title": "Webbfika om klimatkontrakt",
        "slug": "webbfika-forhandsvisning",
        "summary": "En timme om hur kontrakten skrivs.",
        "event_type": event_type.pk,
        "series": "",
        "body": streamfield([("paragraph", rich_text("<p>Osparad inbjudan.</p>"))]),
        "start": "2026-12-09 14:00",
        "end": "2026-12-09 14:45",
        "status": "scheduled",
        "attendance_mode": "online",
        "venue_name": "",
        "venue_address": "",
        "join_url": "",
        "audience": "",
        "registration_url": "",
        "registration_deadline": "",
        "programme": streamfield([]),
        "material": streamfield([]),
        "event_speakers": inline_formset([{"contact": contact.pk}]),
        "event_themes": inline_formset([{"theme": themes["kontrakt"].pk}]),
        "tags": "webbfika",
        "related_case_studies": inline_formset([]),
        **overrides,
    }


@pytest.fixture
def contact(db):
    return ContactFactory(name="Alva Exempel", role="Klimatstrateg")


@pytest.fixture
def karlstad(swedish_municipalities):
    return Municipality.objects.get(code="1780")


def test_new_case_study_previews_with_its_unsaved_themes_tags_and_contacts(
    client, editor, library, themes, contact, karlstad
):
    """A case study that was never saved previews with what the form holds."""
    html = preview(
        client,
        f"/admin/pages/add/casestudies/casestudypage/{library.pk}/preview/",
        page_form(
            case_study_fields(themes, contact),
            multiple={"municipalities": [karlstad.pk], "partners": []},
        ),
    )
    assert "Klimatkontrakt i förhandsvisning" in html
    assert "Osparad brödtext." in html
    assert "Alva Exempel" in html
    assert "Karlstad" in html


def test_edited_case_study_previews_unsaved_changes_with_few_related_pages(
    client, editor, library, themes, contact, karlstad
):
    """Edits preview before saving, even with fewer than three hand-picked related examples."""
    page = case_study(library, "Klimatkontrakt i Karlstad", themes=[themes["kontrakt"]])
    neighbour = case_study(library, "Klimatkontrakt i Växjö", themes=[themes["kontrakt"]])
    fields = case_study_fields(
        themes,
        contact,
        title="Klimatkontrakt i Karlstad, omarbetat",
        slug=page.slug,
        related_case_studies=inline_formset([{"related": neighbour.pk}]),
        case_study_themes=inline_formset([{"theme": themes["coach"].pk}]),
    )
    malmo = Municipality.objects.get(code="1280")
    html = preview(
        client,
        edit_url(page),
        page_form(fields, multiple={"municipalities": [malmo.pk], "partners": []}),
    )
    assert "Klimatkontrakt i Karlstad, omarbetat" in html
    assert "Klimatkontrakt i Växjö" in html
    # The unsaved theme and municipality show in the page's facts.
    facts = html.split('class="facts"')[1].split("</dl>")[0]
    assert "Energicoachning" in facts
    assert "Malmö" in facts and "Karlstad" not in facts
    page.refresh_from_db()
    assert page.title == "Klimatkontrakt i Karlstad"


def test_event_previews_new_and_edited(client, editor, home, themes, contact, karlstad):
    """An event previews before it is first saved, and with unsaved edits later."""
    calendar = EventIndexPageFactory(parent=home)
    webbfika = EventTypeFactory(name="Webbfika", slug="webbfika")
    partner = Organisation.objects.create(name="Energikontor Värmland", kind="energy_agency")
    other = case_study(
        CaseStudyIndexPageFactory(parent=home), "Klimatkontrakt i Lund", themes=[themes["kontrakt"]]
    )
    multiple = {"organisers": [partner.pk], "municipalities": [karlstad.pk]}
    related = inline_formset([{"related": other.pk}])
    html = preview(
        client,
        f"/admin/pages/add/events/eventpage/{calendar.pk}/preview/",
        page_form(
            event_fields(webbfika, themes, contact, related_case_studies=related),
            multiple=multiple,
        ),
    )
    assert "Webbfika om klimatkontrakt" in html
    assert "Alva Exempel" in html
    assert "Klimatkontrakt i Lund" in html

    saved = event(calendar, "Webbfika i december", local(2026, 12, 9, 14, 0), event_type=webbfika)
    client.get(saved.url)  # seen once as published: the preview must not show that again
    meeting = EventTypeFactory(name="Nätverksträff", slug="natverkstraff")
    fields = event_fields(
        meeting,
        themes,
        contact,
        title="Webbfika i december, ny rubrik",
        slug=saved.slug,
        related_case_studies=related,
    )
    html = preview(client, edit_url(saved), page_form(fields, multiple=multiple))
    assert "Webbfika i december, ny rubrik" in html
    assert "Energikontor Värmland" in html
    assert '<p class="event__type">Nätverksträff' in html
    assert ">Karlstad</a>" in html
    assert "Klimatkontrakt i Lund" in html


def test_event_previews_unsaved_related_case_studies(client, editor, home, themes, contact):
    """Case studies added in the form show in the preview, in its order, before any are saved."""
    calendar = EventIndexPageFactory(parent=home)
    library = CaseStudyIndexPageFactory(parent=home)
    lund = case_study(library, "Energicoach i Lund", themes=[themes["coach"]])
    lulea = case_study(library, "Vätgas i Luleå", themes=[themes["kontrakt"]])
    webbfika = EventTypeFactory(name="Webbfika", slug="webbfika")
    saved = event(calendar, "Webbfika i december", local(2026, 12, 9, 14, 0), event_type=webbfika)
    related = inline_formset([{"related": lulea.pk}, {"related": lund.pk}])
    fields = event_fields(webbfika, themes, contact, slug=saved.slug, related_case_studies=related)
    html = preview(client, edit_url(saved), page_form(fields))
    related_section = html.split('id="related-heading"')[1]
    assert related_section.index("Vätgas i Luleå") < related_section.index("Energicoach i Lund")
    assert not saved.related_case_studies.exists()


def test_series_previews(client, editor, home):
    """A new event series previews."""
    calendar = EventIndexPageFactory(parent=home)
    html = preview(
        client,
        f"/admin/pages/add/events/eventseriespage/{calendar.pk}/preview/",
        page_form(
            {
                "title": "Webbfika varje månad",
                "slug": "webbfika-serie",
                "introduction": "En timme i månaden.",
                "body": streamfield([]),
            }
        ),
    )
    assert "Webbfika varje månad" in html


def test_listing_pages_preview(client, editor, home):
    """The home page, a content page and every index page preview with unsaved text."""
    library = CaseStudyIndexPageFactory(parent=home)
    calendar = EventIndexPageFactory(parent=home)
    archive = NewsletterIndexPageFactory(parent=home)
    about = StandardPageFactory(parent=home, title="Om oss", slug="om-oss")
    listing = {"introduction": "Osparad ingress.", "per_page": "12"}
    cases = [
        (home, {"title": "Klimathubben", "slug": home.slug, "introduction": "Osparad ingress."}),
        (about, {"title": "Om oss", "slug": "om-oss", "introduction": "Osparad ingress."}),
        (library, {"title": "Exempel", "slug": library.slug, **listing}),
        (calendar, {"title": "Evenemang", "slug": calendar.slug, **listing}),
        (archive, {"title": "Nyhetsbrev", "slug": archive.slug, **listing}),
    ]
    for page, fields in cases:
        streams = {"sections": streamfield([])} if page == home else {"body": streamfield([])}
        html = preview(client, edit_url(page), page_form({**fields, **streams}))
        assert "Osparad ingress." in html, page


def test_newsletter_issue_previews_new_and_edited(client, editor, home):
    """An issue previews before it is saved and with unsaved edits."""
    archive = NewsletterIndexPageFactory(parent=home)
    fields = {
        "title": "Nyhetsbrev december",
        "slug": "december",
        "issue_date": "2026-12-01",
        "number": "7",
        "intro": "Osparad inledning.",
        "sections": streamfield([]),
        "sign_off": "",
        "tags": "nyhetsbrev, klimatkontrakt",
    }
    html = preview(
        client,
        f"/admin/pages/add/hub/newsletterissuepage/{archive.pk}/preview/",
        page_form(fields),
    )
    assert "Osparad inledning." in html
    issue = NewsletterIssuePageFactory(
        parent=archive, title="November", slug="november", number=6, issue_date=date(2026, 11, 1)
    )
    html = preview(
        client, edit_url(issue), page_form({**fields, "slug": "november", "number": "6"})
    )
    assert "Osparad inledning." in html


def test_only_previews_may_be_framed_by_the_admin(
    client, editor, library, themes, contact, karlstad
):
    """The preview panel's frame is allowed from the admin's origin; public pages stay unframed."""
    page = case_study(library, "Klimatkontrakt i Karlstad", themes=[themes["kontrakt"]])
    fields = case_study_fields(themes, contact, slug=page.slug)
    client.post(edit_url(page), page_form(fields, multiple={"municipalities": [karlstad.pk]}))
    response = client.get(edit_url(page) + "?in_preview_panel=true")
    assert "Klimatkontrakt i förhandsvisning" in response.content.decode()
    policy = response["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in policy
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in client.get(page.url)["Content-Security-Policy"]
