"""The editors' desk on the admin dashboard: what is missing or stale, each gap linked."""

import re
from datetime import timedelta

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from wagtail.models import GroupPagePermission, Workflow
from wagtail.users.models import UserProfile
from wagtail_localize.operations import TranslationCreator

from search.models import UnansweredQuery
from tests.factories import (
    ContactFactory,
    EventIndexPageFactory,
    NewsletterIndexPageFactory,
    NewsletterIssuePageFactory,
    StandardPageFactory,
    case_study,
    event,
    locale,
)
from tests.utils import count_queries

pytestmark = pytest.mark.django_db

PANELS = [
    "desk_events_without_material",
    "desk_stale_case_studies",
    "desk_untranslated_pages",
    "desk_outdated_translations",
    "desk_idle_contacts",
    "desk_unanswered_searches",
]
MATERIAL = [{"type": "link", "value": {"title": "Bilder", "url": "https://example.org/b"}}]


def panel(html, name):
    """The HTML of one panel of the dashboard, or "" when it is not shown."""
    match = re.search(rf'<section[^>]* id="{name}-section".*?</section>', html, re.S)
    return match.group(0) if match else ""


def dashboard(client):
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


def translate(page):
    """The English translation of `page`, made through wagtail-localize as a translator would."""
    TranslationCreator(user=None, target_locales=[locale("en")]).create_translations(page)
    return page.get_translation(locale("en"))


@pytest.fixture
def gaps(home, home_en, library):
    """One page with each gap and one without it beside it."""
    now = timezone.now()
    calendar = EventIndexPageFactory(parent=home)
    kept = translate(calendar)
    ago = now - timedelta(days=3)
    pages = {
        "bare event": event(calendar, "Träff utan material", ago),
        "event with material": event(calendar, "Träff med material", ago, material=MATERIAL),
        "cancelled event": event(calendar, "Inställd träff", ago, status="cancelled"),
        "coming event": event(calendar, "Kommande träff", now + timedelta(days=3)),
        "stale": case_study(library, "Gammalt exempel", published_at=now - timedelta(days=800)),
        "fresh": case_study(library, "Nytt exempel", published_at=now - timedelta(days=600)),
        "untranslated": StandardPageFactory(
            parent=home, title="Bara på svenska", last_published_at=now
        ),
        "translated": StandardPageFactory(parent=home, title="Översatt sida"),
        "changed": StandardPageFactory(parent=home, title="Ändrad efter översättningen"),
    }
    pages["translated en"] = translate(pages["translated"])
    pages["changed en"] = translate(pages["changed"])
    pages["changed"].save_revision().publish()
    pages["calendar en"] = kept
    idle, busy = ContactFactory(name="Ida Avslutad"), ContactFactory(name="Bo Pågående")
    case_study(library, "Avslutat", contacts=[idle], status="completed", end_year=2024)
    case_study(library, "Pågår", contacts=[busy])
    case_study(library, "Avslutat igen", contacts=[busy], status="completed", end_year=2023)
    UnansweredQuery.objects.create(
        query_string="värmepumpar", language="sv", hits=3, last_searched_at=now
    )
    UnansweredQuery.objects.create(
        query_string="förra månaden", language="sv", hits=9, last_searched_at=now - timedelta(45)
    )
    return pages


def edit_link(page):
    return f'href="/admin/pages/{page.pk}/edit/"'


def test_each_panel_lists_its_gaps_and_not_the_rest(client, editor, gaps):
    """Each panel links the pages with its gap to their edit views, and leaves the others out."""
    html = dashboard(client)

    events = panel(html, "desk_events_without_material")
    assert edit_link(gaps["bare event"]) in events
    for other in ("event with material", "cancelled event", "coming event"):
        assert edit_link(gaps[other]) not in events

    stale = panel(html, "desk_stale_case_studies")
    assert edit_link(gaps["stale"]) in stale and edit_link(gaps["fresh"]) not in stale

    untranslated = panel(html, "desk_untranslated_pages")
    assert edit_link(gaps["untranslated"]) in untranslated
    assert f"/admin/localize/submit/page/{gaps['untranslated'].pk}/" in untranslated
    assert edit_link(gaps["translated"]) not in untranslated

    outdated = panel(html, "desk_outdated_translations")
    assert edit_link(gaps["changed en"]) in outdated
    assert edit_link(gaps["translated en"]) not in outdated
    assert edit_link(gaps["calendar en"]) not in outdated

    contacts = panel(html, "desk_idle_contacts")
    # Bo is named on an ongoing case study as well as on a completed one.
    assert "Ida Avslutad" in contacts and "Bo Pågående" not in contacts

    searches = panel(html, "desk_unanswered_searches")
    assert "värmepumpar" in searches and "förra månaden" not in searches


def test_every_link_opens_its_edit_view(client, editor, gaps):
    """The rows' links open the page and contact editors and the searches report."""
    html = "".join(panel(dashboard(client), name) for name in PANELS)
    links = set(re.findall(r'href="(/admin/[^"]+)"', html))
    assert len(links) >= 8
    for link in links:
        assert client.get(link.replace("&amp;", "&")).status_code == 200, link


def test_panels_speak_the_editors_language(client, editor, gaps):
    """Headings in Swedish for a Swedish editor and in English for an English one."""
    assert "Evenemang som avslutats utan material" in dashboard(client)
    UserProfile.objects.update_or_create(user=editor, defaults={"preferred_language": "en"})
    assert "Events that ended without material" in dashboard(client)


