import re
import time
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import get_language

from wagtail.models import Page

from hub.aggregates import cached_count
from hub.collation import collated, sort_key
from hub.county_map import county_map
from hub.languages import active_locale, current_home
from hub.models import Contact, County, Municipality
from hub.models.related import in_private_section
from hub.section_lists import section_lists
from hub.sections import content_sections, mapped_section
from hub.serving import find_site
from hub.versions import remember

CONTACT_SALT = "hub.contact-email"
CONTACT_TOKEN_DAYS = 30
PAGE_ID = re.compile(r"^[0-9]{1,10}$")


def municipality_sections():
    return [section for section in content_sections() if section.by_municipality]


def municipality_index(request):
    """Every county with its municipalities, and how much the hub has on each."""
    locale = active_locale()
    totals = cached_count("municipality-counts", locale, lambda: count_by_municipality(locale))
    municipalities = Municipality.objects.order_by(collated("name", "sv"))
    counties = County.objects.prefetch_related(Prefetch("municipalities", queryset=municipalities))
    language = get_language() or settings.LANGUAGE_CODE
    counties = sorted(counties, key=lambda county: sort_key(county.display_name, language))
    for county in counties:
        county.entries = [(m, totals.get(m.pk, 0)) for m in county.municipalities.all()]
        county.total = sum(count for _m, count in county.entries)
    return render(
        request,
        "pages/municipality_index.html",
        {"counties": counties, "county_map": overview_map(request, locale, counties)},
    )


def overview_map(request, locale, counties):
    """The county map, each county linking to the case studies from it in the library (or
    to its part of the list where the site has no library)."""
    section = mapped_section()
    if section is None:
        return None
    counts = cached_count("county-counts", locale, lambda: section.county_counts(locale))
    library = listing_url(request, section.index_model)
    codes = {county.slug: county.code for county in counties}

    def href(slug):
        if library is None:
            return f"#county-{codes[slug]}"
        return county_filter_url(library, section, slug)

    rows = [(county.code, county.slug, county.name) for county in counties]
    return county_map(rows, counts, href)


def listing_url(request, model):
    """The address of the live, public `model` page of the current home, remembered."""
    home = current_home(request)
    if home is None:
        return None

    def find():
        page = model.objects.live().exclude(in_private_section()).descendant_of(home).first()
        return page.get_url(request) if page else None

    return remember(("listing url", model._meta.label, home.pk), find)


def count_by_municipality(locale):
    """{municipality id: number of items} over every content type in this language."""
    totals = {}
    for section in municipality_sections():
        for municipality_id, count in section.municipality_counts(locale).items():
            totals[municipality_id] = totals.get(municipality_id, 0) + count
    return totals


def place_sections(request, locale, pages_of, counted_as):
    """The context a municipality or county page shares: each content type's pages from the
    place (`pages_of(section)`), a few of each or one type in full, and their impact figures
    added up; what is counted is kept per content version under `counted_as`."""
    lists = [
        (section, section.municipality_heading or section.heading, pages_of(section))
        for section in municipality_sections()
    ]
    notices = []
    context = section_lists(request.GET, lists, notices, f"{counted_as}:{locale.pk}")
    return {
        **context,
        "notices": notices,
        "has_content": bool(context["sections"]),
        "figure_totals": figure_totals(lists, locale, counted_as),
    }


def county_filter_url(library, section, slug):
    """The library's address filtered by one county."""
    return f"{library}?{urlencode({section.county_filter: slug})}"


def municipality_detail(request, slug):
    """Everything from one municipality: a few of each content type, or one type in full."""
    municipality = get_object_or_404(Municipality.objects.select_related("county"), slug=slug)
    locale = active_locale()
    context = place_sections(
        request,
        locale,
        lambda section: section.for_municipality(municipality, locale),
        f"municipality:{municipality.pk}",
    )
    return render(
        request, "pages/municipality_detail.html", {**context, "municipality": municipality}
    )


