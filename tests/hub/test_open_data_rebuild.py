"""The task worker builds the open-data files again when content is published or changed."""

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from hub.models import OpenDataFile
from hub.open_data.tasks import build_open_data_task
from tests.factories import CaseStudyPageFactory, case_study
from tests.open_data import build, csv_rows
from tests.utils import run_worker

# The worker commits as it goes, as it does beside the web server.
pytestmark = pytest.mark.django_db(transaction=True)


def waiting():
    return DBTaskResult.objects.filter(
        task_path=build_open_data_task.module_path, status=TaskResultStatus.READY
    ).count()


def test_publishing_queues_one_rebuild_that_the_worker_runs(client, library, themes):
    """Two publishes queue one build; after it the new case study is in the file."""
    case_study(library, "Energicoachning i Umeå", slug="umea")
    build()
    assert [row["title"] for row in csv_rows(client.get("/sv/oppna-data/exempel.csv"))] == [
        "Energicoachning i Umeå"
    ]
    for title in ("Klimatkontrakt i Karlstad", "Resplan i Lund"):
        page = library.add_child(instance=CaseStudyPageFactory.build(title=title, live=False))
        page.save_revision().publish()
    assert waiting() == 1
    run_worker()
    assert waiting() == 0
    titles = {row["title"] for row in csv_rows(client.get("/sv/oppna-data/exempel.csv"))}
    assert titles == {"Energicoachning i Umeå", "Klimatkontrakt i Karlstad", "Resplan i Lund"}


def test_unpublishing_and_renaming_a_theme_rebuild_the_files(client, library, themes):
    """A page taken down leaves the file; a renamed theme shows its new name."""
    gone = case_study(library, "Borttaget exempel", slug="borttaget")
    case_study(library, "Kvar", slug="kvar", themes=[themes["coach"]])
    build()
    gone.unpublish()
    themes["coach"].name = "Energirådgivning"
    themes["coach"].save()
    assert waiting() == 1
    run_worker()
    [row] = csv_rows(client.get("/sv/oppna-data/exempel.csv"))
    assert row["title"] == "Kvar"
    assert row["themes"] == "Energirådgivning"


def test_a_rebuild_replaces_the_files_and_forgets_the_old_ones(client, library):
    """Each build writes new files and deletes those it replaced."""
    from django.core.files.storage import default_storage

    case_study(library, "Ett", slug="ett")
    build()
    old = set(OpenDataFile.objects.values_list("path", flat=True))
    build()
    new = set(OpenDataFile.objects.values_list("path", flat=True))
    assert old.isdisjoint(new)
    assert all(default_storage.exists(path) for path in new)
    assert not any(default_storage.exists(path) for path in old)
