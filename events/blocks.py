from datetime import time

from django.utils.translation import gettext_lazy as _

from wagtail import blocks

from hub.blocks import RICH_TEXT_FEATURES, DocumentBlock, LinkBlock, VideoBlock


class AgendaItemBlock(blocks.StructBlock):
    time = blocks.TimeBlock(label=_("Starts"), format="%H:%M")
    end_time = blocks.TimeBlock(label=_("Ends"), required=False, format="%H:%M")
    title = blocks.CharBlock(label=_("What happens"), max_length=200)
    description = blocks.TextBlock(label=_("Details"), required=False)

    class Meta:
        icon = "time"
        template = "components/streamfield/agenda_item_block.html"
        label = _("Programme item")
        description = _("One point of the programme, with its time in Swedish time.")
        preview_value = {"time": time(9, 30), "end_time": time(10, 0), "title": "Välkommen"}


class ProgrammeBlock(blocks.StreamBlock):
    item = AgendaItemBlock()

    class Meta:
        template = "components/streamfield/programme.html"


class WorkshopSessionBlock(blocks.StructBlock):
    """A round of group work, such as 'bikupor': small groups around a few questions."""

    title = blocks.CharBlock(label=_("Title"), max_length=150)
    duration = blocks.IntegerBlock(
        label=_("Duration in minutes"), min_value=1, max_value=480, required=False
    )
    instructions = blocks.RichTextBlock(label=_("Instructions"), features=RICH_TEXT_FEATURES)
    questions = blocks.ListBlock(
        blocks.CharBlock(label=_("Question"), max_length=300),
        label=_("Questions to discuss"),
        min_num=1,
    )
    facilitator_notes = blocks.RichTextBlock(
        label=_("Notes for the facilitator"), required=False, features=RICH_TEXT_FEATURES
    )

    class Meta:
        icon = "group"
        template = "components/streamfield/workshop_session_block.html"
        label = _("Workshop session")
        description = _("A group exercise with its questions, ready to print for the tables.")
        preview_value = {
            "title": "Bikupor",
            "duration": 10,
            "instructions": "<p>Prata i smågrupper vid bordet.</p>",
            "questions": ["Vad tar du med dig från dagen?", "Vad är nästa steg?"],
        }


class RecordingBlock(VideoBlock):
    class Meta:
        label = _("Recording")
        description = _("A recording of the event; it loads only after a click.")


class MaterialStreamBlock(blocks.StreamBlock):
    workshop_session = WorkshopSessionBlock()
    document = DocumentBlock()
    link = LinkBlock()
    recording = RecordingBlock()

    class Meta:
        template = "components/streamfield/material.html"
