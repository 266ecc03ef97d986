"""The API is read-only, open to any origin, sets no cookie and shows nothing private."""

import pytest

from django.core.files.base import ContentFile

from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

from tests.api.conftest import get_json, titles
from tests.casestudies.test_admin_and_translation import case_study_form
from tests.factories import ImageFactory, StandardPageFactory, SubscriberFactory, case_study
from tests.utils import assert_kept, turn_on_page_cache

pytestmark = pytest.mark.django_db

LISTINGS = [
    "/api/v2/pages/?fields=*&limit=100",
    "/api/v2/pages/?type=casestudies.CaseStudyPage&fields=*",
    "/api/v2/pages/?type=events.EventPage&fields=*",
    "/api/v2/pages/?type=hub.NewsletterIssuePage&fields=*",
    "/api/v2/images/?fields=*",
    "/api/v2/documents/?fields=*",
]


@pytest.fixture
def hidden(content, home, library, editor):
    """A draft, a private section, unpublished changes, a subscriber and a private file."""
    draft = case_study(library, "Utkast om vätgas")
    draft.live = False
    draft.save()
    members = StandardPageFactory(parent=home, title="Medlemssidor", slug="medlemmar")
    PageViewRestriction.objects.create(page=members, restriction_type=PageViewRestriction.LOGIN)
    secret = case_study(library, "Bara för medlemmar")
    secret.move(members, pos="last-child")
    study = content["study"]
    study.owner = editor
    study.save()
    study.title = "Ändrad men inte publicerad"
    study.save_revision(user=editor)
    SubscriberFactory(email="hemlig.lasare@example.org")
    private = Collection.get_first_root_node().add_child(name="Internt")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    image = ImageFactory(title="Intern bild", collection=private)
    document = Document.objects.create(
        title="Internt protokoll", collection=private, file=ContentFile(b"x", name="protokoll.txt")
    )
    return {
        "draft": draft,
        "secret": secret,
        "members": members,
        "image": image,
        "document": document,
    }


@pytest.mark.parametrize("signed_in", [False, True])
def test_nothing_private_is_listed_even_for_an_editor(client, hidden, editor, signed_in):
    """Drafts, private sections and files, unpublished edits, subscribers and editors' names
    and addresses appear nowhere, whoever asks."""
    if not signed_in:
        client.logout()
    for path in LISTINGS:
        text = client.get(path).content.decode()
        for secret in (
            "Utkast om vätgas",
            "Bara för medlemmar",
            "Medlemssidor",
            "Ändrad men inte publicerad",
            "hemlig.lasare",
            "redaktor",
            "Intern bild",
            "Internt protokoll",
        ):
            assert secret not in text, (path, secret)
    for page in (hidden["draft"], hidden["secret"], hidden["members"]):
        get_json(client, f"/api/v2/pages/{page.pk}/", status=404)
    get_json(client, f"/api/v2/images/{hidden['image'].pk}/", status=404)
    get_json(client, f"/api/v2/documents/{hidden['document'].pk}/", status=404)


def test_fields_that_would_tell_private_things_are_refused(client, hidden):
    for field in (
        "owner",
        "latest_revision",
        "locked_by",
        "draft_title",
        "has_unpublished_changes",
    ):
        get_json(client, f"/api/v2/pages/?fields={field}", status=400)
    get_json(client, f"/api/v2/pages/?child_of={hidden['members'].pk}", status=400)


def test_what_an_editor_publishes_in_the_admin_shows_at_once(client, content, editor, symbiosis):
    """Saved as a draft it stays out of the API; published, it is there."""
    study = content["study"]
    themes = {"kontrakt": symbiosis["sv"]}
    form = case_study_form(themes, title="Symbios, andra året", slug=study.slug)
    draft = {key: value for key, value in form.items() if key != "action-publish"}
    assert client.post(f"/admin/pages/{study.pk}/edit/", draft).status_code == 302
    assert get_json(client, f"/api/v2/pages/{study.pk}/")["title"] == study.title
    assert client.post(f"/admin/pages/{study.pk}/edit/", form).status_code == 302
    detail = get_json(client, f"/api/v2/pages/{study.pk}/")
    assert detail["title"] == "Symbios, andra året"
    assert {"slug": "industriell-symbios", "name": "Industriell symbios"} in detail["themes"]
    assert detail["municipalities"][0]["code"] == "1780"


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_nothing_can_be_written(client, content, editor, method):
    """Not even by a signed-in editor: the API knows GET, HEAD and OPTIONS only."""
    before = Page.objects.count()
    for path in ("/api/v2/pages/", f"/api/v2/pages/{content['study'].pk}/", "/api/v2/images/"):
        response = getattr(client, method)(path, {"title": "Nytt"}, content_type="application/json")
        assert response.status_code == 405
        assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert Page.objects.count() == before
    assert (
        get_json(client, f"/api/v2/pages/{content['study'].pk}/")["title"] == content["study"].title
    )


def test_anonymous_answers_set_no_cookie(client, content):
    for path in [*LISTINGS, f"/api/v2/pages/{content['study'].pk}/"]:
        response = client.get(path)
        assert response.status_code == 200
        assert not response.cookies, path
        assert "Cookie" not in response.get("Vary", "")


def test_any_origin_may_read_the_api_and_only_the_api(client, content):
    origin = {"HTTP_ORIGIN": "https://kommun.example.org"}
    for path in ("/api/v2/pages/", "/api/v2/images/", "/api/v2/pages/99999/"):
        response = client.get(path, **origin)
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "Access-Control-Allow-Credentials" not in response
    preflight = client.options("/api/v2/pages/", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET", **origin)
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    for path in ("/sv/", content["study"].url, "/sv/kommuner/"):
        response = client.get(path, **origin)
        assert response.status_code == 200
        assert "Access-Control-Allow-Origin" not in response


def test_answers_are_kept_in_the_page_cache_until_the_content_changes(client, settings, content):
    """An API answer is the same for every visitor: kept like a page, forgotten on publish."""
    turn_on_page_cache(settings)
    path = "/api/v2/pages/?type=casestudies.CaseStudyPage&locale=sv"
    first = client.get(path)
    assert "public" in first["Cache-Control"]
    kept = assert_kept(client, path)
    assert kept.content == first.content
    assert kept["Access-Control-Allow-Origin"] == "*"
    assert client.get(path, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    study = content["study"]
    study.title = "Symbios, andra året"
    study.save_revision().publish()
    assert titles(client.get(path).json()) == ["Symbios, andra året"]
    assert "private" in client.get("/api/v2/pages/?limit=abc")["Cache-Control"]
