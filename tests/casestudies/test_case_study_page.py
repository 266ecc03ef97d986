import re
import time

import pytest

from django.core import signing

from casestudies.models import CaseStudyRelatedPage
from hub.models import Contact, Organisation
from hub.views import CONTACT_SALT, contact_email_url, days_since_epoch
from tests.factories import ContactFactory, OrganisationFactory, case_study
from tests.utils import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def karlstad(library, themes):
    paper = OrganisationFactory(name="Paper Province", kind=Organisation.Kind.NETWORK)
    contact = ContactFactory(
        name="Elin Berglund",
        role="Näringslivsutvecklare",
        email="elin.berglund@example.org",
        phone="070-174 06 05",
        organisation=paper,
    )
    return case_study(
        library,
        "Industriell symbios i pappersindustrin",
        slug="industriell-symbios-karlstad",
        municipalities=["1780"],
        themes=[themes["symbios"]],
        partners=[paper],
        contacts=[contact],
        tags=["pappersindustri"],
        start_year=2015,
        key_figures=[{"type": "figure", "value": {"value": "40", "unit": "", "label": "aktörer"}}],
        results="<p>Restvärme går till fjärrvärmen.</p>",
        lessons="<p>Börja med de flöden som redan finns.</p>",
    )


def test_case_study_answers_who_with_whom_and_whom_to_ask(client, karlstad):
    """The page shows municipality, county, theme, partners, status, figures and the contact."""
    html = client.get("/sv/exempel/industriell-symbios-karlstad/").content.decode()
    assert "<h1>Industriell symbios i pappersindustrin</h1>" in html
    assert 'href="/sv/kommuner/karlstad/">Karlstad</a>' in html
    assert "(Värmlands län)" in html
    assert 'href="/sv/exempel/?theme=industriell-symbios">Industriell symbios</a>' in html
    assert "Paper Province" in html and "(nätverk eller kluster)" in html
    assert "Pågående, sedan 2015" in html
    assert '<span class="key-figure__value">40</span>' in html
    assert "Restvärme går till fjärrvärmen." in html
    assert "Elin Berglund" in html and "Näringslivsutvecklare, Paper Province" in html
    assert 'href="tel:0701740605"' in html


def test_contact_e_mail_is_not_in_the_page(client, karlstad):
    """Address harvesters reading the page find no e-mail address."""
    html = client.get("/sv/exempel/industriell-symbios-karlstad/").content.decode()
    assert "elin.berglund@example.org" not in html
    assert "mailto:" not in html
    assert "Visa e-postadressen till Elin Berglund" in html


def test_e_mail_address_is_one_click_away(client, karlstad):
    """Following the link shows the address on a page search engines skip."""
    html = client.get("/sv/exempel/industriell-symbios-karlstad/").content.decode()
    link = re.search(r'<a href="(/sv/kontakt/[^"]+)" rel="nofollow">', html).group(1)
    response = client.get(link)
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert 'href="mailto:elin.berglund@example.org"' in response.content.decode()


def test_e_mail_page_leads_back_to_the_case_study(client, karlstad):
    """The address page is no dead end: it links back to the case study it was opened from."""
    html = client.get("/sv/exempel/industriell-symbios-karlstad/").content.decode()
    link = re.search(r'<a href="(/sv/kontakt/[^"]+)" rel="nofollow">', html).group(1)
    page = client.get(link).content.decode()
    assert (
        '<a href="/sv/exempel/industriell-symbios-karlstad/">'
        "Tillbaka till Industriell symbios i pappersindustrin</a>"
    ) in page


@pytest.mark.parametrize(
    "came_from",
    [
        "https://example.com/",
        "//example.com/",
        "/sv/exempel/",
        "javascript:alert(1)",
        "99999999",
        "99999999999999999999",
        "-1",
        "{draft}",
    ],
)
def test_e_mail_page_links_back_only_to_a_live_page_of_this_site(
    client, library, karlstad, came_from
):
    """A forged `from` gives no link at all: an address or unknown id is never followed."""
    draft = case_study(library, "Utkast", slug="utkast")
    draft.unpublish()
    html = client.get("/sv/exempel/industriell-symbios-karlstad/").content.decode()
    link = re.search(r'<a href="(/sv/kontakt/[^"?]+)', html).group(1)
    genuine = client.get(link, {"from": karlstad.pk}).content.decode()
    assert 'href="/sv/exempel/industriell-symbios-karlstad/">Tillbaka till' in genuine
    response = client.get(link, {"from": came_from.format(draft=draft.pk)})
    page = response.content.decode()
    assert response.status_code == 200
    assert "mailto:elin.berglund@example.org" in page
    assert "Tillbaka till" not in page
    for forged in ['href="https://example.com', 'href="//example.com', 'href="javascript:']:
        assert forged not in page
    assert 'href="/sv/exempel/utkast/"' not in page


@pytest.mark.parametrize("token", ["nonsense", "1", "x" * 500])
def test_forged_e_mail_links_are_not_found(client, karlstad, token):
    """Guessing contact links gives a 404, not an address."""
    assert client.get(f"/sv/kontakt/{token}/").status_code == 404


