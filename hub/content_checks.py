"""Checks on what editors write, shown in the admin's page form when a page is saved.

They live in the form rather than in `Page.clean()`: Wagtail cleans a page again whenever it
publishes a revision, and an older page that breaks a newer rule must still publish, open and
save with the error shown to the editor.
"""

from django.core.validators import MaxLengthValidator
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm

# Search engines show about this much of a page's title and meta description.
SEO_TITLE_MAX_LENGTH = 70
META_DESCRIPTION_MAX_LENGTH = 160


class LengthValidator(MaxLengthValidator):
    message = _(
        "Keep this to %(limit_value)d characters; listings and search engines cut what is "
        "longer (it has %(show_value)d)."
    )


def limit_length(field, limit):
    """Refuse text longer than `limit`, and say so in the field's help text and input."""
    # One message, ours, in place of the one a model field's own max_length gives.
    field.validators = [v for v in field.validators if not isinstance(v, MaxLengthValidator)]
    field.validators.append(LengthValidator(limit))
    field.widget.attrs["maxlength"] = str(limit)
    note = format_lazy(_("At most {limit} characters."), limit=limit)
    field.help_text = format_lazy("{} {}", field.help_text, note) if field.help_text else note


class ContentChecksPageForm(WagtailAdminPageForm):
    """The page form with the lengths of a page's title for search engines, its meta
    description and the summary its model names in `text_limits`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limits = {
            "seo_title": SEO_TITLE_MAX_LENGTH,
            "search_description": META_DESCRIPTION_MAX_LENGTH,
            **getattr(self._meta.model, "text_limits", {}),
        }
        for name, limit in limits.items():
            if name in self.fields:
                limit_length(self.fields[name], limit)
