"""The main image a content page may carry: at the top of the page, on its cards, when shared."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel


class ListingImageMixin(models.Model):
    """An image with its alternative text, required once an image is chosen.

    wagtail-localize keeps the image the same in every translation (a foreign key to an
    untranslated model is synchronised) and offers the alternative text for translation.
    List it before PagePresentationMixin, whose pages have no share image.
    """

    listing_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("listing image"),
    )
    listing_image_alt = models.CharField(
        _("listing image alternative text"),
        max_length=250,
        blank=True,
        help_text=_("Required with a listing image: describe what it shows."),
    )

    share_image_field = "listing_image"
    share_image_alt_field = "listing_image_alt"

    class Meta:
        abstract = True

    @classmethod
    def listing_image_panel(cls):
        return MultiFieldPanel(
            [FieldPanel("listing_image"), FieldPanel("listing_image_alt")],
            heading=_("Listing image"),
        )

    def listing_image_errors(self):
        """{field: message} for the page's `clean` to raise with its own errors."""
        if self.listing_image_id and not self.listing_image_alt.strip():
            return {
                "listing_image_alt": _("Describe the listing image for people who cannot see it.")
            }
        return {}
