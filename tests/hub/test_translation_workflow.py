"""Translating in the admin: a new translation is a draft until the translator publishes it."""

import pytest

from casestudies.models import CaseStudyPage
from tests.factories import CaseStudyIndexPageFactory, case_study, locale, translation_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def library_en(home_en, library):
    return translation_of(
        library, "en", CaseStudyIndexPageFactory, title="Case studies", slug="case-studies"
    )


def test_new_translation_is_a_draft_until_published(
    client, editor, library, library_en, themes, django_capture_on_commit_callbacks
):
    """Choosing Translate makes an English draft; visitors see it only once it is published."""
    page = case_study(library, "Klimatkontrakt i Karlstad", themes=[themes["kontrakt"]])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/localize/submit/page/{page.pk}/", {"locales": [locale("en").pk]}
        )
    assert response.status_code == 302
    english = CaseStudyPage.objects.get(translation_key=page.translation_key, locale=locale("en"))
    assert not english.live
    assert client.get("/en/case-studies/").content.decode().count("Klimatkontrakt i Karlstad") == 0
    assert client.get(english.url).status_code == 404

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/pages/{english.pk}/edit/", {"action": "publish"})
    assert response.status_code == 302
    english.refresh_from_db()
    assert english.live
    assert "Klimatkontrakt i Karlstad" in client.get("/en/case-studies/").content.decode()
