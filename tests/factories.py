"""Factories for pages, built on wagtail-factories."""

from datetime import timedelta

import factory
import wagtail_factories

from django.utils import timezone

from wagtail.models import Locale

from casestudies.models import (
    CaseStudyContact,
    CaseStudyIndexPage,
    CaseStudyPage,
    CaseStudyTheme,
)
from events.models import EventIndexPage, EventPage, EventTheme, EventType
from hub.models import (
    Contact,
    HomePage,
    Municipality,
    NewsletterIndexPage,
    NewsletterIssuePage,
    Organisation,
    StandardPage,
    Subscriber,
    Theme,
)


def locale(code):
    return Locale.objects.get_or_create(language_code=code)[0]


class ImageFactory(wagtail_factories.ImageFactory):
    """An image with a small generated picture file, in the root collection."""

    title = factory.Sequence(lambda n: f"Bild {n}")


class HomePageFactory(wagtail_factories.PageFactory):
    """A home page; pass `parent` (the tree root) and `locale`."""

    title = "Klimathubben"
    introduction = "Exempel, träffar och material om lokalt klimatarbete."

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    """An ordinary content page; pass `parent`."""

    title = factory.Sequence(lambda n: f"Sida {n}")
    introduction = "En kort ingress om sidan."

    class Meta:
        model = StandardPage


def translation_of(page, code, factory_class, **fields):
    """Create the `code` translation of `page` under the translated parent, sharing its key."""
    target = locale(code)
    parent = page.get_parent().specific.get_translation(target)
    return factory_class(
        parent=parent, locale=target, translation_key=page.translation_key, **fields
    )


class ThemeFactory(factory.django.DjangoModelFactory):
    """A Swedish theme."""

    name = factory.Sequence(lambda n: f"Tema {n}")
    slug = factory.Sequence(lambda n: f"tema-{n}")
    locale = factory.LazyFunction(lambda: locale("sv"))

    class Meta:
        model = Theme


class OrganisationFactory(factory.django.DjangoModelFactory):
    """A partner organisation."""

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = Organisation.Kind.COMPANY

    class Meta:
        model = Organisation


class ContactFactory(factory.django.DjangoModelFactory):
    """A fictional contact person with an example.org address."""

    name = factory.Sequence(lambda n: f"Kontakt {n}")
    role = "Klimatstrateg"
    email = factory.Sequence(lambda n: f"kontakt{n}@example.org")
    phone = "070-174 06 10"
    locale = factory.LazyFunction(lambda: locale("sv"))

    class Meta:
        model = Contact


class CaseStudyIndexPageFactory(wagtail_factories.PageFactory):
    """The case study library; pass `parent` (a home page)."""

    title = "Exempel"
    slug = "exempel"
    introduction = "Exempel på samverkan."

    class Meta:
        model = CaseStudyIndexPage


class CaseStudyPageFactory(wagtail_factories.PageFactory):
    """A bare case study; `case_study()` below also sets its relations."""

    title = factory.Sequence(lambda n: f"Exempel {n}")
    summary = "Så gjorde man."

    class Meta:
        model = CaseStudyPage


def case_study(
    parent,
    title,
    *,
    municipalities=("1780",),
    themes=(),
    partners=(),
    contacts=(),
    tags=(),
    published_at=None,
    **fields,
):
    """A published case study under `parent`, with its relations set the way the admin sets them."""
    fields.setdefault("summary", f"Så gjorde man: {title}.")
    page = CaseStudyPage(title=title, locale=parent.locale, **fields)
    page.municipalities = list(Municipality.objects.filter(code__in=municipalities))
    page.partners = list(partners)
    page.case_study_themes = [
        CaseStudyTheme(theme=theme, sort_order=order) for order, theme in enumerate(themes)
    ]
    page.case_study_contacts = [CaseStudyContact(contact=contact) for contact in contacts]
    page.tags.add(*tags)
    # Saved live directly: a revision and its publishing add nothing these tests look at.
    page.live = True
    page.first_published_at = page.last_published_at = published_at or timezone.now()
    parent.add_child(instance=page)
    return page


class EventTypeFactory(factory.django.DjangoModelFactory):
    """A Swedish event type."""

    name = factory.Sequence(lambda n: f"Typ {n}")
    slug = factory.Sequence(lambda n: f"typ-{n}")
    locale = factory.LazyFunction(lambda: locale("sv"))

    class Meta:
        model = EventType


class EventIndexPageFactory(wagtail_factories.PageFactory):
    """The event calendar; pass `parent` (a home page)."""

    title = "Evenemang"
    slug = "evenemang"

    class Meta:
        model = EventIndexPage


def event(parent, title, start, *, hours=1, themes=(), municipalities=(), organisers=(), **fields):
    """A live event under `parent`, starting at the aware datetime `start`."""
    fields.setdefault("summary", f"Om {title}.")
    if "event_type" not in fields:
        fields["event_type"] = EventTypeFactory()
    page = EventPage(
        title=title, start=start, end=fields.pop("end", start + timedelta(hours=hours)), **fields
    )
    page.locale = parent.locale
    page.municipalities = list(Municipality.objects.filter(code__in=municipalities))
    page.organisers = list(organisers)
    page.event_themes = [EventTheme(theme=theme) for theme in themes]
    page.live = True
    page.first_published_at = page.last_published_at = timezone.now()
    parent.add_child(instance=page)
    return page


class NewsletterIndexPageFactory(wagtail_factories.PageFactory):
    """The newsletter archive; pass `parent` (a home page)."""

    title = "Nyhetsbrev"
    slug = "nyhetsbrev"

    class Meta:
        model = NewsletterIndexPage


class NewsletterIssuePageFactory(wagtail_factories.PageFactory):
    """A newsletter issue; pass `parent` (the archive), `issue_date` and `number`."""

    title = factory.Sequence(lambda n: f"Nyhetsbrev {n}")
    intro = "Det här händer i nätverket."
    sign_off = "Kansliet"
    live = True

    class Meta:
        model = NewsletterIssuePage
        skip_postgeneration_save = True

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if extracted:
            self.tags.add(*extracted)
            self.save()


class SubscriberFactory(factory.django.DjangoModelFactory):
    """A confirmed Swedish subscriber with an example.org address."""

    email = factory.Sequence(lambda n: f"lasare{n}@example.org")
    language = "sv"
    status = Subscriber.Status.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = Subscriber
