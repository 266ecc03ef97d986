"""The tour's content: one page of every public type in Swedish and English, like the demo's."""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from wagtail.documents.models import Document
from wagtail.models import Page

from casestudies.models import CaseStudyImpactFigure, CaseStudyTheme, Metric
from events.models import EventSeriesPage, EventTheme
from hub.models import OpenDataPage, Organisation, Subscriber
from hub.open_data.building import build_all as build_open_data
from tests.factories import (
    CaseStudyIndexPageFactory,
    ContactFactory,
    EventIndexPageFactory,
    EventTypeFactory,
    HomePageFactory,
    ImageFactory,
    NewsletterIndexPageFactory,
    NewsletterIssuePageFactory,
    OrganisationFactory,
    StandardPageFactory,
    ThemeFactory,
    case_study,
    event,
    locale,
    translation_of,
)
from tests.page_tour.stops import WORKSHOP_ID, tour
from tests.utils import default_home, index_pages, load_municipalities


def body(language):
    """A body with every block a text page offers, a text section opening with the rich
    text's own h3 (the heading-order trap)."""
    sv = language == "sv"
    return [
        {
            "type": "paragraph",
            "value": "<h3>Bakgrund</h3><p>Så började det.</p>"
            if sv
            else "<h3>Background</h3><p>How it started.</p>",
        },
        {"type": "heading", "value": {"text": "Arbetet" if sv else "The work", "level": "h2"}},
        {
            "type": "paragraph",
            "value": '<p>Text med <a href="https://example.org">länk</a>.</p><h3>Steg</h3>'
            "<ul><li>Ett</li><li>Två</li></ul>",
        },
        {"type": "heading", "value": {"text": "Detaljer" if sv else "Details", "level": "h3"}},
        {"type": "quote", "value": {"quote": "Vi är ett lag.", "attribution": "Projektledare"}},
        {"type": "call_out", "value": {"heading": "Tips", "text": "<p>Börja smått.</p>"}},
        {
            "type": "video",
            "value": {"url": "https://youtu.be/aqz-KE-bpKQ", "title": "Film", "caption": "Om"},
        },
    ]