def county_detail(request, slug):
    """Everything from one county's municipalities, their figures added up, and the
    municipalities themselves with how much the hub has on each."""
    county = get_object_or_404(County, slug=slug)
    locale = active_locale()
    context = place_sections(
        request, locale, lambda section: section.for_county(county, locale), f"county:{county.pk}"
    )
    municipalities = []
    if context["current"] is None:  # one content type in full shows no municipalities
        counts = cached_count("municipality-counts", locale, lambda: count_by_municipality(locale))
        found = county.municipalities.order_by(collated("name", "sv"))
        municipalities = [(municipality, counts.get(municipality.pk, 0)) for municipality in found]
    section = mapped_section()
    library = section and listing_url(request, section.index_model)
    return render(
        request,
        "pages/county_detail.html",
        {
            **context,
            "county": county,
            "municipalities": municipalities,
            "library_url": library and county_filter_url(library, section, county.slug),
        },
    )


def figure_totals(lists, locale, counted_as):
    """[(section, totals)] of the sections whose pages carry comparable figures, added up over
    the pages of `lists`, counted once per content version."""
    found = []
    for section, _heading, pages in lists:
        if section.figure_totals:
            name = f"figures:{section.key}:{counted_as}"
            totals = cached_count(name, locale, lambda: section.figure_totals(pages))  # noqa: B023
            if totals:
                found.append((section, totals))
    return found


def days_since_epoch():
    """Whole days since 1970-01-01 (UTC): the day a contact link was made."""
    return int(time.time() // 86400)


def contact_email_url(contact, issued=None):
    """A link to the contact's address, valid for CONTACT_TOKEN_DAYS from the day it was made.

    The link carries its day, not its second, so a page shows the same link all day: its ETag
    holds and the kept plain and compressed copies say the same thing.
    """
    day = days_since_epoch() if issued is None else issued
    token = signing.Signer(salt=CONTACT_SALT).sign_object([contact.pk, day], compress=True)
    return reverse("contact_email", kwargs={"token": token})


def contact_email(request, token):
    """Show a contact's e-mail address on a page of its own that search engines skip."""
    try:
        contact_id, issued = signing.Signer(salt=CONTACT_SALT).unsign_object(token)
    except (signing.BadSignature, TypeError, ValueError) as error:
        raise Http404("Unknown link") from error
    if not isinstance(issued, int) or not 0 <= days_since_epoch() - issued <= CONTACT_TOKEN_DAYS:
        raise Http404("Expired link")
    contact = get_object_or_404(Contact.objects.select_related("organisation"), pk=contact_id)
    if not contact.email:
        raise Http404("No e-mail address")
    contact = contact.localized
    response = render(
        request,
        "pages/contact_email.html",
        {
            "contact": contact,
            "came_from": page_came_from(request),
        },
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def page_came_from(request):
    """The page named by `?from=<page id>`, in the active language, if it is live on this site.

    Only an id is read, never an address, so the way back cannot lead off the site.
    """
    page_id = request.GET.get("from", "")
    site = find_site(request)
    if not PAGE_ID.match(page_id) or site is None:
        return None
    page = (
        Page.objects.live().exclude(in_private_section()).in_site(site).filter(pk=page_id).first()
    )
    return page.localized if page is not None else None


def security_txt(request):
    """/.well-known/security.txt (RFC 9116): where to report a vulnerability, and until when."""
    contact = settings.SECURITY_CONTACT
    if not contact.startswith(("mailto:", "https://")):
        contact = f"mailto:{contact}"
    lines = [
        f"Contact: {contact}",
        f"Expires: {settings.SECURITY_TXT_EXPIRES:%Y-%m-%dT%H:%M:%SZ}",
        "Preferred-Languages: sv, en",
        f"Canonical: {settings.SITE_BASE_URL}/.well-known/security.txt",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
