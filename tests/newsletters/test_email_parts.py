"""Every newsletter section has an e-mail form, and every kind shows up in a real e-mail."""

from datetime import date, datetime

import pytest
import wagtail_factories

from wagtail import blocks

from hub.models import NewsletterIssuePage
from hub.newsletters.blocks import EmailSectionBlock
from hub.newsletters.email import render_issue_email
from hub.timezones import STOCKHOLM
from tests.factories import (
    EventIndexPageFactory,
    NewsletterIssuePageFactory,
    SubscriberFactory,
    ThemeFactory,
    case_study,
    event,
)


def has_email_parts(block):
    """Both e-mail methods, written for this block."""
    return all(
        callable(getattr(type(block), method, None))
        for method in ("render_email_html", "render_email_text")
    )


def sections_without_email_parts(stream, path="sections"):
    """The dotted path of every section under `stream` that lacks an e-mail part.

    A section that is itself a stream (or a list of one) holds sections, so its children are
    checked too; a StructBlock's fields are its own business and render through it.
    """
    for name, child in stream.child_blocks.items():
        where = f"{path}.{name}"
        if not has_email_parts(child):
            yield where
        if isinstance(child, blocks.ListBlock):
            child = child.child_block
        if isinstance(child, blocks.StreamBlock):
            yield from sections_without_email_parts(child, where)


def test_every_section_block_renders_html_and_text_email_parts():
    """A new kind of section cannot be left out of the e-mail without this failing."""
    stream = NewsletterIssuePage._meta.get_field("sections").stream_block
    assert stream.child_blocks  # the walk below has something to walk
    assert list(sections_without_email_parts(stream)) == []


def test_the_check_finds_sections_without_email_parts():
    """A plain block, also one nested in a group of sections, is reported."""

    class PartialBlock(EmailSectionBlock, blocks.CharBlock):
        def render_email_html(self, value, context=None):
            return value

    class Group(blocks.StreamBlock):
        quote = blocks.TextBlock()

    class Sections(blocks.StreamBlock):
        text = blocks.RichTextBlock()
        partial = PartialBlock()
        group = Group()
        groups = blocks.ListBlock(Group())

    assert list(sections_without_email_parts(Sections())) == [
        "sections.text",
        "sections.partial",
        "sections.group",
        "sections.group.quote",
        "sections.groups",
        "sections.groups.quote",
    ]


# What each kind of section puts in the HTML and in the plain-text part of the e-mail.
EXPECTED = {
    "rich_text": ("<h2 style=", "Fokus"),  # the text's h3, the first heading after the h1
    "image": ('alt="Deltagare runt ett bord"', None),  # no picture in plain text
    "featured_case_study": (
        'href="http://testserver/sv/exempel/energicoach/"',
        "ENERGICOACH I LUND",
    ),
    "featured_event": (
        'href="http://testserver/sv/evenemang/webbfika/"',
        "WEBBFIKA OM INCITAMENT",
    ),
    "link_list": (
        '<a href="https://example.org/kalender" style="color:#0b5d3b;">Kalender</a>',
        "- Kalender: https://example.org/kalender",
    ),
}


@pytest.fixture
def issue_with_every_section(archive, library, home):
    """An issue with one section of every kind."""
    study = case_study(library, "Energicoach i Lund", slug="energicoach", themes=[ThemeFactory()])
    webbfika = event(
        EventIndexPageFactory(parent=home),
        "Webbfika om incitament",
        datetime(2030, 3, 12, 10, 0, tzinfo=STOCKHOLM),
        slug="webbfika",
    )
    image = wagtail_factories.ImageFactory(title="Workshop")
    links = [{"title": "Kalender", "url": "https://example.org/kalender"}]
    return NewsletterIssuePageFactory(
        parent=archive,
        slug="alla-delar",
        number=7,
        issue_date=date(2030, 3, 1),
        sections=[
            {"type": "rich_text", "value": "<h3>Fokus</h3><p>Året som gått.</p>"},
            {
                "type": "image",
                "value": {"image": image.pk, "alt_text": "Deltagare runt ett bord", "caption": ""},
            },
            {"type": "featured_case_study", "value": {"page": study.pk, "note": ""}},
            {"type": "featured_event", "value": {"page": webbfika.pk, "note": ""}},
            {"type": "link_list", "value": {"heading": "Läs mer", "links": links}},
        ],
    )


def test_the_email_test_covers_every_kind_of_section():
    """A new kind of section needs its line in EXPECTED, and so a test of its e-mail parts."""
    stream = NewsletterIssuePage._meta.get_field("sections").stream_block
    assert set(EXPECTED) == set(stream.child_blocks)


@pytest.mark.django_db
@pytest.mark.parametrize("block_type", EXPECTED)
def test_every_kind_of_section_is_in_a_sent_email(issue_with_every_section, block_type):
    """Each kind of section appears in the HTML and (images aside) in the plain text."""
    _subject, text, html = render_issue_email(issue_with_every_section, SubscriberFactory())
    in_html, in_text = EXPECTED[block_type]
    assert in_html in html
    if in_text is not None:
        assert in_text in text
    else:
        assert "Deltagare runt ett bord" not in text