def build_site():
    """Make the tour's content; return the tour itself."""
    load_municipalities()
    sv, en = locale("sv"), locale("en")
    home = default_home(sv)
    home_en = home.get_translation_or_none(en)
    if home_en is None:
        home_en = HomePageFactory(
            parent=Page.get_first_root_node(),
            locale=en,
            translation_key=home.translation_key,
            slug="home-en",
            title="Klimathubben",
            introduction="Examples, events and material about local climate work.",
        )
    home_en = home_en.specific

    kontrakt = ThemeFactory(name="Klimatkontrakt", slug="klimatkontrakt")
    kontrakt_en = ThemeFactory(
        name="Climate contracts",
        slug="climate-contracts",
        locale=en,
        translation_key=kontrakt.translation_key,
    )
    contact = ContactFactory(name="Elin Berglund")
    partner = OrganisationFactory(name="Paper Province", kind=Organisation.Kind.NETWORK)

    library = CaseStudyIndexPageFactory(parent=home, show_in_menus=True)
    library_en = translation_of(
        library,
        "en",
        CaseStudyIndexPageFactory,
        title="Case studies",
        show_in_menus=True,
        slug="case-studies",
        introduction="Examples of cooperation.",
    )
    study_fields = {
        "municipalities": ["1780", "1761"],
        "partners": [partner],
        "contacts": [contact],
        "tags": ["näringsliv"],
        "start_year": 2020,
        "end_year": 2023,
        "key_figures": [
            {"type": "figure", "value": {"value": "40", "unit": "", "label": "aktörer"}}
        ],
        "results": "<p>Fler företag är med.</p><h3>Siffror</h3><p>Fyrtio.</p>",
        "lessons": "<ul><li>Börja tidigt.</li></ul>",
        "external_links": [
            {"type": "link", "value": {"title": "Projektet", "url": "https://example.org/"}}
        ],
        "listing_image": ImageFactory(),
        "listing_image_alt": "Företagare runt ett bord",
    }
    study = case_study(
        library,
        "Lokalt klimatkontrakt",
        slug="kontrakt",
        themes=[kontrakt],
        body=body("sv"),
        **study_fields,
    )
    study_en = case_study(
        library_en,
        "A local climate contract",
        slug="contract",
        translation_key=study.translation_key,
        body=body("en"),
        **{**study_fields, "themes": [kontrakt_en]},
    )
    case_study(
        library, "Energicoachning", municipalities=["1280"], themes=[kontrakt], tags=["näringsliv"]
    )
    CaseStudyTheme.objects.filter(page=study_en).update(locale=en)
    for page, source in ((study, "Kommunens uppföljning"), (study_en, "The municipality's report")):
        CaseStudyImpactFigure.objects.create(
            page=page, locale=page.locale, metric=Metric.GHG_REDUCTION, value=1250.5,
            base_year=2020, target_year=2023, source=source,
        )  # fmt: skip
        CaseStudyImpactFigure.objects.create(
            page=page, locale=page.locale, metric=Metric.ORGANISATIONS, value=40, source=source
        )

    calendar = EventIndexPageFactory(
        parent=home, show_in_menus=True, introduction="Träffar i nätverket."
    )
    calendar_en = translation_of(
        calendar, "en", EventIndexPageFactory, title="Events", slug="events", show_in_menus=True
    )
    series = calendar.add_child(
        instance=EventSeriesPage(
            title="Webbfika", slug="webbfika", introduction="Korta samtal.", body=body("sv")
        )
    )
    series_en = calendar_en.add_child(
        instance=EventSeriesPage(
            title="Web coffee",
            slug="web-coffee",
            locale=en,
            introduction="Short talks.",
            body=body("en"),
            translation_key=series.translation_key,
        )
    )
    breakfast = EventTypeFactory(name="Klimatfrukost", slug="klimatfrukost")
    document = Document.objects.create(
        title="Bilder", file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="bilder.pdf")
    )
    material = [
        {
            "type": "workshop_session",
            "id": WORKSHOP_ID,
            "value": {
                "title": "Bikupor",
                "duration": 10,
                "instructions": "<p>Prata vid bordet.</p>",
                "questions": ["Vad tar du med dig?", "Vad är nästa steg?"],
                "facilitator_notes": "<p>Samla in svaren.</p>",
            },
        },
        {"type": "document", "value": {"document": document.pk, "title": ""}},
    ]
    soon = timezone.now() + timedelta(days=2)
    event_fields = {
        "event_type": breakfast,
        "series": series,
        "attendance_mode": "hybrid",
        "venue_name": "Energikontoret",
        "venue_address": "Kalmar",
        "municipalities": ["0880"],
        "join_url": "https://example.org/frukost",
        "registration_url": "https://example.org/anmalan",
        "programme": [{"type": "item", "value": {"time": "07:30", "title": "Frukost"}}],
        "organisers": [partner],
        "listing_image": ImageFactory(),
        "listing_image_alt": "Frukostbord med kaffe",
    }
    meeting = event(
        calendar, "Klimatfrukost i Kalmar", soon, slug="frukost", body=body("sv"), **event_fields
    )
    meeting_en = event(
        calendar_en,
        "Climate breakfast in Kalmar",
        soon,
        slug="breakfast",
        translation_key=meeting.translation_key,
        body=body("en"),
        **{**event_fields, "series": series_en},
    )
    EventTheme.objects.create(page=meeting, theme=kontrakt)
    past = event(
        calendar,
        "Slutkonferens",
        timezone.now() - timedelta(days=30),
        slug="slutkonferens",
        event_type=breakfast,
        material=material,
    )
    past_en = event(
        calendar_en,
        "Final conference",
        timezone.now() - timedelta(days=30),
        slug="final-conference",
        event_type=breakfast,
        material=material,
        translation_key=past.translation_key,
    )

    archive = NewsletterIndexPageFactory(
        parent=home, show_in_menus=True, introduction="Nyheter från nätverket."
    )
    archive_en = translation_of(
        archive,
        "en",
        NewsletterIndexPageFactory,
        title="Newsletter",
        slug="newsletter",
        show_in_menus=True,
    )

    def sections(language):
        return [
            {
                "type": "rich_text",
                "value": "<h3>Nytt</h3><p>Text.</p>"
                if language == "sv"
                else "<h3>News</h3><p>Text.</p>",
            },
            {"type": "rich_text", "value": "<h3>Mer</h3><p>Text.</p>"},
            {"type": "featured_case_study", "value": {"page": study.pk, "note": "Läs!"}},
            {"type": "featured_event", "value": {"page": meeting.pk, "note": ""}},
            {
                "type": "link_list",
                "value": {
                    "heading": "Läs mer",
                    "links": [{"title": "Plan", "url": "https://example.org/"}],
                },
            },
        ]

    NewsletterIssuePageFactory(
        parent=archive, slug="nummer-1", number=1, issue_date="2026-03-20", sections=sections("sv")
    )
    issue = NewsletterIssuePageFactory(
        parent=archive,
        title="Aprilnumret",
        slug="nummer-2",
        number=2,
        issue_date="2026-04-20",
        tags=["näringsliv"],
        sections=sections("sv"),
    )
    issue_en = translation_of(
        issue,
        "en",
        NewsletterIssuePageFactory,
        title="The April issue",
        slug="issue-2",
        number=2,
        issue_date="2026-04-20",
        sections=sections("en"),
    )

    about = StandardPageFactory(
        parent=home,
        title="Om Klimathubben",
        slug="om",
        show_in_menus=True,
        show_in_footer=True,
        body=body("sv"),
    )
    about_en = translation_of(
        about,
        "en",
        StandardPageFactory,
        title="About",
        slug="about",
        show_in_menus=True,
        body=body("en"),
    )
    open_data = home.add_child(instance=OpenDataPage(title="Öppna data", slug="oppna-data"))
    open_data_en = home_en.add_child(
        instance=OpenDataPage(
            title="Open data",
            slug="open-data",
            locale=en,
            translation_key=open_data.translation_key,
        )
    )
    for page, title in ((home, "Senaste exemplen"), (home_en, "Latest case studies")):
        page.sections = [
            {
                "type": "text",
                "value": {"heading": "Om nätverket", "text": "<h3>Vi</h3><p>Text.</p>"},
            },
            {"type": "latest", "value": {"heading": title, "source": library.pk, "count": 3}},
            {
                "type": "latest",
                "value": {"heading": "Evenemang", "source": calendar.pk, "count": 3},
            },
            {
                "type": "call_to_action",
                "value": {
                    "heading": "Dela",
                    "text": "Berätta.",
                    "page": about.pk,
                    "button_text": "Kontakta oss",
                },
            },
        ]
        page.save()

    # As publishing in the admin would have it; factories leave live pages unpublished.
    now = timezone.now()
    Page.objects.filter(live=True, first_published_at=None).update(
        first_published_at=now, last_published_at=now
    )
    index_pages(type(study), type(meeting), type(issue), type(about))
    build_open_data()
    subscriber = Subscriber.objects.create(email="lasare@example.org", language="sv")
    unsubscribed = Subscriber.objects.create(
        email="slutat@example.org", language="sv", status=Subscriber.Status.UNSUBSCRIBED
    )
    pages = {
        "home": (home, home_en),
        "standard page": (about, about_en),
        "library": (library, library_en),
        "case study": (study, study_en),
        "calendar": (calendar, calendar_en),
        "event series": (series, series_en),
        "event": (meeting, meeting_en),
        "past event": (past, past_en),
        "newsletter archive": (archive, archive_en),
        "newsletter issue": (issue, issue_en),
        "open data": (open_data, open_data_en),
    }
    return tour(pages, contact, subscriber, unsubscribed)
