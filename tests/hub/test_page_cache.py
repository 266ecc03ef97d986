"""The page cache (hub/page_cache.py) answers anonymous visitors and never shows an old state.

Each test visits the pages that show something so that they are kept, changes the content the
way editors do, and visits again: the change shows on every one of them on the next request.
"""

import gzip

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

from hub.models import Municipality
from tests.conftest import kept_pages
from tests.factories import (
    CaseStudyIndexPageFactory,
    ContactFactory,
    NewsletterIndexPageFactory,
    OrganisationFactory,
    StandardPageFactory,
    ThemeFactory,
    case_study,
    locale,
    translation_of,
)
from tests.utils import assert_kept, show_latest

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["default", "files", "redis"])
def any_page_cache(request, settings):
    """The page cache on: in the local-memory cache, in one that pickles to files, and on the
    Redis server that several workers would share."""
    with kept_pages(settings, request.param):
        yield


def visit(client, *paths):
    """Each page's text, the second visit of each answered from the cache."""
    for path in paths:
        assert client.get(path).status_code == 200, path
    return {path: client.get(path).content.decode() for path in paths}


@pytest.fixture
def study(home, library, themes):
    """A case study in Karlstad, tagged, with a theme, a partner and a contact, on a home page
    that lists the newest case studies."""
    show_latest(home, library)
    return case_study(
        library,
        "Klimatkontrakt i Karlstad",
        slug="karlstad",
        themes=[themes["kontrakt"]],
        partners=[OrganisationFactory(name="Energikontor Värmland")],
        contacts=[ContactFactory(name="Anna Andersson")],
        tags=["klimatkontrakt"],
    )


SHOWING_STUDIES = ["/sv/", "/sv/exempel/", "/sv/taggar/klimatkontrakt/", "/sv/kommuner/karlstad/"]
FILES = ["/sv/flode/", "/sitemap-case_studies-sv.xml"]


