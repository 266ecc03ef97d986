"""The admin's image upload form (WAGTAILIMAGES_IMAGE_FORM_BASE): Wagtail's, with a file field
that counts an image's pixels before anything decodes it.

Wagtail compares the pixel count with WAGTAILIMAGES_MAX_IMAGE_PIXELS only after it has decoded
the whole picture, so a PNG of a few hundred kilobytes that claims a billion pixels would take
gigabytes of memory first, and a truncated file would end the upload in a server error.
"""

import struct
import warnings

from PIL import Image as PILImage

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

# What Pillow raises for a file it cannot parse or decode (truncated, corrupt, not an image).
UNREADABLE = (OSError, SyntaxError, ValueError, struct.error, PILImage.DecompressionBombError)


class ImageFileField(WagtailImageField):
    """Too many pixels is read from the header; an unreadable picture is a form error."""

    def to_python(self, data):
        if data not in self.empty_values and hasattr(data, "seek"):
            self.check_header_pixels(data)
        try:
            return super().to_python(data)
        except UNREADABLE as error:
            raise ValidationError(self.error_messages["invalid_image"], code="invalid_image") from (
                error
            )

    def check_header_pixels(self, data):
        if self.max_image_pixels is None:
            return
        try:
            with warnings.catch_warnings():
                # Pillow's own warning threshold is not ours; the count is compared below.
                warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
                with PILImage.open(data) as image:  # reads the header only
                    width, height = image.size
        except PILImage.DecompressionBombError:
            # Past twice Pillow's limit, it will not even say how many.
            self.refuse_pixels(None)
        except UNREADABLE:
            return  # Wagtail's checks name what is wrong with it
        finally:
            data.seek(0)
        if width * height > self.max_image_pixels:
            self.refuse_pixels(width * height)

    def refuse_pixels(self, count):
        raise ValidationError(
            self.error_messages["file_too_many_pixels"]
            % {
                "num_pixels": count if count is not None else _("unknown number"),
                "max_pixels_count": self.max_image_pixels,
            },
            code="file_too_many_pixels",
        )


class ImageForm(BaseImageForm):
    """Wagtail's image form for every upload view: add, multiple upload and the chooser's."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        file = self.fields.get("file")
        if isinstance(file, WagtailImageField):
            self.fields["file"] = ImageFileField(
                label=file.label, required=file.required, widget=file.widget
            )
