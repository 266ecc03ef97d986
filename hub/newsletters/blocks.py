"""The sections of a newsletter issue. Each renders itself on the web and in the e-mail."""

from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.images.models import SourceImageIOError
from wagtail.rich_text import expand_db_html

from hub import block_previews
from hub.blocks import RICH_TEXT_FEATURES, ImageBlock, LinkBlock
from hub.images import attach_card_renditions
from hub.newsletters.email import email_html, html_to_text
from hub.newsletters.links import absolute
from hub.versions import remember, remember_for


class EmailSectionBlock:
    """A newsletter section, which writes its own e-mail parts.

    A subclass defines `render_email_html(value, context=None)`, e-mail-safe HTML, and
    `render_email_text(value, context=None)`, a plain-text reading; either returns None to
    leave the section out of that part. Every block of `NewsletterSectionsBlock` has both, so
    a new kind of section cannot go missing from the e-mail
    (tests/newsletters/test_email_parts.py checks this).
    """


class NewsletterRichTextBlock(EmailSectionBlock, blocks.RichTextBlock):
    def render_email_html(self, value, context=None):
        return email_html(expand_db_html(value.source))

    def render_email_text(self, value, context=None):
        return html_to_text(expand_db_html(value.source))


class NewsletterImageBlock(EmailSectionBlock, ImageBlock):
    def render_email_html(self, value, context=None):
        try:
            rendition = value["image"].get_rendition("width-600")
        except (AttributeError, SourceImageIOError):  # no image, or its file is missing
            return None
        return render_to_string(
            "newsletter/email_image.html",
            {"url": absolute(rendition.url), "rendition": rendition, "value": value},
        )

    def render_email_text(self, value, context=None):
        """Nothing: the plain-text part has no pictures, and the web edition is linked."""
        return None


class FeaturedPageBlock(EmailSectionBlock, blocks.StructBlock):
    """A page shown with its own title, summary, date and image, read when the issue is shown.

    Nothing is copied into the issue, so the feature stays current when the page changes.
    """

    # Which page the block picker's preview features: the newest.
    preview_order = ("-first_published_at", "-pk")

    class Meta:
        template = "components/streamfield/featured_page_block.html"

    def get_preview_value(self):
        model = self.child_blocks["page"].target_model
        page = block_previews.first_live_page(model._meta.label, self.preview_order)
        return block_previews.with_preview_content(self, page=page)

    @staticmethod
    def featured(value):
        """The chosen page in the current language, if it is live; else None.

        Which page that is is remembered per content version (hub/versions.py); the page
        itself is read each time this is asked, which on the web is once per version
        (`render`) and in the e-mail once per edition.
        """
        page = value["page"]
        if page is None:
            return None

        def localized():
            shown = page.specific.localized
            return (type(shown), shown.pk) if shown.live else None

        found = remember(("featured", page.pk, get_language()), localized)
        if found is None:
            return None
        model, pk = found
        pages = model._default_manager.live().filter(pk=pk)
        if not any(field.name == "listing_image" for field in model._meta.fields):
            return pages.first()
        page = pages.select_related("listing_image").first()
        if page is not None:
            attach_card_renditions([page])
        return page

    def render(self, value, context=None):
        """The feature, made once per content version (hub/fragments.py) on a page that is
        not a preview."""
        request = (context or {}).get("request")
        page = value["page"]
        if request is None or page is None:
            return super().render(value, context)
        render = super().render
        key = (type(self).__name__, page.pk, get_language(), value["note"])
        return remember_for(request, key, lambda: render(value, context))

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["featured"] = self.featured(value)
        context["kind"] = self.kind
        return context

    @staticmethod
    def email_lines(page):
        """Title, date (for events), summary and address of a featured page, as plain strings."""
        return page.title, getattr(page, "when_text", ""), page.get_summary(), absolute(page.url)

    def render_email_html(self, value, context=None):
        page = self.featured(value)
        if page is None:
            return None
        title, date, summary, url = self.email_lines(page)
        return render_to_string(
            "newsletter/email_featured.html",
            {"title": title, "date": date, "summary": summary, "url": url, "note": value["note"]},
        )

    def render_email_text(self, value, context=None):
        page = self.featured(value)
        if page is None:
            return None
        title, date, summary, url = self.email_lines(page)
        lines = [title.upper(), date, summary, value["note"], url]
        return "\n".join(line for line in lines if line)


class FeaturedCaseStudyBlock(FeaturedPageBlock):
    kind = _("Case study")
    page = blocks.PageChooserBlock(label=_("Case study"), page_type="casestudies.CaseStudyPage")
    note = blocks.TextBlock(
        label=_("Why it is featured"),
        required=False,
        help_text=_("A sentence of your own shown with the page's summary."),
    )

    class Meta:
        icon = "doc-full-inverse"
        label = _("Featured case study")
        description = _("A case study with its current title, summary and image.")
        preview_value = {"note": "Ett exempel att ta efter."}


class FeaturedEventBlock(FeaturedPageBlock):
    kind = _("Event")
    preview_order = ("-start", "-pk")
    page = blocks.PageChooserBlock(label=_("Event"), page_type="events.EventPage")
    note = blocks.TextBlock(
        label=_("Why it is featured"),
        required=False,
        help_text=_("A sentence of your own shown with the page's summary."),
    )

    class Meta:
        icon = "date"
        label = _("Featured event")
        description = _("An event with its current date, place and summary.")
        preview_value = {"note": "Välkommen att delta."}


class LinkListBlock(EmailSectionBlock, blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=150)
    links = blocks.ListBlock(LinkBlock(), label=_("Links"))

    class Meta:
        icon = "list-ul"
        template = "components/streamfield/link_list_block.html"
        label = _("Link list")
        description = _("A heading with a few links to read more.")
        preview_value = {
            "heading": "Läs mer",
            "links": [{"title": "Verksamhetsplanen", "url": "https://example.org/"}],
        }

    def render_email_html(self, value, context=None):
        return render_to_string("newsletter/email_links.html", {"value": value})

    def render_email_text(self, value, context=None):
        links = [f"- {link['title']}: {link['url']}" for link in value["links"]]
        return "\n".join([value["heading"].upper(), *links])


class NewsletterSectionsBlock(blocks.StreamBlock):
    rich_text = NewsletterRichTextBlock(
        label=_("Text"),
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        template="components/streamfield/paragraph_block.html",
        description=_("Running text with headings, links and lists."),
        preview_value="<p>Under året fortsätter vi arbetet med incitament.</p>",
    )
    image = NewsletterImageBlock()
    featured_case_study = FeaturedCaseStudyBlock()
    featured_event = FeaturedEventBlock()
    link_list = LinkListBlock()

    class Meta:
        template = "components/streamfield/body.html"


# The e-mail methods change nothing that is stored, so migrations record the text block as
# Wagtail's own, as Wagtail does for every StructBlock and StreamBlock subclass.
DECONSTRUCT_ALIASES = {NewsletterRichTextBlock: "wagtail.blocks.RichTextBlock"}