def test_e_mail_links_last_thirty_days(client, karlstad):
    """A link copied from the page works for a month, then says it is gone; an old style link
    signed with the second it was made is not found either."""
    contact = Contact.objects.get(email="elin.berglund@example.org")
    for days_ago, status in [(0, 200), (30, 200), (31, 404), (-1, 404)]:
        link = contact_email_url(contact, issued=days_since_epoch() - days_ago)
        assert client.get(link).status_code == status, days_ago
    old_style = signing.dumps(contact.pk, salt=CONTACT_SALT, compress=True)
    assert client.get(f"/sv/kontakt/{old_style}/").status_code == 404


def test_the_page_shows_the_same_e_mail_link_from_one_second_to_the_next(client, karlstad):
    """A page made again a second later is the same page, so a browser revalidating it after the
    kept copy has expired still gets a 304."""
    url = "/sv/exempel/industriell-symbios-karlstad/"
    first = client.get(url)
    time.sleep(1.05 - time.time() % 1)
    again = client.get(url)
    assert again.content == first.content


def test_related_case_studies_chosen_first_then_by_shared_themes(client, library, themes, karlstad):
    """Editors' choices come first; the rest are filled with case studies sharing a theme."""
    chosen = case_study(library, "Valt av redaktionen", themes=[themes["kontrakt"]])
    same_theme = case_study(library, "Samma tema", themes=[themes["symbios"]])
    case_study(library, "Inget gemensamt", themes=[themes["coach"]])
    CaseStudyRelatedPage.objects.create(page=karlstad, related=chosen)
    html = client.get("/sv/exempel/industriell-symbios-karlstad/").content.decode()
    related = html.split('id="related-heading"')[1]
    assert related.index("Valt av redaktionen") < related.index(same_theme.title)
    assert "Inget gemensamt" not in related


def test_related_case_studies_show_what_was_last_published(client, library, themes, karlstad):
    """The related cards are kept between visits, yet show a related case study's new title
    on the first visit after it is published, and drop one taken offline."""
    chosen = case_study(library, "Valt av redaktionen", themes=[themes["kontrakt"]])
    CaseStudyRelatedPage.objects.create(page=karlstad, related=chosen)
    path = "/sv/exempel/industriell-symbios-karlstad/"
    for _visit in range(2):
        assert "Valt av redaktionen" in client.get(path).content.decode()
    chosen.title = "Klimatkontrakt, nu med resultat"
    chosen.save_revision().publish()
    related = client.get(path).content.decode().split('id="related-heading"')[1]
    assert "Klimatkontrakt, nu med resultat" in related
    chosen.unpublish()
    assert "Klimatkontrakt, nu med resultat" not in client.get(path).content.decode()


def test_related_case_studies_share_the_most_themes_then_tags(client, library, themes, karlstad):
    """Two shared themes beat one, a shared tag breaks a tie, and drafts never show."""
    karlstad.case_study_themes.create(theme=themes["coach"])
    karlstad.tags.add("restvärme")
    karlstad.save()
    case_study(library, "En gemensam", themes=[themes["symbios"]])
    case_study(library, "Två gemensamma", themes=[themes["symbios"], themes["coach"]])
    case_study(library, "En gemensam och en tagg", themes=[themes["coach"]], tags=["restvärme"])
    case_study(library, "Utkast med två", themes=[themes["symbios"], themes["coach"]]).unpublish()
    html = client.get("/sv/exempel/industriell-symbios-karlstad/").content.decode()
    related = re.findall(r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a>', html)
    assert related == ["Två gemensamma", "En gemensam och en tagg", "En gemensam"]


def test_detail_query_count_does_not_grow_with_relations(client, library, themes, karlstad):
    """More related pages, contacts and tags do not add queries."""

    case_study(library, "Granne 1", themes=[themes["symbios"]])
    few = count_queries(client, "/sv/exempel/industriell-symbios-karlstad/")
    for number in range(2, 8):
        case_study(
            library, f"Granne {number}", themes=[themes["symbios"]], tags=["pappersindustri"]
        )
    karlstad.case_study_contacts.create(contact=ContactFactory())
    karlstad.tags.add("restvärme", "cirkulär ekonomi")
    karlstad.save()
    many = count_queries(client, "/sv/exempel/industriell-symbios-karlstad/")
    assert many == few
    # Routing (~9), home pages, menu, footer, breadcrumbs, translations (5); themes,
    # municipalities, partners, contacts, tags, key relations; related pages and their cards.
    assert many <= 32


def test_unpublished_case_study_is_not_shown(client, karlstad):
    """A case study taken offline gives a 404 and leaves the library."""
    karlstad.unpublish()
    assert client.get("/sv/exempel/industriell-symbios-karlstad/").status_code == 404
    assert (
        "Industriell symbios i pappersindustrin" not in client.get("/sv/exempel/").content.decode()
    )
