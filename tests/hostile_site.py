"""The site that tests/hub/test_hostile_input.py sends hostile requests to: one page of each
type in Swedish and English, and real values (slugs, tokens, a document) that lead somewhere."""

from dataclasses import dataclass
from datetime import timedelta

from django.core import signing
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.documents.models import Document
from wagtail.models import Page

from events.models import EventSeriesPage
from hub.models import Alert, OpenDataPage, Subscriber
from hub.newsletters.links import ALERTS_SALT, CONFIRM_SALT, END_ALERT_SALT, UNSUBSCRIBE_SALT
from hub.open_data.building import build_all as build_open_data
from hub.views import contact_email_url
from tests.factories import (
    CaseStudyIndexPageFactory,
    ContactFactory,
    EventIndexPageFactory,
    HomePageFactory,
    NewsletterIndexPageFactory,
    NewsletterIssuePageFactory,
    StandardPageFactory,
    ThemeFactory,
    case_study,
    event,
    locale,
    translation_of,
)
from tests.utils import default_home, index_pages, load_municipalities


@dataclass
class HostileSite:
    pages: dict  # (key, language): path
    links: dict  # URL name: a real signed path
    route_arguments: dict  # page key: a real route argument (a workshop's block id)
    document: tuple  # the document's id and path


def build_site():
    """One page of each type in Swedish and English, with tags, a contact, a document, a
    workshop and a pending subscriber, so that real values lead somewhere."""
    load_municipalities()
    sv, en = locale("sv"), locale("en")
    home = default_home(sv)
    home_en = HomePageFactory(
        parent=Page.get_first_root_node(), locale=en, translation_key=home.translation_key,
        slug="home-en", title="Klimathubben",
    )  # fmt: skip
    theme = ThemeFactory(name="Industriell symbios", slug="industriell-symbios")
    contact = ContactFactory()
    library = CaseStudyIndexPageFactory(parent=home)
    library_en = translation_of(library, "en", CaseStudyIndexPageFactory, slug="case-studies")
    study = case_study(library, "Spillvärme", slug="spillvarme", themes=[theme], contacts=[contact],
                       tags=["klimat"])  # fmt: skip
    study_en = case_study(library_en, "Waste heat", slug="waste-heat", themes=[theme],
                          translation_key=study.translation_key, tags=["klimat"])  # fmt: skip
    calendar = EventIndexPageFactory(parent=home)
    calendar_en = translation_of(calendar, "en", EventIndexPageFactory, slug="events")
    series = calendar.add_child(instance=EventSeriesPage(title="Webbfika", slug="webbfika"))
    series_en = calendar_en.add_child(
        instance=EventSeriesPage(title="Web coffee", slug="web-coffee", locale=en,
                                 translation_key=series.translation_key)
    )  # fmt: skip
    document = Document.objects.create(
        title="Bilder", file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="bilder.pdf")
    )
    material = [
        {"type": "workshop_session",
         "value": {"title": "Bikupor", "instructions": "<p>Prata.</p>", "questions": ["Vad?"]}},
        {"type": "document", "value": {"document": document.pk, "title": ""}},
    ]  # fmt: skip
    start = timezone.now() + timedelta(days=3)
    meeting = event(calendar, "Träff", start, slug="traff", municipalities=["1780"],
                    series=series, material=material)  # fmt: skip
    meeting_en = event(calendar_en, "Meeting", start, slug="meeting", municipalities=["1780"],
                       series=series_en, translation_key=meeting.translation_key,
                       material=material)  # fmt: skip
    archive = NewsletterIndexPageFactory(parent=home)
    archive_en = translation_of(archive, "en", NewsletterIndexPageFactory, slug="newsletter")
    issue = NewsletterIssuePageFactory(parent=archive, slug="nummer-1", number=1,
                                       issue_date="2024-04-20", tags=["klimat"])  # fmt: skip
    issue_en = translation_of(issue, "en", NewsletterIssuePageFactory, slug="issue-1", number=1,
                              issue_date="2024-04-20")  # fmt: skip
    standard = StandardPageFactory(parent=home, slug="om")
    standard_en = translation_of(standard, "en", StandardPageFactory, slug="about")
    open_data = home.add_child(instance=OpenDataPage(title="Öppna data", slug="oppna-data"))
    open_data_en = home_en.add_child(
        instance=OpenDataPage(title="Open data", slug="open-data", locale=en,
                              translation_key=open_data.translation_key)
    )  # fmt: skip
    # As publishing in the admin would have it; factories leave live pages unpublished.
    now = timezone.now()
    Page.objects.filter(live=True, first_published_at=None).update(
        first_published_at=now, last_published_at=now
    )
    index_pages(type(study), type(meeting), type(issue))
    build_open_data()
    subscriber = Subscriber.objects.create(email="lasare@example.org", language="sv")
    alert = Alert.objects.create(subscriber=subscriber, consent_language="sv")
    alerts_token = signing.dumps(subscriber.pk, salt=ALERTS_SALT)
    pairs = {
        "home": (home, home_en), "standard": (standard, standard_en),
        "library": (library, library_en), "case_study": (study, study_en),
        "calendar": (calendar, calendar_en), "series": (series, series_en),
        "event": (meeting, meeting_en), "archive": (archive, archive_en),
        "issue": (issue, issue_en), "open_data": (open_data, open_data_en),
    }  # fmt: skip
    pages = {}
    for key, (swedish, english) in pairs.items():
        pages[key, "sv"] = swedish.url
        pages[key, "en"] = english.url
    with translation.override("sv"):
        links = {
            "contact_email": contact_email_url(contact),
            "newsletter_confirm": reverse(
                "newsletter_confirm", args=[signing.dumps(subscriber.pk, salt=CONFIRM_SALT)]
            ),
            "newsletter_unsubscribe": reverse(
                "newsletter_unsubscribe", args=[signing.dumps(subscriber.pk, salt=UNSUBSCRIBE_SALT)]
            ),
            "alerts_manage": reverse("alerts_manage", args=[alerts_token]),
            "alert_end": reverse("alert_end", args=[signing.dumps(alert.pk, salt=END_ALERT_SALT)]),
            # The token and the alert's id, for the addresses that hold both.
            "alert": (alerts_token, alert.pk),
        }
    workshop = meeting.material[0].id
    return HostileSite(pages, links, {"event": workshop}, (document.pk, document.url))
