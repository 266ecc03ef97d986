"""Demo pictures, drawn here with Pillow rather than fetched: flat illustrations of what the
case studies and events are about, so pages, cards and the editors' block previews show real
images. Drawn by the loader, they need no licence or credit.

`image(key)` finds one once `load` has made it; case_studies.toml and events.toml name them by
key.
"""

import io

from PIL import Image as PillowImage
from PIL import ImageDraw

from django.core.files.images import ImageFile

from wagtail.images import get_image_model

SIZE = (1200, 800)
SKY, GRASS, EARTH = (196, 226, 240), (110, 170, 95), (120, 96, 70)
SUN, STEEL, DARK = (250, 205, 80), (70, 90, 110), (40, 60, 60)


def sky_and_ground(draw, horizon, ground=GRASS):
    draw.rectangle([0, 0, SIZE[0], horizon], fill=SKY)
    draw.rectangle([0, horizon, SIZE[0], SIZE[1]], fill=ground)


def solar_roofs(draw):
    sky_and_ground(draw, 560)
    draw.ellipse([920, 80, 1080, 240], fill=SUN)
    for left in (120, 520):
        draw.rectangle([left, 420, left + 340, 600], fill=(230, 225, 215))
        draw.polygon([(left - 30, 420), (left + 170, 270), (left + 370, 420)], fill=(150, 70, 60))
        for row in range(3):
            for column in range(4):
                x, y = left + 40 + column * 60, 330 + row * 28
                draw.rectangle([x, y, x + 52, y + 22], fill=(35, 60, 120), outline=(200, 210, 230))


def wind_turbines(draw):
    sky_and_ground(draw, 600)
    draw.ellipse([-200, 520, 700, 900], fill=(95, 155, 85))
    for x, height in ((300, 420), (700, 360), (1000, 300)):
        top = 600 - height
        draw.polygon(
            [(x - 10, 600), (x + 10, 600), (x + 4, top), (x - 4, top)], fill=(245, 245, 245)
        )
        for end in ((x, top - 150), (x - 130, top + 75), (x + 130, top + 75)):
            draw.line([(x, top), end], fill=(245, 245, 245), width=12)
        draw.ellipse([x - 12, top - 12, x + 12, top + 12], fill=(220, 220, 220))


def bicycle(draw):
    sky_and_ground(draw, 500, ground=(150, 150, 150))
    draw.rectangle([0, 620, SIZE[0], 640], fill=(250, 250, 250))
    for x in (380, 820):
        draw.ellipse([x - 150, 440, x + 150, 740], outline=DARK, width=14)
    frame = [(380, 590), (560, 590), (700, 430), (500, 430), (380, 590)]
    draw.line(frame, fill=(200, 60, 50), width=16)
    draw.line([(560, 590), (480, 390), (440, 390)], fill=(200, 60, 50), width=14)
    draw.line([(700, 430), (820, 590)], fill=(200, 60, 50), width=16)
    draw.line([(700, 430), (690, 370), (760, 360)], fill=DARK, width=12)


def forest(draw):
    sky_and_ground(draw, 520, ground=EARTH)
    draw.ellipse([60, 60, 200, 200], fill=SUN)
    for index, x in enumerate(range(40, 1200, 140)):
        height = 260 + (index * 53) % 120
        draw.polygon([(x, 560), (x + 120, 560), (x + 60, 560 - height)], fill=(40, 110, 60))
        draw.rectangle([x + 52, 560, x + 68, 600], fill=(90, 60, 40))
    for y in range(640, 800, 40):
        draw.line([(0, y), (SIZE[0], y + 10)], fill=(100, 80, 58), width=6)


def industry(draw):
    sky_and_ground(draw, 620, ground=(170, 170, 160))
    for left, width, height in ((80, 300, 260), (480, 260, 320), (840, 280, 220)):
        draw.rectangle([left, 620 - height, left + width, 620], fill=STEEL)
        draw.rectangle([left + 30, 620 - height - 120, left + 70, 620 - height], fill=STEEL)
    # The pipes between the plants: one plant's surplus heat or material is the next one's input.
    draw.line([(380, 480), (480, 480)], fill=(230, 120, 40), width=22)
    draw.line([(740, 520), (840, 520)], fill=(230, 120, 40), width=22)


def conference(draw):
    """A stage with a screen and rows of listeners, for conferences and theme meetings."""
    draw.rectangle([0, 0, SIZE[0], SIZE[1]], fill=(235, 230, 220))
    draw.rectangle([0, 560, SIZE[0], SIZE[1]], fill=(150, 110, 80))
    draw.rectangle([300, 80, 900, 420], fill=(250, 250, 250), outline=STEEL, width=10)
    draw.line([(360, 360), (480, 280), (600, 320), (720, 200), (840, 160)], fill=GRASS, width=14)
    for row, y in enumerate((560, 660, 760)):
        for x in range(60 + row * 40, SIZE[0], 160):
            draw.ellipse([x, y - 90, x + 60, y - 30], fill=(90, 70, 60))
            draw.rounded_rectangle([x - 20, y - 40, x + 80, y + 40], radius=30, fill=DARK)


