"""The desk's panels, each one bounded query (a LIMIT over an indexed ordering).

Content apps are reached through string model references: the hub imports none of them.
"""

from dataclasses import dataclass
from datetime import datetime

from django.apps import apps
from django.conf import settings
from django.db.models import Exists, F, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.ui.components import Component
from wagtail.models import Locale, Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail_localize.models import TranslationSource

from hub.models import Contact

# Rows a panel shows; the rest are in the listing its "See all" link opens.
DESK_ROWS = 8
FIRST_ROWS = slice(0, DESK_ROWS + 1)  # one more, to know whether there are more
STALE_AFTER_YEARS = 2


@dataclass
class DeskRow:
    title: str
    url: str
    locale_id: int | None = None
    note: str = ""
    date: datetime | None = None
    action_label: str = ""
    action_url: str = ""


class DeskPanel(Component):
    """One panel of the desk: a heading, a sentence on what it lists, and its first rows.

    A panel shows to users with its `permission`, and gives its rows with
    `get_rows(user, window)`: the `DeskRow`s in `window`, a slice of the whole list.
    """

    template_name = "wagtailadmin/home/desk_panel.html"
    heading = ""
    description = ""
    date_label = _("Date")
    permission = ""

    def is_shown(self, user):
        return user.has_perm(self.permission)

    def render_html(self, parent_context=None):
        if not self.is_shown(parent_context["request"].user):
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context):
        rows = self.get_rows(parent_context["request"].user, FIRST_ROWS)
        more = len(rows) > DESK_ROWS
        return {
            "panel": self,
            "rows": rows[:DESK_ROWS],
            "more_url": reverse("desk_listing", args=[self.name]) if more else "",
        }


def editable(queryset, user):
    """The pages of `queryset` that `user` may edit: all for a superuser, else those below
    the pages their groups may change (a subquery on the tree paths)."""
    policy = PagePermissionPolicy()
    if user.is_superuser:
        return queryset
    pages = policy.instances_user_has_any_permission_for(user, {"change"})
    return queryset.filter(pk__in=pages.values("pk"))


def may_edit_pages(user):
    return PagePermissionPolicy().user_has_any_permission(user, {"change"})


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def years_ago(now, years):
    try:
        return now.replace(year=now.year - years)
    except ValueError:  # 29 February
        return now.replace(year=now.year - years, day=28)


class PagePanel(DeskPanel):
    """Pages the editor may change, from the panel's `get_pages()`, each linked to its edit
    view."""

    date_field = ""

    def is_shown(self, user):
        return may_edit_pages(user)

    def get_rows(self, user, window):
        fields = ("title", self.date_field, "locale_id", "path", "depth")
        pages = editable(self.get_pages().only(*fields), user)[window]
        return [
            DeskRow(page.title, edit_url(page), page.locale_id, date=getattr(page, self.date_field))
            for page in pages
        ]


class EventsWithoutMaterialPanel(PagePanel):
    name = "desk_events_without_material"
    order = 410
    heading = _("Events that ended without material")
    description = _("Add the slides, recordings or notes, or say that there are none.")
    date_label = _("Ended")
    date_field = "end"

    def get_pages(self):
        model = apps.get_model("events", "EventPage")
        # The newest ended events first, along the index on their start; a cancelled event
        # has nothing to share.
        return (
            model.objects.live().past().filter(material=[]).exclude(status=model.Status.CANCELLED)
        )


class StaleCaseStudiesPanel(PagePanel):
    name = "desk_stale_case_studies"
    order = 420
    heading = _("Case studies not updated for two years")
    description = _("Check that the facts, results and contacts still hold, then publish.")
    date_label = _("Last published")
    date_field = "last_published_at"

    def get_pages(self):
        # When an editor last published it, not the years of the work: a finished project
        # still needs its contacts and links checked. Oldest first along an index
        # (casestudies/migrations/0006).
        cutoff = years_ago(timezone.now(), STALE_AFTER_YEARS)
        return (
            apps.get_model("casestudies", "CaseStudyPage")
            .objects.live()
            .filter(last_published_at__lt=cutoff)
            .order_by("last_published_at", "pk")
        )