def test_a_repeat_visit_is_kept_with_headers_a_browser_can_revalidate(
    client, any_page_cache, study
):
    """The second visit reads only the content version; the page says how long it may be kept
    and answers a revalidation with 304."""
    first = client.get("/sv/exempel/karlstad/")
    kept = assert_kept(client, "/sv/exempel/karlstad/")
    assert kept.content == first.content
    assert kept["ETag"] == first["ETag"]
    # Browsers ask again each time; shared caches may keep the page up to a minute.
    control = dict(
        (part.strip().split("=") + [""])[:2] for part in kept["Cache-Control"].split(",")
    )
    assert control["public"] == "" and control["must-revalidate"] == ""
    assert control["max-age"] == "0"
    assert 0 < int(control["s-maxage"]) <= 60
    assert "Accept-Encoding" in kept["Vary"]
    assert kept["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert kept["X-Content-Type-Options"] == "nosniff"
    head = client.head("/sv/exempel/karlstad/")
    assert head["ETag"] == first["ETag"] and head.content == b""
    again = client.get("/sv/exempel/karlstad/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert client.cookies == {}


def test_publishing_shows_on_every_page_at_once(client, any_page_cache, library, study):
    """A new case study and a changed title show on the library, home, tag and municipality
    pages, the feed and the sitemap, all kept before."""
    visit(client, *SHOWING_STUDIES, *FILES, study.url)
    new = case_study(library, "Solceller i Karlstad", slug="solceller", tags=["klimatkontrakt"])
    new.save_revision().publish()
    for path, text in visit(client, *SHOWING_STUDIES, *FILES).items():
        assert ("solceller" if path in FILES else "Solceller i Karlstad") in text, path
    study.title = "Klimatkontraktet i Karlstad"
    study.save_revision().publish()
    for path, text in visit(client, *SHOWING_STUDIES, study.url, "/sv/flode/").items():
        assert "Klimatkontraktet i Karlstad" in text, path


def test_unpublishing_and_deleting_remove_a_page_everywhere_at_once(client, page_cache, study):
    pages = visit(client, *SHOWING_STUDIES, *FILES, study.url)
    assert all("karlstad/" in text for text in pages.values())
    other = case_study(study.get_parent(), "Energicoach", slug="energicoach")
    visit(client, other.url)
    study.unpublish()
    assert client.get("/sv/exempel/karlstad/").status_code == 404
    for path, text in visit(client, *SHOWING_STUDIES, *FILES).items():
        assert "/sv/exempel/karlstad/" not in text, path
    other.delete()
    assert client.get("/sv/exempel/energicoach/").status_code == 404
    assert "/sv/exempel/energicoach/" not in visit(client, "/sv/exempel/")["/sv/exempel/"]


def test_a_moved_page_answers_at_its_new_address(client, page_cache, home, study):
    about = StandardPageFactory(parent=home, title="Om", slug="om")
    visit(client, study.url, "/sv/om/")
    study.move(about, pos="last-child")
    old = client.get("/sv/exempel/karlstad/")
    assert old.status_code == 301
    assert old["Location"] == "/sv/om/karlstad/"
    assert "Klimatkontrakt i Karlstad" in visit(client, "/sv/om/karlstad/")["/sv/om/karlstad/"]


def test_a_new_translation_shows_on_the_kept_page(client, page_cache, home_en, library, study):
    """The Swedish page, kept, links to its new English translation on the next visit."""
    head = visit(client, study.url)[study.url].split("<body", 1)[0]
    assert 'hreflang="en"' not in head
    translation_of(library, "en", CaseStudyIndexPageFactory, title="Examples", slug="examples")
    english = case_study(
        library.get_translation(locale("en")),
        "Climate contract",
        slug="climate-contract",
        translation_key=study.translation_key,
    )
    head = visit(client, study.url)[study.url].split("<body", 1)[0]
    assert f'hreflang="en" href="http://testserver{english.url}"' in head


@pytest.mark.parametrize(
    ("snippet", "field", "new"),
    [
        ("theme", "name", "Klimatkontrakt 2030"),
        ("partner", "name", "Energikontoret i Värmland"),
        ("contact", "name", "Anna Berg"),
        ("municipality", "name", "Karlstads kommun"),
    ],
)
def test_an_edited_snippet_shows_on_the_kept_pages(client, page_cache, study, snippet, field, new):
    """Renaming a theme, partner, contact or municipality shows on the case study and the
    pages listing it."""
    instances = {
        "theme": lambda: study.case_study_themes.first().theme,
        "partner": lambda: study.partners.first(),
        "contact": lambda: study.case_study_contacts.first().contact,
        "municipality": lambda: Municipality.objects.get(code="1780"),
    }
    paths = [study.url] + (["/sv/exempel/"] if snippet in {"theme", "municipality"} else [])
    visit(client, *paths)
    instance = instances[snippet]()
    setattr(instance, field, new)
    instance.save()
    for path, text in visit(client, *paths).items():
        assert new in text, (snippet, path)


def test_a_new_theme_shows_in_the_library_filters(client, page_cache, library, study):
    visit(client, "/sv/exempel/")
    theme = ThemeFactory(name="Cirkulär upphandling", slug="cirkular")
    study.case_study_themes.create(theme=theme)
    assert "Cirkulär upphandling" in visit(client, "/sv/exempel/")["/sv/exempel/"]


def test_a_signed_in_editor_never_gets_a_kept_page(client, page_cache, study, editor):
    """Pages kept for visitors are not shown to editors, and editors' pages are not kept."""
    anonymous = type(client)()
    visit(anonymous, study.url)
    response = client.get(study.url)
    assert "wagtail-userbar" in response.text
    assert "private" in response["Cache-Control"]
    assert "wagtail-userbar" not in anonymous.get(study.url).text


def test_a_page_with_a_form_sets_its_csrf_cookie_each_time_and_is_not_compressed(
    client, page_cache, home
):
    """The newsletter archive holds the sign-up form: it is never kept nor shared, and never
    compressed, as its token is a secret (BREACH)."""
    archive = NewsletterIndexPageFactory(parent=home)
    for _visit in range(2):
        response = type(client)().get(archive.url, HTTP_ACCEPT_ENCODING="gzip")
        assert "csrftoken" in response.cookies
        assert 'name="csrfmiddlewaretoken"' in response.text
        assert "private" in response["Cache-Control"]
        assert "Content-Encoding" not in response


def test_a_restricted_page_is_not_kept(client, page_cache, home):
    """A password-protected page shows its form to every visitor, never a kept copy."""
    members = StandardPageFactory(parent=home, title="Medlemmar", slug="medlemmar")
    PageViewRestriction.objects.create(
        page=members, restriction_type=PageViewRestriction.PASSWORD, password="hemligt"
    )
    for _visit in range(2):
        response = type(client)().get("/sv/medlemmar/")
        assert 'name="password"' in response.text
        assert "public" not in response.get("Cache-Control", "")


def test_a_post_and_a_missing_page_are_answered_afresh(client, page_cache, study):
    visit(client, study.url)
    with CaptureQueriesContext(connection) as queries:
        client.post(study.url)
    assert len(queries) > 1
    missing = client.get("/sv/exempel/finns-inte/")
    assert missing.status_code == 404
    assert "private" in missing["Cache-Control"]
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/sv/exempel/finns-inte/").status_code == 404
    assert len(queries) > 1


def test_each_search_reaches_the_site(client, page_cache, study):
    """Searches are counted for the editors, so the search page is never kept, and proxies
    are told to ask the site each time."""
    for _visit in range(2):
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/sv/sok/?q=klimatkontrakt")
        assert response.status_code == 200
        assert response["Cache-Control"] == "no-cache"
        assert len(queries) > 1


def test_pages_are_compressed_for_browsers_that_ask(client, any_page_cache, study):
    plain = client.get(study.url)
    for _visit in range(2):
        packed = client.get(study.url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
        assert packed["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in packed["Vary"]
        assert gzip.decompress(packed.content) == plain.content
    assert packed["ETag"] != plain["ETag"]
    assert client.get(study.url, HTTP_IF_NONE_MATCH=plain["ETag"]).status_code == 304


def test_turned_off_the_site_sends_no_cache_headers(client, settings, study):
    settings.PAGE_CACHE_SECONDS = 0
    response = client.get(study.url)
    assert "Cache-Control" not in response
    assert "ETag" not in response
