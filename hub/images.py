"""The image renditions that pages and lists show, read for a whole list at once.

Each is a `{% picture %}` spec (templates/components/): two widths in AVIF and WebP for the
browsers that read them, with a JPEG fallback. A JPEG fallback rather than PNG even for PNG
uploads: AVIF and WebP keep transparency, and Wagtail lays the JPEG on white, the colour the
images sit on. The main image's smaller width is the card's larger one, so a page and its
cards share three files.
"""

from django_tasks import task

from django.db import transaction

from wagtail.images import get_image_model
from wagtail.images.models import Filter, SourceImageIOError

from hub.fragments import remembered_html
from hub.versions import remember

# A card's image and a newsletter's featured page:
# `{% picture item.listing_image fill-{400x225,800x450} format-{avif,webp,jpeg} %}`.
CARD_IMAGE = "fill-{400x225,800x450}|format-{avif,webp,jpeg}"
# The main image at the top of a case study or event page.
MAIN_IMAGE = "fill-{800x450,1200x675}|format-{avif,webp,jpeg}"
# An image in a page's body (components/streamfield/image_block.html), in its own proportions.
BODY_IMAGE = "width-{800,1200}|format-{avif,webp,jpeg}"


def renditions_of(spec):
    """The filter specs a `{% picture %}` spec makes, one per rendition."""
    return Filter.expand_spec(spec)


def attach_card_renditions(pages):
    """Give the listing image of each page its card renditions, as Wagtail's prefetch does.

    Which renditions the images of a list have is remembered per content version (an edited
    image starts a new version), so a warm list reads none and a cold one reads them in one
    query, first making any that are missing, as the template would.
    """
    # Only images read with their pages (`for_cards()`): a list that does not show them, such
    # as the API's, must not read them one by one.
    images = {
        page.listing_image_id: page.listing_image
        for page in pages
        if page.listing_image_id and type(page).listing_image.is_cached(page)
    }
    if not images:
        return
    specs = renditions_of(CARD_IMAGE)
    Rendition = get_image_model().get_rendition_model()

    def read():
        wanted = {
            (pk, spec, Filter(spec).get_cache_key(image))
            for pk, image in images.items()
            for spec in specs
        }
        rows = Rendition.objects.filter(image_id__in=list(images), filter_spec__in=specs)
        rows = rows.values_list(
            "pk", "image_id", "filter_spec", "focal_point_key", "file", "width", "height"
        )
        rows = [row for row in rows if (row[1], row[2], row[3]) in wanted]
        found = {(row[1], row[2]) for row in rows}
        for pk, image in images.items():
            if all((pk, spec) in found for spec in specs):
                continue
            try:
                made = image.get_renditions(*specs).values()
            except SourceImageIOError:
                continue  # the template shows that the file is missing
            rows = [row for row in rows if row[1] != pk]
            rows += [
                (r.pk, pk, r.filter_spec, r.focal_point_key, r.file.name, r.width, r.height)
                for r in made
            ]
        return rows

    rows = remember(("card renditions", *sorted(images)), read)
    found = {}
    for row in rows:
        found.setdefault(row[1], []).append(row)
    for image_id, image_rows in found.items():
        if len(image_rows) == len(specs):
            images[image_id].prefetched_renditions = CardRenditions(images[image_id], image_rows)


class CardRenditions:
    """An image's prefetched card renditions, made into objects only when they are used: a
    card's picture is remembered per content version (hub/templatetags/picture_tags.py), so
    a warm list never uses them. Wagtail iterates over them and appends new ones."""

    def __init__(self, image, rows):
        self.image, self.rows, self.made = image, rows, None

    def renditions(self):
        if self.made is None:
            Rendition = get_image_model().get_rendition_model()
            self.made = []
            for pk, _image_id, spec, focal_point_key, file, width, height in self.rows:
                rendition = Rendition(
                    pk=pk,
                    filter_spec=spec,
                    focal_point_key=focal_point_key,
                    file=file,
                    width=width,
                    height=height,
                )
                rendition.image = self.image
                self.made.append(rendition)
        return self.made

    def __iter__(self):
        return iter(self.renditions())

    def append(self, rendition):
        self.renditions().append(rendition)


def main_image(page, request):
    """The `<picture>` of `page`'s main image, or "".

    Made once per content version (hub/fragments.py; an edited image starts a new one), so a
    warm request reads neither the image nor its renditions.
    """
    if not page.listing_image_id:
        return ""
    key = (page.pk, page.listing_image_id, page.listing_image_alt)
    return remembered_html(request, key, "components/main_image.html", lambda: {"page": page})


@task()
def make_renditions_task(image_id):
    """Make the card and main renditions of an image, so no visitor waits for them: an AVIF
    of the main image's size takes about a second to encode."""
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is None:
        return {"renditions": 0}
    try:
        made = image.get_renditions(*renditions_of(CARD_IMAGE), *renditions_of(MAIN_IMAGE))
    except SourceImageIOError:
        return {"renditions": 0}
    return {"renditions": len(made)}


def page_published(sender, instance, **kwargs):
    """A page with a main image was published (receiver of page_published): its renditions
    are made in the background once the transaction commits."""
    image_id = getattr(instance, "listing_image_id", None)
    if image_id:
        transaction.on_commit(lambda: make_renditions_task.enqueue(image_id=image_id), robust=True)