class TranslationPanel(DeskPanel):
    """Pages of the default language and their translations into the other languages."""

    date_label = _("Last published")
    permission = "wagtail_localize.submit_translation"

    def get_rows(self, user, window):
        # A window of each other language's rows: one other language, English, so far.
        default = Locale.get_default()
        rows = []
        for target in Locale.objects.exclude(pk=default.pk).order_by("language_code"):
            pages = (
                Page.objects.live()
                .filter(locale=default, depth__gt=2, alias_of__isnull=True)
                # Every published page has the date; without it PostgreSQL would put the
                # pages lacking it first and could not read the newest along the index.
                .filter(last_published_at__isnull=False)
                .order_by("-last_published_at", "-pk")
            )
            rows += self.rows_for(pages, default, target, window)
        return rows

    def translations(self, target):
        return Page.objects.filter(translation_key=OuterRef("translation_key"), locale=target)

    def row(self, page, url, locale_id, action_label, action_url):
        return DeskRow(
            page.title,
            url,
            locale_id,
            date=page.last_published_at,
            action_label=action_label,
            action_url=action_url,
        )


class UntranslatedPagesPanel(TranslationPanel):
    name = "desk_untranslated_pages"
    order = 430
    heading = _("Pages without a translation")
    description = _("Pages that visitors in the other language do not find at all.")

    def rows_for(self, pages, default, target, window):
        pages = pages.filter(~Exists(self.translations(target)))[window]
        label = _("Translate into %(language)s") % {"language": target.get_display_name()}
        return [
            self.row(
                page,
                edit_url(page),
                page.locale_id,
                label,
                reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
            )
            for page in pages
        ]


class OutdatedTranslationsPanel(TranslationPanel):
    name = "desk_outdated_translations"
    order = 440
    heading = _("Translations out of date")
    description = _("Pages changed since their translation was last synced.")

    def rows_for(self, pages, default, target, window):
        # wagtail-localize copies the source page into a TranslationSource when it is sent
        # for translation or synced; a publish after that copy is not in the translation.
        # Only the pages with a source are read (they are the translated ones, a few of all),
        # so a site whose translations are all up to date is not scanned page by page.
        synced = TranslationSource.objects.filter(
            locale=default, translations__target_locale=target, translations__enabled=True
        )
        source = synced.filter(object_id=OuterRef("translation_key"))
        pages = (
            pages.filter(translation_key__in=synced.values("object_id"))
            .annotate(
                source_id=Subquery(source.values("pk")[:1]),
                synced_at=Subquery(source.values("last_updated_at")[:1]),
                translation_id=Subquery(self.translations(target).values("pk")[:1]),
            )
            .filter(last_published_at__gt=F("synced_at"), translation_id__isnull=False)
        )[window]
        return [
            self.row(
                page,
                reverse("wagtailadmin_pages:edit", args=[page.translation_id]),
                target.pk,
                _("Sync translation"),
                reverse("wagtail_localize:update_translations", args=[page.source_id]),
            )
            for page in pages
        ]


class IdleContactsPanel(DeskPanel):
    name = "desk_idle_contacts"
    order = 450
    heading = _("Contacts without current case studies")
    description = _(
        "Every case study that names them is completed or unpublished: are they still the "
        "people to ask?"
    )
    date_label = ""
    permission = "hub.change_contact"

    def get_rows(self, user, window):
        links = apps.get_model("casestudies", "CaseStudyContact").objects.filter(
            contact=OuterRef("pk")
        )
        current = links.filter(page__live=True).exclude(page__status="completed")
        contacts = (
            Contact.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
            .filter(Exists(links), ~Exists(current))
            .select_related("organisation")
            .order_by("name", "pk")[window]
        )
        finder = AdminURLFinder(user)
        return [
            DeskRow(contact.name, finder.get_edit_url(contact), note=contact.organisation or "")
            for contact in contacts
        ]


PANELS = [
    EventsWithoutMaterialPanel,
    StaleCaseStudiesPanel,
    UntranslatedPagesPanel,
    OutdatedTranslationsPanel,
    IdleContactsPanel,
]