def test_dashboard_queries_do_not_grow_with_content(client, editor, gaps, home, library):
    """The desk reads the first rows of each gap: ten times the gaps, the same queries."""
    # More gaps than a panel shows, so that each shows its "See all" link both times.
    calendar = gaps["bare event"].get_parent()
    archive = NewsletterIndexPageFactory(parent=home)
    long_ago = timezone.now() - timedelta(days=900)

    def more_gaps(first, last):
        for number in range(first, last):
            event(calendar, f"Fler utan material {number}", long_ago)
            case_study(library, f"Fler gamla {number}", published_at=long_ago)
            StandardPageFactory(parent=home, title=f"Fler svenska {number}")
            ContactFactory(name=f"Fler {number}")
            NewsletterIssuePageFactory(parent=archive, number=number + 1, issue_date="2026-11-20")

    more_gaps(0, 8)
    before = count_queries(client, "/admin/")
    more_gaps(8, 30)
    assert count_queries(client, "/admin/") == before
    html = dashboard(client)
    for name in ("desk_events_without_material", "desk_unsent_issues"):
        assert panel(html, name).count('<td class="title">') == 8, name


def test_dashboard_query_bound(client, editor, gaps, django_assert_max_num_queries):
    """The whole dashboard, desk and Wagtail's own panels, stays under a fixed bound."""
    client.get("/admin/")
    # Wagtail's dashboard: 17 (session, user, profile, site summary, its own panels). The desk:
    # one query per panel, and for the two translation panels and the searches panel two to
    # four more for the locales: 12.
    with django_assert_max_num_queries(29):
        client.get("/admin/")


@pytest.fixture
def writer(client, home):
    """An editor who may use the admin and edit pages below the home page, nothing else."""
    group = Group.objects.create(name="Sidredigerare")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group, page=home, permission=Permission.objects.get(codename="change_page")
    )
    user = get_user_model().objects.create_user("skribent", "s@example.org", "losen")
    user.groups.add(group)
    client.force_login(user)
    return user


def test_panels_show_only_to_those_who_may_act(client, writer, gaps):
    """A writer sees the pages to fix, not translations, contacts or search statistics."""
    html = dashboard(client)
    assert edit_link(gaps["bare event"]) in panel(html, "desk_events_without_material")
    assert edit_link(gaps["stale"]) in panel(html, "desk_stale_case_studies")
    for name in PANELS[2:]:
        assert not panel(html, name), name
    writer.groups.first().permissions.add(Permission.objects.get(codename="change_contact"))
    assert "Ida Avslutad" in panel(dashboard(client), "desk_idle_contacts")


def test_pages_outside_an_editors_section_are_left_out(client, writer, gaps, home):
    """A writer whose pages are elsewhere sees no panel about pages they cannot edit."""
    elsewhere = StandardPageFactory(parent=home, title="Annan sektion")
    GroupPagePermission.objects.filter(group__name="Sidredigerare").update(page=elsewhere)
    html = dashboard(client)
    assert not panel(html, "desk_events_without_material")
    assert not panel(html, "desk_stale_case_studies")


def test_see_all_pages_through_the_whole_list(client, editor, gaps):
    """Past the first rows, "See all" opens the whole list fifty rows a page."""
    now = timezone.now()
    UnansweredQuery.objects.bulk_create(
        UnansweredQuery(
            query_string=f"fråga {number:02}",
            language="sv",
            last_searched_at=now - timedelta(microseconds=number),
        )
        for number in range(60)
    )
    searches = panel(dashboard(client), "desk_unanswered_searches")
    assert searches.count('<td class="title">') == 8
    assert 'href="/admin/desk/desk_unanswered_searches/"' in searches
    first = client.get("/admin/desk/desk_unanswered_searches/").content.decode()
    assert "<h1" in first and "Sökningar som inte gav något den här månaden" in first
    assert first.count('<td class="title">') == 50 and 'href="?p=2"' in first
    assert "fråga 00" in first and "fråga 50" not in first
    second = client.get("/admin/desk/desk_unanswered_searches/?p=2").content.decode()
    assert second.count('<td class="title">') == 11 and 'href="?p=3"' not in second
    both = re.findall(r'<td class="title">\s*<div[^>]*>\s*<a[^>]*>([^<]+)<', first + second)
    assert len(set(both)) == 61 and "värmepumpar" in both
    for bad in ("x", "-1", "99999999999999999999"):
        assert client.get(f"/admin/desk/desk_unanswered_searches/?p={bad}").status_code == 200


def test_a_listing_only_for_those_who_see_its_panel(client, writer, gaps):
    """A writer may list the events to fix, not contacts or searches; no such panel is a 404."""
    assert client.get("/admin/desk/desk_events_without_material/").status_code == 200
    for name in ("desk_idle_contacts", "desk_unanswered_searches"):
        response = client.get(f"/admin/desk/{name}/", follow=True)
        assert response.redirect_chain[-1][0] == "/admin/", name
    assert client.get("/admin/desk/no_such_panel/", follow=True).status_code == 404


def test_pages_awaiting_review_stay_in_wagtails_own_panel(client, editor, home):
    """A page sent for review is in Wagtail's "Awaiting your review" panel, not the desk's."""
    page = StandardPageFactory(parent=home, title="Till granskning")
    page.save_revision(user=editor)
    Workflow.objects.get(workflow_pages__page__depth=1).start(page, editor)
    html = dashboard(client)
    review = panel(html, "awaiting-review")
    assert edit_link(page) in review
    assert not any(edit_link(page) in panel(html, name) for name in PANELS)
