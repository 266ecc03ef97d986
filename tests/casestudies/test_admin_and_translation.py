import pytest

from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from casestudies.models import CaseStudyPage
from hub.demo import DemoLoader
from hub.models import Municipality
from tests.factories import CaseStudyIndexPageFactory, case_study, translation_of

pytestmark = pytest.mark.django_db


def case_study_form(themes, **overrides):
    data = {
        "title": "Klimatkontrakt i Karlstad",
        "slug": "klimatkontrakt-karlstad",
        "summary": "Kommunen och lokala företag skriver under ett gemensamt kontrakt.",
        "body": streamfield([("paragraph", rich_text("<p>Så började det.</p>"))]),
        "listing_image": "",
        "listing_image_alt": "",
        "case_study_themes": inline_formset([{"theme": themes["kontrakt"].pk}]),
        "start_year": "2020",
        "end_year": "",
        "status": "ongoing",
        "key_figures": streamfield([]),
        "impact_figures": inline_formset([]),
        "results": rich_text(""),
        "lessons": rich_text(""),
        "case_study_contacts": inline_formset([]),
        "external_links": streamfield([]),
        "tags": "näringsliv, klimatneutral 2030",
        "related_case_studies": inline_formset([]),
        "action-publish": "publish",
    }
    municipalities = overrides.pop("municipalities", [Municipality.objects.get(code="1780").pk])
    data.update(overrides)
    form_data = nested_form_data(data)
    form_data["municipalities"] = municipalities
    return form_data


def test_editor_creates_and_publishes_a_case_study(client, editor, library, themes):
    """A case study made in the admin goes live in the library with its theme and tags."""
    response = client.post(
        f"/admin/pages/add/casestudies/casestudypage/{library.pk}/", case_study_form(themes)
    )
    assert response.status_code == 302
    page = CaseStudyPage.objects.get(slug="klimatkontrakt-karlstad")
    assert page.live
    assert [link.theme.slug for link in page.case_study_themes.all()] == ["klimatkontrakt"]
    assert sorted(tag.name for tag in page.tags.all()) == ["klimatneutral 2030", "näringsliv"]
    html = client.get("/sv/exempel/?theme=klimatkontrakt").content.decode()
    assert "Klimatkontrakt i Karlstad" in html


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"start_year": "2020", "end_year": "2019"}, "Slutåret kan inte vara före startåret."),
        ({"status": "completed"}, "Ett avslutat exempel behöver ett slutår."),
        ({"start_year": "tjugotjugo"}, "Fyll i ett heltal."),
        ({"municipalities": []}, "Det här fältet är obligatoriskt"),
    ],
)
def test_bad_case_study_input_is_refused_and_kept(
    client, editor, library, themes, overrides, message
):
    """Invalid facts give a form error; the editor's text is still in the form."""
    response = client.post(
        f"/admin/pages/add/casestudies/casestudypage/{library.pk}/",
        case_study_form(themes, **overrides),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Kommunen och lokala företag skriver under ett gemensamt kontrakt." in html
    assert not CaseStudyPage.objects.filter(slug="klimatkontrakt-karlstad").exists()


def test_listing_image_needs_alternative_text(client, editor, library, themes):
    """An image without a description is refused."""
    image = Image.objects.create(title="Bruket", file=get_test_image_file())
    response = client.post(
        f"/admin/pages/add/casestudies/casestudypage/{library.pk}/",
        case_study_form(themes, listing_image=image.pk),
    )
    assert response.status_code == 200
    assert "Beskriv listbilden för den som inte kan se den." in response.content.decode()


def test_translated_case_study_shows_translated_theme_names(
    client, home_en, library, themes, django_capture_on_commit_callbacks
):
    """The English translation made with wagtail-localize links the English theme."""
    loader = DemoLoader()
    with django_capture_on_commit_callbacks(execute=True):
        loader.translate(themes["symbios"], "en", {"name": "Industrial symbiosis"})
    with django_capture_on_commit_callbacks(execute=True):
        loader.translate(library, "en", {"title": "Case studies", "slug": "case-studies"})
    page = case_study(library, "Industriell symbios i pappersindustrin", themes=[themes["symbios"]])
    with django_capture_on_commit_callbacks(execute=True):
        loader.translate(
            page,
            "en",
            {
                "title": "Industrial symbiosis in the paper industry",
                "slug": "industrial-symbiosis-paper",
                "summary": "Paper mills share heat and materials.",
            },
        )
    html = client.get("/en/case-studies/industrial-symbiosis-paper/").content.decode()
    assert "<h1>Industrial symbiosis in the paper industry</h1>" in html
    assert ">Industrial symbiosis</a>" in html
    assert "Industriell symbios" not in html
    library_html = client.get("/en/case-studies/?theme=industriell-symbios").content.decode()
    assert "Industrial symbiosis in the paper industry" in library_html
    assert "1 case study" in library_html


def test_english_library_lists_english_case_studies_only(client, home_en, library, themes):
    """The English library shows the English pages, not the Swedish originals."""
    library_en = translation_of(
        library, "en", CaseStudyIndexPageFactory, title="Case studies", slug="case-studies"
    )
    case_study(library, "Bara på svenska")
    case_study(library_en, "In English")
    html = client.get("/en/case-studies/").content.decode()
    assert "In English" in html
    assert "Bara på svenska" not in html
