from django.utils.translation import gettext_lazy as _

from wagtail import blocks


class KeyFigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(
        label=_("Figure"), max_length=20, help_text=_("For example 40 or ca 25.")
    )
    unit = blocks.CharBlock(label=_("Unit"), max_length=30, required=False)
    label = blocks.CharBlock(
        label=_("What it counts"), max_length=100, help_text=_("For example 'local actors'.")
    )

    class Meta:
        icon = "snippet"
        template = "components/streamfield/key_figure_block.html"
        label = _("Key figure")
        description = _("A number that sums up the work, with what it counts.")
        preview_value = {"value": "40", "unit": "", "label": "lokala aktörer"}


class KeyFiguresBlock(blocks.StreamBlock):
    figure = KeyFigureBlock()

    class Meta:
        template = "components/streamfield/key_figures.html"
