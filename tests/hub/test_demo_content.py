import pytest

from django.core.management import call_command

from wagtail.models import Page

from hub.models import HomePage, StandardPage

# wagtail-localize publishes translations when the transaction commits, so these tests commit.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(home):
    # The demo fills a home page that nobody has written yet, as after the first migration.
    home.introduction = ""
    home.save()
    call_command("load_demo_content", "--skip-index", verbosity=0)


def test_demo_content_builds_the_tree_in_both_languages(client, demo):
    """After loading, the home page and the about pages exist in Swedish and English."""
    assert HomePage.objects.filter(locale__language_code="en").live().count() == 1
    about_sv = StandardPage.objects.get(slug="om-klimathubben")
    about_en = StandardPage.objects.get(
        locale__language_code="en", translation_key=about_sv.translation_key
    )
    assert about_en.title == "About Klimathubben"
    assert about_en.url == "/en/about/"
    html = client.get("/en/about/").content.decode()
    assert "Many municipalities and regions" in html
    assert '<html lang="en">' in html


def test_demo_content_runs_twice_without_duplicates(demo):
    """A second run creates nothing new."""
    before = Page.objects.count()
    call_command("load_demo_content", "--skip-index", verbosity=0)
    assert Page.objects.count() == before


def test_demo_translations_are_wagtail_localize_translations(demo):
    """English demo pages are kept in sync by wagtail-localize, as an editor's would be."""
    from wagtail_localize.models import Translation

    about = StandardPage.objects.get(slug="om-klimathubben")
    translation = Translation.objects.get(
        source__object_id=about.translation_key, target_locale__language_code="en"
    )
    assert translation.enabled
    total, translated = translation.get_progress()
    assert total == translated > 0


def test_demo_home_links_to_the_translated_about_page(client, demo):
    """The English home page's call to action leads to the English about page."""
    html = client.get("/en/").content.decode()
    assert 'href="/en/about/"' in html
    assert "Learn from those who have done it" in html
