"""Each editors' group, signed in as a member, does through the admin what its role allows."""

import re

import pytest

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.models import Page
from wagtail.users.models import UserProfile

from casestudies.models import CaseStudyPage
from hub import roles
from hub.models import Delivery
from tests.casestudies.test_admin_and_translation import case_study_form
from tests.factories import (
    CaseStudyIndexPageFactory,
    NewsletterIndexPageFactory,
    NewsletterIssuePageFactory,
    SubscriberFactory,
    case_study,
    locale,
    translation_of,
)

pytestmark = pytest.mark.django_db

SEARCH_REPORTS = (
    "/admin/reports/searches-without-results/",
    "/admin/searchpicks/reports/search-terms/",
)


@pytest.fixture
def sign_in(client):
    """Sign in as a new member of the named groups (not a superuser), in `language`."""

    def member(*names, language="sv"):
        roles.ensure_roles(apps)  # Transactional tests empty what the migration made.
        user = get_user_model().objects.create_user(
            f"{'-'.join(names)}-{language}", f"{names[0]}@example.org", "losen"
        )
        user.groups.set(Group.objects.filter(name__in=names))
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
        client.force_login(user)
        return user

    return member


@pytest.fixture
def library_en(home_en, library):
    return translation_of(
        library, "en", CaseStudyIndexPageFactory, title="Case studies", slug="case-studies"
    )


@pytest.fixture
def issue(home):
    archive = NewsletterIndexPageFactory(parent=home)
    return NewsletterIssuePageFactory(parent=archive, number=1, issue_date="2026-11-20")


def draft(client, library, themes, slug="klimatkontrakt-karlstad", **fields):
    """A case study posted through the admin's add form with "Publish" chosen."""
    form = case_study_form(themes, slug=slug, **fields)
    client.post(f"/admin/pages/add/casestudies/casestudypage/{library.pk}/", form)
    return CaseStudyPage.objects.get(slug=slug)


def test_writer_drafts_and_edits_a_case_study_but_cannot_publish(client, sign_in, library, themes):
    """A writer's "Publish" saves a draft; the editor offers no publish button."""
    sign_in(roles.WRITERS)
    page = draft(client, library, themes)
    assert not page.live
    edit = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert 'name="action-publish"' not in edit
    assert 'name="action-submit"' in edit
    form = case_study_form(themes, title="Klimatkontrakt i Karlstad, steg två")
    client.post(f"/admin/pages/{page.pk}/edit/", form)
    page.refresh_from_db()
    assert not page.live
    assert page.get_latest_revision().content["title"] == "Klimatkontrakt i Karlstad, steg två"
    assert client.get(f"/en/case-studies/{page.slug}/").status_code == 404


def test_writer_may_not_delete_published_pages_or_add_outside_the_sections(
    client, sign_in, home, library, themes
):
    """Published case studies stay; the home page takes no pages from a writer."""
    published = case_study(library, "Industriell symbios i Sotenäs")
    sign_in(roles.WRITERS)
    client.post(f"/admin/pages/{published.pk}/delete/")
    assert Page.objects.filter(pk=published.pk).exists()
    assert client.get(f"/admin/pages/add/hub/standardpage/{home.pk}/").status_code != 200
    own = draft(client, library, themes, slug="eget-utkast")
    client.post(f"/admin/pages/{own.pk}/delete/")
    assert not Page.objects.filter(pk=own.pk).exists()


def test_editor_publishes_and_deletes_any_case_study(client, sign_in, library, themes):
    """An editor's "Publish" puts the case study live; deleting someone's page works."""
    sign_in(roles.EDITORS)
    page = draft(client, library, themes)
    assert page.live
    other = case_study(library, "Industriell symbios i Sotenäs")
    client.post(f"/admin/pages/{other.pk}/delete/")
    assert not Page.objects.filter(pk=other.pk).exists()


@pytest.mark.parametrize(
    ("group", "sees"),
    [
        (roles.ADMINISTRATORS, True),
        (roles.EDITORS, True),
        (roles.WRITERS, False),
        (roles.TRANSLATORS, False),
        (roles.NEWSLETTER_SENDERS, False),
    ],
)
def test_subscribers_and_search_statistics(client, sign_in, home, group, sees):
    """Subscribers and what visitors searched for are for administrators and editors."""
    sign_in(group)
    for path in ("/admin/subscribers/", *SEARCH_REPORTS):
        assert (client.get(path).status_code == 200) is sees, path
    menu = client.get("/admin/").content.decode()
    for path in SEARCH_REPORTS:
        assert (f'"{path}"' in menu) is sees, path


@pytest.mark.parametrize(
    ("names", "may_send"),
    [
        ((roles.NEWSLETTER_SENDERS,), True),
        ((roles.EDITORS, roles.NEWSLETTER_SENDERS), True),
        ((roles.ADMINISTRATORS,), True),
        ((roles.EDITORS,), False),
        ((roles.WRITERS,), False),
    ],
)
def test_only_newsletter_senders_send_an_issue(client, sign_in, issue, names, may_send):
    """The send page and its button are for newsletter senders (and administrators)."""
    sign_in(*names)
    assert (client.get(f"/admin/newsletter/{issue.pk}/send/").status_code == 200) is may_send
    if roles.EDITORS in names:
        edit = client.get(f"/admin/pages/{issue.pk}/edit/").content.decode()
        assert (f"/admin/newsletter/{issue.pk}/send/" in edit) is may_send
    dashboard = client.get("/admin/").content.decode()
    assert (f'href="/admin/newsletter/{issue.pk}/send/"' in dashboard) is may_send


