"""Varnish keeps the open-data files and forgets them when the worker has built new ones."""

import pytest

from tests.factories import CaseStudyPageFactory, case_study
from tests.hub.test_front_cache import cached, fetch, purged_by_the_hub, varnish  # noqa: F401
from tests.open_data import build
from tests.utils import run_worker

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_published_case_study_reaches_the_kept_file_once_it_is_built(varnish, library):  # noqa: F811
    """The file stays kept until the rebuild, which purges it and the data package."""
    case_study(library, "Energicoachning i Umeå", slug="umea")
    build()
    assert "Energicoachning i Umeå" in cached(varnish, "/sv/oppna-data/exempel.csv").text
    assert '"rows": 1' in cached(varnish, "/sv/oppna-data/datapackage.json").text

    page = library.add_child(
        instance=CaseStudyPageFactory.build(title="Resplan i Lund", live=False)
    )
    page.save_revision().publish()
    assert fetch(varnish, "/sv/oppna-data/exempel.csv").from_cache  # not built yet
    run_worker()
    answer = fetch(varnish, "/sv/oppna-data/exempel.csv")
    assert not answer.from_cache
    assert "Resplan i Lund" in answer.text
    package = fetch(varnish, "/sv/oppna-data/datapackage.json")
    assert not package.from_cache
    assert '"rows": 2' in package.text