def online_meeting(draw):
    """A laptop with faces on its screen and a cup of coffee, for webinars and online coffee."""
    draw.rectangle([0, 0, SIZE[0], SIZE[1]], fill=SKY)
    draw.rectangle([0, 600, SIZE[0], SIZE[1]], fill=(190, 150, 110))
    draw.rectangle([240, 160, 860, 560], fill=DARK)
    draw.polygon([(160, 600), (940, 600), (860, 560), (240, 560)], fill=STEEL)
    for index, (x, y) in enumerate(((270, 190), (560, 190), (270, 380), (560, 380))):
        draw.rectangle([x, y, x + 270, y + 160], fill=((230, 240, 250), (250, 235, 220))[index % 2])
        draw.ellipse([x + 105, y + 30, x + 165, y + 90], fill=(200, 150, 120))
        draw.pieslice([x + 75, y + 90, x + 195, y + 210], 180, 360, fill=GRASS)
    draw.rectangle([980, 470, 1080, 600], fill=(250, 250, 250))
    draw.arc([1060, 490, 1120, 560], -90, 90, fill=(250, 250, 250), width=12)
    for x in (1005, 1035):
        draw.line([(x, 450), (x + 10, 400), (x, 350)], fill=(170, 170, 170), width=6)


def workshop(draw):
    """A table with notes in groups, for workshops."""
    draw.rectangle([0, 0, SIZE[0], SIZE[1]], fill=(245, 240, 230))
    draw.ellipse([100, 200, 1100, 700], fill=(200, 160, 110))
    colours = ((250, 220, 90), (150, 210, 140), (240, 160, 150), (150, 190, 230))
    for group, (left, top) in enumerate(((260, 320), (560, 280), (800, 380), (420, 480))):
        for index in range(4):
            x, y = left + (index % 2) * 90, top + (index // 2) * 90
            draw.rectangle([x, y, x + 75, y + 75], fill=colours[(group + index) % 4])
    for x, y in ((80, 60), (520, 40), (980, 80), (60, 680), (1040, 640)):
        draw.ellipse([x, y, x + 110, y + 110], fill=(90, 70, 60))


PICTURES = {
    "solceller": ("Solceller på hustak (illustration)", solar_roofs),
    "vindkraft": ("Vindkraftverk i ett odlingslandskap (illustration)", wind_turbines),
    "cykel": ("Cykel på väg till jobbet (illustration)", bicycle),
    "skog": ("Skog och åkermark (illustration)", forest),
    "industri": ("Industrier som delar på värme och material (illustration)", industry),
    "konferens": ("Publik framför en scen med en skärm (illustration)", conference),
    "webbfika": ("Webbfika vid datorn med en kopp kaffe (illustration)", online_meeting),
    "workshop": ("Lappar i grupper på ett bord (illustration)", workshop),
}

# What each picture shows, for people who cannot see it: the pages' alternative text.
ALT_TEXT = {
    "solceller": {
        "sv": "Tecknad bild av två hus med solceller på taken en solig dag.",
        "en": "Drawing of two houses with solar panels on their roofs on a sunny day.",
    },
    "vindkraft": {
        "sv": "Tecknad bild av tre vindkraftverk i ett grönt landskap.",
        "en": "Drawing of three wind turbines in a green landscape.",
    },
    "cykel": {
        "sv": "Tecknad bild av en röd cykel på en gata med cykelbana.",
        "en": "Drawing of a red bicycle on a street with a cycle lane.",
    },
    "skog": {
        "sv": "Tecknad bild av granskog vid kanten av en plöjd åker.",
        "en": "Drawing of a spruce forest at the edge of a ploughed field.",
    },
    "industri": {
        "sv": "Tecknad bild av tre fabriker som är förbundna med rör.",
        "en": "Drawing of three factories joined by pipes.",
    },
    "konferens": {
        "sv": "Tecknad bild av publik som ser på ett diagram på en skärm vid scenen.",
        "en": "Drawing of an audience looking at a chart on a screen by the stage.",
    },
    "webbfika": {
        "sv": "Tecknad bild av en bärbar dator med fyra deltagare på skärmen och en kopp kaffe.",
        "en": "Drawing of a laptop showing four participants, beside a cup of coffee.",
    },
    "workshop": {
        "sv": "Tecknad bild ovanifrån av ett bord med lappar i fyra grupper och folk runt om.",
        "en": "Drawing from above of a table with notes in four groups and people around it.",
    },
}


def picture(draw_picture):
    canvas = PillowImage.new("RGB", SIZE, SKY)
    draw_picture(ImageDraw.Draw(canvas))
    data = io.BytesIO()
    canvas.save(data, "PNG", optimize=True)
    return data.getvalue()


def image(key):
    """The demo image drawn for `key`, or None before `load` has run."""
    return get_image_model().objects.filter(title=PICTURES[key][0]).first()


def load(loader):
    Image = get_image_model()
    for key, (title, draw_picture) in PICTURES.items():
        if Image.objects.filter(title=title).exists():
            continue
        Image.objects.create(
            title=title, file=ImageFile(io.BytesIO(picture(draw_picture)), name=f"{key}.png")
        )
        loader.created += 1
