"""Draw the site's default sharing image and logo (hub/static/hub/img/share-*.png).

Run once when the look changes and commit the PNGs: `python scripts/draw_share_images.py`.
The lettering is DejaVu Sans Bold (free licence, Debian's fonts-dejavu-core).
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

BRAND, BRAND_DARK, ACCENT = "#0b5d3b", "#073f28", "#f3f7f4"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
OUT = Path(__file__).resolve().parent.parent / "hub" / "static" / "hub" / "img"


def leaf(draw, x, y, size):
    """The favicon's leaf on a circle, scaled from its 32-unit drawing to `size` pixels."""
    scale = size / 32
    draw.ellipse([x + scale, y + scale, x + 31 * scale, y + 31 * scale], fill=ACCENT)
    points = [
        (9, 20),
        (13, 12),
        (19, 9.5),
        (24, 9),
        (22, 16),
        (18, 20.5),
        (11, 22),
        (9, 25),
        (8, 24),
    ]
    draw.polygon([(x + px * scale, y + py * scale) for px, py in points], fill=BRAND)


def share_image():
    image = Image.new("RGB", (1200, 630), BRAND)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 560, 1200, 630], fill=BRAND_DARK)
    leaf(draw, 80, 195, 220)
    draw.text((340, 240), "Klimathubben", font=ImageFont.truetype(FONT, 92), fill=ACCENT)
    draw.text(
        (344, 370),
        "Kommuner som delar klimatarbete",
        font=ImageFont.truetype(FONT, 40),
        fill=ACCENT,
    )
    image.save(OUT / "share-default.png", optimize=True)


def logo():
    image = Image.new("RGB", (512, 512), BRAND)
    leaf(ImageDraw.Draw(image), 56, 56, 400)
    image.save(OUT / "share-logo.png", optimize=True)


if __name__ == "__main__":
    share_image()
    logo()
