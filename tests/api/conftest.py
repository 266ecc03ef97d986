from datetime import date

import pytest

from casestudies.models import CaseStudyPage
from hub.models import Organisation
from tests.factories import (
    CaseStudyIndexPageFactory,
    EventIndexPageFactory,
    EventTypeFactory,
    NewsletterIndexPageFactory,
    NewsletterIssuePageFactory,
    OrganisationFactory,
    ThemeFactory,
    case_study,
    event,
    locale,
    translation_of,
)
from tests.utils import local


def get_json(client, path, status=200, **headers):
    """The API's answer to `path`, parsed, after checking its status and type."""
    response = client.get(path, **headers)
    assert response.status_code == status, (response.status_code, response.content[:300])
    assert response["Content-Type"] == "application/json"
    return response.json()


def titles(answer):
    return [item["title"] for item in answer["items"]]


@pytest.fixture
def symbiosis(db):
    """A theme in Swedish and its English translation, sharing the slug."""
    swedish = ThemeFactory(name="Industriell symbios", slug="industriell-symbios")
    english = ThemeFactory(
        name="Industrial symbiosis",
        slug="industriell-symbios",
        locale=locale("en"),
        translation_key=swedish.translation_key,
    )
    return {"sv": swedish, "en": english}


@pytest.fixture
def content(home, home_en, library, symbiosis):
    """A case study, an event and a newsletter issue in Swedish, each with an English one."""
    partner = OrganisationFactory(
        name="Händelö Eco", kind=Organisation.Kind.COMPANY, website="https://example.org/eco"
    )
    figures = [("figure", {"value": "40", "unit": "%", "label": "mindre avfall"})]
    study = case_study(
        library,
        "Industriell symbios i Norrköping",
        municipalities=("0581", "0580"),
        themes=[symbiosis["sv"]],
        partners=[partner],
        tags=["symbios", "näringsliv"],
        start_year=2019,
        end_year=2023,
        status=CaseStudyPage.Status.COMPLETED,
        key_figures=figures,
        summary="Företag delar värme och restmaterial.",
    )
    library_en = translation_of(
        library, "en", CaseStudyIndexPageFactory, title="Case studies", slug="case-studies"
    )
    study_en = case_study(
        library_en,
        "Industrial symbiosis in Norrköping",
        municipalities=("0581", "0580"),
        themes=[symbiosis["en"]],
        partners=[partner],
        tags=["symbios", "näringsliv"],
        start_year=2019,
        end_year=2023,
        status=CaseStudyPage.Status.COMPLETED,
        key_figures=[("figure", {"value": "40", "unit": "%", "label": "less waste"})],
        summary="Companies share heat and residues.",
        translation_key=study.translation_key,
    )
    calendar = EventIndexPageFactory(parent=home)
    calendar_en = translation_of(
        calendar, "en", EventIndexPageFactory, title="Events", slug="events"
    )
    webbfika = EventTypeFactory(name="Webbfika", slug="webbfika")
    webbfika_en = EventTypeFactory(
        name="Web coffee",
        slug="webbfika",
        locale=locale("en"),
        translation_key=webbfika.translation_key,
    )
    meeting = event(
        calendar,
        "Webbfika om symbios",
        local(2026, 3, 10, 9, 0),
        themes=[symbiosis["sv"]],
        municipalities=("1780",),
        organisers=[partner],
        event_type=webbfika,
        audience="Alla kommuner",
        registration_url="https://example.org/anmalan",
    )
    meeting.tags.add("symbios")
    meeting.save()
    meeting_en = event(
        calendar_en,
        "Web coffee on symbiosis",
        local(2026, 3, 10, 9, 0),
        themes=[symbiosis["en"]],
        municipalities=("1780",),
        organisers=[partner],
        event_type=webbfika_en,
        audience="All municipalities",
        translation_key=meeting.translation_key,
    )
    archive = NewsletterIndexPageFactory(parent=home)
    archive_en = translation_of(
        archive, "en", NewsletterIndexPageFactory, title="Newsletter", slug="newsletter"
    )
    issue = NewsletterIssuePageFactory(
        parent=archive,
        title="Symbiosnumret",
        number=7,
        issue_date=date(2026, 2, 1),
        intro="Om symbios.",
        tags=["symbios"],
    )
    issue_en = NewsletterIssuePageFactory(
        parent=archive_en,
        title="The symbiosis issue",
        number=7,
        issue_date=date(2026, 2, 1),
        intro="On symbiosis.",
        locale=locale("en"),
        translation_key=issue.translation_key,
        tags=["symbios"],
    )
    return {
        "study": study,
        "study_en": study_en,
        "event": meeting,
        "event_en": meeting_en,
        "issue": issue,
        "issue_en": issue_en,
        "library": library,
        "calendar": calendar,
        "archive": archive,
        "partner": partner,
    }
