"""Blocks shared by every content type: the one body StreamBlock and its parts."""

import re
from urllib.parse import parse_qs, urlparse

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from hub import block_previews

RICH_TEXT_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link", "document-link"]
SHORT_RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link"]

YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")


def parse_video_url(url):
    """Return (provider name, privacy-friendly embed URL) for a YouTube or Vimeo URL, else None."""
    parsed = urlparse(url or "")
    host = (parsed.hostname or "").removeprefix("www.").removeprefix("m.")
    video_id = None
    if host in {"youtube.com", "youtube-nocookie.com"}:
        if parsed.path == "/watch":
            video_id = parse_qs(parsed.query).get("v", [""])[0]
        elif parsed.path.startswith(("/embed/", "/shorts/", "/live/")):
            video_id = parsed.path.split("/")[2]
    elif host == "youtu.be":
        video_id = parsed.path.lstrip("/").split("/")[0]
    if video_id and YOUTUBE_ID.match(video_id):
        return "YouTube", f"https://www.youtube-nocookie.com/embed/{video_id}"
    if host in {"vimeo.com", "player.vimeo.com"}:
        digits = [part for part in parsed.path.split("/") if part.isdigit()]
        if digits:
            return "Vimeo", f"https://player.vimeo.com/video/{digits[0]}?dnt=1"
    return None


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=150)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section heading (H2)")), ("h3", _("Subheading (H3)"))],
        default="h2",
    )

    def get_searchable_content(self, value):
        # The level is layout: "Section heading (H2)" would turn up in search excerpts.
        return [value["text"]] if self.search_index else []

    class Meta:
        icon = "title"
        template = "components/streamfield/heading_block.html"
        label = _("Heading")
        description = _("A heading that starts a new section of the text.")
        preview_value = {"text": "Så kom arbetet i gång", "level": "h2"}


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Who said it"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "components/streamfield/quote_block.html"
        label = _("Quote")
        description = _("A quotation with the name or role of the person who said it.")
        preview_value = {
            "quote": "Det viktiga är att vi kommer framåt tillsammans.",
            "attribution": "Projektledare",
        }


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        required=False,
        max_length=250,
        help_text=_("Describe what the image shows for people who cannot see it."),
    )
    decorative = blocks.BooleanBlock(
        label=_("Decorative only"),
        required=False,
        help_text=_(
            "Tick only if the image adds nothing to the text; screen readers then skip it "
            "and it needs no alternative text."
        ),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "components/streamfield/image_block.html"
        label = _("Image")
        description = _("An image with alternative text and an optional caption.")
        preview_value = {"alt_text": "Deltagare samlade kring ett bord", "caption": "Bikupor"}

    def clean(self, value):
        value = super().clean(value)
        if not value["decorative"] and not value["alt_text"].strip():
            raise blocks.StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(
                        _("Describe the image, or mark it as decorative only.")
                    )
                }
            )
        return value

    def get_preview_value(self):
        return block_previews.with_preview_content(self, image=block_previews.first_image())


class VideoBlock(blocks.StructBlock):
    url = blocks.URLBlock(
        label=_("Video address"),
        help_text=_("A YouTube or Vimeo address. The video loads only when a visitor asks for it."),
    )
    title = blocks.CharBlock(
        label=_("Title"),
        max_length=200,
        help_text=_("What the video is about; read out by screen readers."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "media"
        template = "components/streamfield/video_block.html"
        label = _("Video")
        description = _("A YouTube or Vimeo video that loads only after a click.")
        preview_value = {
            "url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
            "title": "Så fungerar ett lokalt klimatkontrakt",
        }

    def clean(self, value):
        value = super().clean(value)
        if parse_video_url(value["url"]) is None:
            raise blocks.StructBlockValidationError(
                block_errors={"url": ValidationError(_("Give a YouTube or Vimeo video address."))}
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["provider"], context["embed_url"] = parse_video_url(value["url"]) or ("", "")
        return context


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"),
        required=False,
        max_length=200,
        help_text=_("Leave empty to use the document's own title."),
    )

    def get_searchable_content(self, value):
        """Both the link text and the document's own title, so a search finds the material."""
        document = value.get("document")
        return [text for text in (value.get("title"), document and document.title) if text]

    class Meta:
        icon = "doc-full"
        template = "components/streamfield/document_block.html"
        label = _("Document")
        description = _("A downloadable file, shown with its type and size.")
        preview_value = {"title": "Presentation från slutkonferensen"}

    def get_preview_value(self):
        document = block_previews.first_document()
        # The document's own title, as the block shows it when the link text is left empty.
        return block_previews.with_preview_content(self, document=document, title="")


class CalloutBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=150)
    text = blocks.RichTextBlock(label=_("Text"), features=SHORT_RICH_TEXT_FEATURES)

    class Meta:
        icon = "pick"
        template = "components/streamfield/callout_block.html"
        label = _("Call-out")
        description = _("A highlighted box for a tip, a key lesson or an invitation.")
        preview_value = {
            "heading": "Tips",
            "text": "<p>Börja med de företag som redan vill vara med.</p>",
        }


class BodyStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Text"),
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        template="components/streamfield/paragraph_block.html",
        description=_("Running text with links and lists."),
        preview_value="<p>Kommunen bjöd in företagen till en första träff.</p>",
    )
    quote = QuoteBlock()
    image = ImageBlock()
    video = VideoBlock()
    document = DocumentBlock()
    call_out = CalloutBlock()

    class Meta:
        template = "components/streamfield/body.html"