def test_senders_find_the_issues_to_send_on_their_desk(client, sign_in, issue):
    """A sender who edits no pages reaches each published, unsent issue from the dashboard."""
    sign_in(roles.NEWSLETTER_SENDERS)
    link = f'href="/admin/newsletter/{issue.pk}/send/"'
    assert link in client.get("/admin/").content.decode()
    # Each link of the send page opens for them: the e-mail edition, back to the dashboard.
    send_page = client.get(f"/admin/newsletter/{issue.pk}/send/").content.decode()
    main = send_page[send_page.index("<main") :]
    links = set(re.findall(r'href="(/[^"#]*)"', main))
    assert f"{issue.url}email/" in links and "/admin/" in links
    for href in links:
        assert client.get(href).status_code == 200, href
    Delivery.objects.create(issue=issue, subscriber=SubscriberFactory())
    assert link not in client.get("/admin/").content.decode()
    draft = NewsletterIssuePageFactory(
        parent=issue.get_parent(), number=2, issue_date="2026-12-01", live=False
    )
    assert f"/admin/newsletter/{draft.pk}/send/" not in client.get("/admin/").content.decode()


def test_translator_translates_through_localize_only(
    client, sign_in, library, library_en, themes, django_capture_on_commit_callbacks
):
    """A translator makes and edits the English translation, and edits no Swedish page."""
    page = case_study(library, "Klimatkontrakt i Karlstad", themes=[themes["kontrakt"]])
    sign_in(roles.TRANSLATORS)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/localize/submit/page/{page.pk}/", {"locales": [locale("en").pk]}
        )
    assert response.status_code == 302
    english = CaseStudyPage.objects.get(translation_key=page.translation_key, locale=locale("en"))
    assert client.get(f"/admin/pages/{english.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code != 200
    assert (
        client.get(f"/admin/pages/add/casestudies/casestudypage/{library.pk}/").status_code != 200
    )
    assert client.get("/admin/images/add/").status_code != 200


@pytest.mark.parametrize(
    ("group", "may_upload"),
    [(roles.WRITERS, True), (roles.EDITORS, True), (roles.TRANSLATORS, False)],
)
def test_image_upload(client, sign_in, home, group, may_upload):
    """Writers and editors get the image upload form; translators only choose images."""
    sign_in(group)
    assert (client.get("/admin/images/add/").status_code == 200) is may_upload


def test_administrators_manage_users_and_groups_editors_do_not(client, sign_in, home):
    """Users, groups and settings are for administrators."""
    sign_in(roles.ADMINISTRATORS)
    for path in ("/admin/users/", "/admin/groups/", "/admin/sites/", "/admin/workflows/list/"):
        assert client.get(path).status_code == 200, path
    sign_in(roles.EDITORS)
    for path in ("/admin/users/", "/admin/groups/"):
        assert client.get(path).status_code != 200, path


@pytest.mark.parametrize(
    ("language", "names"),
    [
        (
            "sv",
            ["Administratörer", "Redaktörer", "Skribenter", "Översättare", "Nyhetsbrevsutskick"],
        ),
        ("en", ["Administrators", "Editors", "Writers", "Translators", "Newsletter senders"]),
    ],
)
def test_group_names_in_the_admins_language(client, sign_in, home, language, names):
    """The group listing names the groups in the administrator's own admin language."""
    sign_in(roles.ADMINISTRATORS, language=language)
    listing = client.get("/admin/groups/").content.decode()
    for name in names:
        assert name in listing, name
    editors = Group.objects.get(name=roles.EDITORS)
    assert names[1] in client.get(f"/admin/groups/edit/{editors.pk}/").content.decode()
    user_form = client.get(reverse("wagtailusers_users:add")).content.decode()
    for name in names:
        assert name in user_form, name


def test_new_sections_get_the_workflow_and_the_writers(home):
    """A library made after migrating goes through review, and writers may add to it."""
    roles.ensure_roles(apps)
    library = CaseStudyIndexPageFactory(parent=home)
    assert library.get_workflow().name == "Granskning"
    writers = Group.objects.get(name=roles.WRITERS)
    assert writers.page_permissions.filter(page=library, permission__codename="add_page").exists()


def test_roles_made_again_change_nothing_and_cover_existing_sections(home):
    """Running the migration's work again keeps every grant once, and finds sections missed."""
    roles.ensure_roles(apps)
    library = CaseStudyIndexPageFactory(parent=home)
    library.workflowpage.delete()
    writers = Group.objects.get(name=roles.WRITERS)
    writers.page_permissions.all().delete()
    counts = [(group.name, group.permissions.count()) for group in Group.objects.all()]

    roles.ensure_roles(apps)
    roles.ensure_roles(apps)

    assert [(group.name, group.permissions.count()) for group in Group.objects.all()] == counts
    assert Page.objects.get(pk=library.pk).get_workflow().name == "Granskning"
    assert list(writers.page_permissions.values_list("page", flat=True)) == [library.pk]


def test_superusers_see_the_search_terms_report_once(client, home):
    """Wagtail's own menu item gives way to the hub's, which everyone allowed sees."""
    superuser = get_user_model().objects.create_superuser("chef", "chef@example.org", "losen")
    client.force_login(superuser)
    menu = client.get("/admin/").content.decode()
    assert menu.count('"/admin/searchpicks/reports/search-terms/"') == 1
    assert "S\\u00f6ktermer" in menu  # The sidebar's JSON escapes "ö".
