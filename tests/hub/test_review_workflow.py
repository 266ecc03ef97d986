"""The review workflow: a writer submits, an editor asks for changes and approves, each
notified by e-mail in their own admin language, sent by the task worker; scheduled pages go live
and expire."""

from datetime import timedelta

import pytest

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.users.models import UserProfile

from casestudies.models import CaseStudyPage
from hub import roles
from tests.casestudies.test_admin_and_translation import case_study_form
from tests.factories import case_study
from tests.utils import run_worker

# The worker sends the notifications and commits as it goes, as it does beside the web server.
pytestmark = pytest.mark.django_db(transaction=True)


def member(group, username, language):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "losen")
    user.groups.add(Group.objects.get(name=group))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def test_writer_submits_editor_requests_changes_then_approves(client, library, themes):
    """Each step reaches the other person by e-mail, in that person's admin language."""
    roles.ensure_roles(apps)
    writer = member(roles.WRITERS, "skribent", "sv")
    editor = member(roles.EDITORS, "editor", "en")

    client.force_login(writer)
    form = case_study_form(themes, **{"action-publish": "", "action-submit": "submit"})
    client.post(f"/admin/pages/add/casestudies/casestudypage/{library.pk}/", form)
    page = CaseStudyPage.objects.get(slug="klimatkontrakt-karlstad")
    state = page.current_workflow_state
    assert state.workflow.name == "Granskning"
    assert state.current_task_state.task.name == "Redaktörens granskning"
    assert mail.outbox == []  # the writer's request did not wait for the mail server
    run_worker()
    submitted = [m for m in mail.outbox if m.to == [editor.email]]
    assert len(submitted) == 1
    assert "submitted" in submitted[0].subject.lower(), submitted[0].subject
    assert "Klimatkontrakt i Karlstad" in submitted[0].subject + submitted[0].body
    mail.outbox.clear()

    client.force_login(editor)
    task_state = state.current_task_state
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "reject", task_state.pk]),
        {"comment": "Lägg till vad kontraktet kostade."},
    )
    assert response.status_code == 302, response.status_code
    run_worker()
    [rejected] = mail.outbox
    assert rejected.to == [writer.email]
    assert "Lägg till vad kontraktet kostade." in rejected.body
    assert "avvisad" in rejected.subject, rejected.subject
    mail.outbox.clear()
    page.refresh_from_db()
    assert not page.live

    client.force_login(writer)
    resubmit = case_study_form(themes, **{"action-publish": "", "action-restart-workflow": "1"})
    client.post(f"/admin/pages/{page.pk}/edit/", resubmit)
    assert page.current_workflow_state.status == "in_progress"
    run_worker()
    assert [m.to for m in mail.outbox] == [[editor.email]]
    mail.outbox.clear()

    client.force_login(editor)
    task_state = page.current_workflow_state.current_task_state
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]),
        {"comment": ""},
    )
    assert response.status_code == 302, response.status_code
    page.refresh_from_db()
    assert page.live
    assert mail.outbox == []
    run_worker()
    [approved] = mail.outbox
    assert approved.to == [writer.email]
    assert "godkän" in (approved.subject + approved.body).lower(), approved.subject + approved.body
    assert client.get(page.url).status_code == 200


def test_a_rejection_mailed_after_the_resubmission_still_quotes_the_reviewer(
    client, library, themes
):
    """The worker may run late: the writer still reads why the page came back."""
    roles.ensure_roles(apps)
    writer = member(roles.WRITERS, "skribent", "sv")
    editor = member(roles.EDITORS, "redaktor", "sv")
    client.force_login(writer)
    form = case_study_form(themes, **{"action-publish": "", "action-submit": "submit"})
    client.post(f"/admin/pages/add/casestudies/casestudypage/{library.pk}/", form)
    page = CaseStudyPage.objects.get(slug="klimatkontrakt-karlstad")
    client.force_login(editor)
    task_state = page.current_workflow_state.current_task_state
    client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "reject", task_state.pk]),
        {"comment": "Vilka företag var med?"},
    )
    client.force_login(writer)
    resubmit = case_study_form(themes, **{"action-publish": "", "action-restart-workflow": "1"})
    client.post(f"/admin/pages/{page.pk}/edit/", resubmit)

    run_worker()

    [rejected] = [m for m in mail.outbox if m.to == [writer.email]]
    assert "Vilka företag var med?" in rejected.body
    assert len([m for m in mail.outbox if m.to == [editor.email]]) == 2  # submitted twice


def test_publish_scheduled_publishes_and_expires(library):
    """A revision whose go-live time has passed goes live; an expired page goes offline."""
    page = case_study(library, "Energicoachning i Dals-Ed")
    page.live = False
    page.save()
    page.go_live_at = timezone.now() - timedelta(minutes=1)
    page.save_revision(approved_go_live_at=page.go_live_at)
    expiring = case_study(library, "Industriell symbios i Sotenäs")
    expiring.expire_at = timezone.now() - timedelta(minutes=1)
    expiring.save()

    call_command("publish_scheduled", verbosity=0)

    page.refresh_from_db()
    expiring.refresh_from_db()
    assert page.live
    assert not expiring.live
    assert expiring.expired