class LatestContentBlock(blocks.StructBlock):
    """The newest items of a listing page: case studies, coming events, newsletter issues."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=150)
    source = blocks.PageChooserBlock(
        label=_("Listing page"),
        help_text=_("The page whose newest items are shown, for example the case study library."),
    )
    count = blocks.IntegerBlock(label=_("Number of items"), min_value=1, max_value=12, default=3)
    link_text = blocks.CharBlock(
        label=_("Link text"),
        required=False,
        max_length=100,
        help_text=_("Text of the link to the listing page, such as 'All case studies'."),
    )

    class Meta:
        icon = "list-ul"
        template = "components/streamfield/latest_content_block.html"
        label = _("Latest from a listing")
        description = _("Shows the newest items of a listing page; it stays current by itself.")
        preview_value = {"heading": "Nya exempel", "count": 3, "link_text": "Alla exempel"}

    def get_preview_value(self):
        library = block_previews.first_live_page("casestudies.CaseStudyIndexPage", ["pk"])
        return block_previews.with_preview_content(self, source=library)

    def clean(self, value):
        value = super().clean(value)
        source = value.get("source")
        if source is not None and not hasattr(source.specific_class, "get_listing_items"):
            raise blocks.StructBlockValidationError(
                block_errors={"source": ValidationError(_("This page has no items to list."))}
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        source = value["source"]
        items = []
        if source is not None:
            # Editors choose the page in the source language; show the visitor's translation.
            source = source.specific.localized
        if source is not None and source.live and hasattr(source, "get_listing_items"):
            items = list(source.get_listing_items(value["count"]))
        context["source_page"] = source
        context["items"] = items
        return context


class TextSectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=150)
    text = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "doc-full"
        template = "components/streamfield/text_section_block.html"
        label = _("Text section")
        description = _("A heading with running text.")
        preview_value = {
            "heading": "Om nätverket",
            "text": "<p>Kommuner och regioner delar med sig av hur de minskar utsläppen.</p>",
        }


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=150)
    text = blocks.TextBlock(label=_("Text"), required=False)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(
        label=_("Or an external address"),
        required=False,
        help_text=_("Used when no page is chosen."),
    )
    button_text = blocks.CharBlock(label=_("Button text"), max_length=60)

    class Meta:
        icon = "pick"
        template = "components/streamfield/call_to_action_block.html"
        label = _("Call to action")
        description = _("A short invitation with a prominent link.")
        preview_value = {
            "heading": "Dela ert exempel",
            "text": "Har er kommun samarbetat med näringslivet? Berätta hur.",
            "url": "https://example.org/",
            "button_text": "Kontakta oss",
        }

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choose a page or give an address."))}
            )
        return value


class HomeSectionsBlock(blocks.StreamBlock):
    latest = LatestContentBlock()
    text = TextSectionBlock()
    call_to_action = CallToActionBlock()

    class Meta:
        template = "components/streamfield/sections.html"


class LinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Link text"), max_length=150)
    url = blocks.URLBlock(label=_("Address"))

    class Meta:
        icon = "link-external"
        template = "components/streamfield/link_block.html"
        label = _("Link")
        description = _("A link to another website, such as the project's own page.")
        preview_value = {"title": "Projektets webbplats", "url": "https://example.org/"}


class LinksBlock(blocks.StreamBlock):
    link = LinkBlock()

    class Meta:
        template = "components/streamfield/links.html"
