"""What the site benchmark adds to the generated pages: images, documents, tags and series.

The search benchmark does without them. Everything here draws from its own seeded
`random.Random`, so the pages' text is the same with or without extras, and the same seed gives
the same extras.
"""

import io
import random
import sys
import time
import uuid
from dataclasses import dataclass
from datetime import datetime

from PIL import Image as PillowImage
from PIL import ImageDraw
from taggit.models import Tag

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils.text import slugify

from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from bench import vocabulary as words
from hub.demo.pdf import simple_pdf
from hub.images import BODY_IMAGE, CARD_IMAGE, MAIN_IMAGE, renditions_of
from hub.models import Municipality
from hub.timezones import STOCKHOLM

IMAGE_SIZE = (1200, 675)
SERIES_FORMATS = ["Webbfika om {topic}", "Klimatfrukost i {place}", "Nätverksträff: {topic}"]


@dataclass
class ExtraSizes:
    images: int = 300
    body_images: int = 40  # of those, the ones also used in event bodies
    documents: int = 120
    tags: int = 500  # distinct tags in all, the generator's own included
    series: int = 24


def log(message):
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def picture(rng, number):
    """A small landscape picture: a two-colour gradient with a few shapes, JPEG or PNG."""
    width, height = IMAGE_SIZE
    top = tuple(rng.randint(40, 220) for _ in range(3))
    bottom = tuple(rng.randint(40, 220) for _ in range(3))
    canvas = PillowImage.new("RGB", IMAGE_SIZE)
    draw = ImageDraw.Draw(canvas)
    for y in range(0, height, 5):
        share = y / height
        colour = tuple(int(a + (b - a) * share) for a, b in zip(top, bottom, strict=True))
        draw.rectangle([0, y, width, y + 5], fill=colour)
    for _ in range(rng.randint(3, 7)):
        x, y, size = rng.randint(0, width), rng.randint(0, height), rng.randint(40, 260)
        fill = tuple(rng.randint(0, 255) for _ in range(3))
        draw.ellipse([x, y, x + size, y + size], fill=fill)
    output = io.BytesIO()
    if number % 5 == 0:
        canvas.quantize(64).save(output, "PNG", optimize=False)
        return output.getvalue(), "png"
    canvas.save(output, "JPEG", quality=80)
    return output.getvalue(), "jpg"


def extra_tag_names(count):
    """Tag names beyond the generator's own: topics, then places, then topics in a year."""
    topics = sorted({topic for theme in words.THEMES.values() for topic in theme["topics"]})
    places = list(Municipality.objects.order_by("code").values_list("name", flat=True))
    names = [name for name in topics + places if name not in words.TAGS]
    year = 2015
    while len(names) < count:
        names += [f"{topic} {year}" for topic in topics]
        year += 1
    return names[:count]


