"""The Swedish admin speaks Swedish wherever the hub itself names things."""

import pytest

from tests.factories import case_study

pytestmark = pytest.mark.django_db


def test_case_study_form_has_no_english_labels_of_ours(client, editor, library, themes):
    """The related-pages panel and the tag field's help read in Swedish."""
    page = case_study(library, "Klimatkontrakt i Karlstad", themes=[themes["kontrakt"]])
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "relaterat exempel" in html
    assert "Avsluta varje tagg med Enter eller kommatecken." in html
    for english in ("case study related page", "A comma-separated list of tags"):
        assert english not in html


def test_stock_workflow_has_a_swedish_name(client, editor, library, themes):
    """Submitting for review names the workflow in Swedish."""
    page = case_study(library, "Klimatkontrakt i Karlstad", themes=[themes["kontrakt"]])
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "Lämna in till Granskning" in html
    assert "Moderators approval" not in html


def test_content_languages_are_named_in_swedish(client, editor, library, themes, home_en):
    """Translating offers "engelska", and the translation editor says "Publicera på engelska"."""
    page = case_study(library, "Klimatkontrakt i Karlstad", themes=[themes["kontrakt"]])
    html = client.get(f"/admin/localize/submit/page/{page.pk}/").content.decode()
    assert "engelska" in html
    catalogue = client.get("/admin/localize/jsi18n/").content.decode()
    assert '"Publish in ": "Publicera p\\u00e5 "' in catalogue or '"Publicera på "' in catalogue


def test_public_switcher_keeps_each_languages_own_name(client, home, home_en):
    """Visitors still see "English" and "Svenska" in the language switcher."""
    assert "English" in client.get("/sv/").content.decode()
    assert "Svenska" in client.get("/en/").content.decode()
