import pytest

from django.core.management import call_command

from casestudies.models import CaseStudyPage

# wagtail-localize publishes translations when the transaction commits, so this test commits.
pytestmark = pytest.mark.django_db(transaction=True)


def test_newcomer_finds_the_karlstad_paper_industry_example(client, home):
    """After loading the demo, industrial symbiosis in Värmland leads to Karlstad's paper mills."""
    home.introduction = ""
    home.save()
    call_command("load_demo_content", "--skip-index", verbosity=0)

    swedish = CaseStudyPage.objects.live().filter(locale__language_code="sv")
    english = CaseStudyPage.objects.live().filter(locale__language_code="en")
    assert swedish.count() >= 20
    assert english.count() >= 5

    library = client.get("/sv/exempel/?theme=industriell-symbios&county=varmlands-lan")
    html = library.content.decode()
    assert "1 exempel" in html
    link = "/sv/exempel/industriell-symbios-i-pappersindustrin-i-karlstad/"
    assert f'href="{link}"' in html

    page = client.get(link).content.decode()
    assert "Paper Province" in page
    assert "Pågående" in page
    assert "Vem kan jag fråga?" in page
    assert "Relaterade exempel" in page
    assert "@example.org" not in page

    english_link = "/en/case-studies/industrial-symbiosis-in-the-paper-industry-in-karlstad/"
    assert f'href="{english_link}" hreflang="en"' in page
    english_page = client.get(english_link).content.decode()
    assert '<html lang="en">' in english_page
    assert ">Industrial symbiosis</a>" in english_page
    assert "Ongoing" in english_page

    uppsala = client.get("/sv/exempel/uppsala-klimatprotokoll/").content.decode()
    assert '<span class="key-figure__value">40</span>' in uppsala
    assert "lokala aktörer" in uppsala