class Extras:
    def __init__(self, seed, sizes=None):
        # Seeded for reproducible content; nothing here is a secret.
        self.rng = random.Random(f"extras-{seed}")  # noqa: S311
        self.sizes = sizes or ExtraSizes()
        self.image_ids, self.body_image_ids, self.document_ids = [], [], []
        self.tag_ids, self.tag_weights, self.series = [], [], []

    def prepare(self, generator):
        """Images, documents and tags, before any page is made."""
        started = time.perf_counter()
        self.make_images()
        self.make_documents()
        self.make_tags(generator)
        log(
            f"  extras: {len(self.image_ids)} images, {len(self.document_ids)} documents, "
            f"{len(self.tag_ids)} more tags ({time.perf_counter() - started:.1f} s)"
        )

    def make_images(self):
        image_model = get_image_model()
        for number in range(1, self.sizes.images + 1):
            data, extension = picture(self.rng, number)
            image = image_model(
                title=f"Bild {number}",
                file=ImageFile(io.BytesIO(data), name=f"bench-{number}.{extension}"),
            )
            image.save()
            self.image_ids.append(image.pk)
            if number % 100 == 0:
                log(f"  images: {number}/{self.sizes.images}")
        self.body_image_ids = self.image_ids[: self.sizes.body_images]

    def make_documents(self):
        document_model = get_document_model()
        for number in range(1, self.sizes.documents + 1):
            title = f"Presentation {number}"
            slides = [f"{title}\n" + "\n".join(self.rng.sample(words.LESSONS, 2))] * 3
            document = document_model(title=title)
            document.file.save(f"bench-{number}.pdf", ContentFile(simple_pdf(slides, title)))
            self.document_ids.append(document.pk)

    def make_tags(self, generator):
        names = extra_tag_names(max(0, self.sizes.tags - len(generator.tags)))
        for rank, name in enumerate(names, start=1):
            self.tag_ids.append(Tag.objects.create(name=name).pk)
            # A few tags on many pages, most on a handful.
            self.tag_weights.append(1 / rank)

    def pre_render(self):
        """The renditions the cards, pages and body images ask for (hub/images.py), as on a
        site that has been visited."""
        started = time.perf_counter()
        images = get_image_model().objects.filter(pk__in=self.image_ids).order_by("pk")
        body = set(self.body_image_ids)
        listed = [*renditions_of(CARD_IMAGE), *renditions_of(MAIN_IMAGE)]
        count = 0
        for image in images:
            count += len(image.get_renditions(*listed))
            if image.pk in body:
                count += len(image.get_renditions(*renditions_of(BODY_IMAGE)))
        log(f"  renditions: {count} ({time.perf_counter() - started:.1f} s)")

    # Per page

    def series_pages(self, generator, model):
        """Unsaved series pages for the calendar; the generator inserts them."""
        pages = []
        for number in range(1, self.sizes.series + 1):
            theme = self.rng.choice(list(words.THEMES.values()))
            title = self.rng.choice(SERIES_FORMATS).format(
                topic=self.rng.choice(theme["topics"]), place=generator.place().name
            )
            published = datetime(2017, 1, 1, 9, 0, tzinfo=STOCKHOLM)
            pages.append(
                model(
                    title=title,
                    slug=f"{slugify(title)[:60]}-{number}",
                    locale=generator.sv,
                    translation_key=self.new_uuid(),
                    introduction=f"{title}: en återkommande träff i nätverket.",
                    first_published_at=published,
                )
            )
        return pages

    def new_uuid(self):
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def listing_image(self, page):
        if self.image_ids and self.rng.random() < 0.7:
            page.listing_image_id = self.rng.choice(self.image_ids)
            page.listing_image_alt = "Deltagare i projektet"

    @staticmethod
    def translated_image(page, translation):
        """A translation keeps the image, as wagtail-localize does, with English text."""
        if page.listing_image_id:
            translation.listing_image_id = page.listing_image_id
            translation.listing_image_alt = "Participants in the project"

    def event_series_id(self):
        if self.series and self.rng.random() < 0.3:
            return self.rng.choice(self.series).pk
        return None

    def event_body(self):
        if self.body_image_ids and self.rng.random() < 0.2:
            image = {"image": self.rng.choice(self.body_image_ids), "alt_text": "Från träffen"}
            return [("image", {**image, "caption": ""})]
        return []

    def event_material(self, past):
        if not (past and self.document_ids and self.rng.random() < 0.3):
            return []
        chosen = self.rng.sample(self.document_ids, self.rng.randint(1, 2))
        return [("document", {"document": pk, "title": ""}) for pk in chosen]

    def more_tags(self, tag_ids):
        """`tag_ids` with up to two tags from the long list, without repeats."""
        if not self.tag_ids:
            return tag_ids
        extra = self.rng.choices(self.tag_ids, weights=self.tag_weights, k=self.rng.randint(0, 2))
        return sorted(set(tag_ids) | set(extra))
