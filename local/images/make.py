"""The labelled image set: real photographs bundled in scikit-image, with text, plates and faces planted.

Every label comes from where something was drawn or pasted, never from a detector. Real faces: the one in
``astronaut`` (its face box below is read off the picture once, by eye), shown at many sizes and places,
and the 100 face crops of ``lfw_subset`` (25 px each, so low resolution: reported apart from the clear
frontal faces). Text is drawn with Pillow's own bundled font, so nothing depends on the machine's fonts.
"""

from __future__ import annotations

import io
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from PIL import Image, ImageDraw, ImageFont

Box = tuple[int, int, int, int]
SIZE = (1600, 1200)
ASTRONAUT_FACE: Box = (175, 65, 100, 115)  # in the 512 px astronaut picture: brow to chin, ear to ear
SCENES = (
    "camera",
    "coffee",
    "chelsea",
    "rocket",
    "brick",
    "grass",
    "gravel",
    "horse",
    "coins",
    "moon",
    "hubble_deep_field",
    "retina",
)
FIRST = (
    "Sarah",
    "Tom",
    "Priya",
    "David",
    "Aisha",
    "Gareth",
    "Fiona",
    "Kwame",
    "Helen",
    "Owen",
    "Megan",
    "Rhys",
    "Joanne",
    "Imran",
    "Claire",
    "Liam",
)
LAST = (
    "Jones",
    "Baker",
    "Patel",
    "Evans",
    "Khan",
    "Williams",
    "Morgan",
    "Mensah",
    "Hughes",
    "Price",
    "Roberts",
    "Davies",
    "Ahmed",
    "Taylor",
    "Walsh",
    "Murphy",
)
STREETS = ("Elm Road", "Mill Lane", "Station Street", "Park Avenue", "Church Close", "Queens Drive")
TOWNS = (("Leeds", "LS6 2AB"), ("Cardiff", "CF24 4HQ"), ("Bristol", "BS7 8NP"), ("Derby", "DE22 1FT"))
PLATE_LETTERS = "ABCDEFGHJKLMNOPRSTUVWXY"


@dataclass(frozen=True)
class Planted:
    """Something a finding should point at: ``kind`` (phone, plate, name, address, code) and ``check``."""

    kind: str
    check: str
    text: str
    box: Box


@dataclass
class Sample:
    name: str
    group: str  # face, lfw, text, plain
    image: Image.Image
    faces: list[Box] = field(default_factory=list)
    planted: list[Planted] = field(default_factory=list)

    def jpeg(self) -> bytes:
        buf = io.BytesIO()
        self.image.save(buf, "JPEG", quality=90)
        return buf.getvalue()


@cache
def _font(size: int) -> Any:
    return ImageFont.load_default(size=size)


def _scene(name: str, size: tuple[int, int] = SIZE) -> Image.Image:
    import numpy as np
    from skimage import data

    arr = np.asarray(getattr(data, name)())
    im = Image.fromarray(arr[..., :3] if arr.ndim == 3 else arr).convert("RGB")
    return im.resize(size, Image.Resampling.BICUBIC)


def _text(draw: ImageDraw.ImageDraw, xy: tuple[int, int], text: str, size: int, fill: str = "black") -> Box:
    """Draw one line and return its ink box."""
    x0, y0, x1, y1 = draw.textbbox(xy, text, font=_font(size))
    draw.text(xy, text, font=_font(size), fill=fill)
    return (int(x0), int(y0), int(x1 - x0), int(y1 - y0))


def _mobile(rng: random.Random) -> str:
    n = f"07{rng.choice('45789')}{rng.randint(10, 99)}{rng.randint(100000, 999999)}"
    return rng.choice((f"{n[:5]} {n[5:]}", f"{n[:5]} {n[5:8]} {n[8:]}", n))


def _plate(rng: random.Random) -> str:
    letters = "ABCDEFGHJKLMNPRSTUVWXY"
    age = rng.choice([f"{y:02d}" for y in (*range(2, 30), *range(51, 80))])
    tail = "".join(rng.choice(PLATE_LETTERS.replace("O", "")) for _ in range(3))
    return f"{rng.choice(letters)}{rng.choice(letters)}{age} {tail}"


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def faces(rng: random.Random) -> Iterator[Sample]:
    """The astronaut's face at many sizes, on many scenes, at many places (and the photo itself)."""
    from skimage import data

    astro = Image.fromarray(data.astronaut()).convert("RGB")  # type: ignore[no-untyped-call]
    fx, fy, fw, fh = ASTRONAUT_FACE
    yield Sample("astronaut", "face", astro.resize((1200, 1200)), [_scale_box(ASTRONAUT_FACE, 1200 / 512)])
    for i in range(40):
        scene = _scene(SCENES[i % len(SCENES)])
        # a head-and-shoulders crop around the face, its face 120-420 px tall in the 1600 px picture
        pad = rng.uniform(0.4, 1.0)
        crop = (
            max(0, int(fx - fw * pad)),
            max(0, int(fy - fh * pad)),
            min(512, int(fx + fw * (1 + pad))),
            min(512, int(fy + fh * (1 + pad))),
        )
        part = astro.crop(crop)
        scale = rng.uniform(120, 420) / fh
        part = part.resize((round(part.width * scale), round(part.height * scale)), Image.Resampling.BICUBIC)
        x = rng.randint(0, SIZE[0] - part.width)
        y = rng.randint(0, SIZE[1] - part.height)
        scene.paste(part, (x, y))
        box = (
            x + round((fx - crop[0]) * scale),
            y + round((fy - crop[1]) * scale),
            round(fw * scale),
            round(fh * scale),
        )
        yield Sample(f"astronaut-{i:02d}", "face", scene, [box])


def lfw(rng: random.Random, count: int = 100) -> Iterator[Sample]:
    """Each LFW face crop (25 px, real people) enlarged to 150-260 px on a scene: blurry, but frontal."""
    import numpy as np
    from skimage import data

    crops = data.lfw_subset()[:count]  # type: ignore[no-untyped-call]  # the first 100 are faces, the rest not
    for i, crop in enumerate(crops):
        g = Image.fromarray((np.clip(crop, 0, 1) * 255).astype("uint8")).convert("RGB")
        side = rng.randint(150, 260)
        g = g.resize((side, side), Image.Resampling.BICUBIC)
        scene = _scene(SCENES[i % len(SCENES)], (1024, 768))
        x, y = rng.randint(0, 1024 - side), rng.randint(0, 768 - side)
        scene.paste(g, (x, y))
        yield Sample(f"lfw-{i:03d}", "lfw", scene, [(x, y, side, side)])


def texts(rng: random.Random) -> Iterator[Sample]:
    """Vans, badges, letters, plates, keypad notes and whiteboards, a few of each, on real scenes."""
    makers = (_van, _badge, _letter, _plates, _keypad, _whiteboard)
    for i in range(36):
        make = makers[i % len(makers)]
        scene = _scene(SCENES[(i * 5) % len(SCENES)])
        planted = make(scene, rng)
        yield Sample(f"{make.__name__[1:]}-{i:02d}", "text", scene, [], planted)


def _panel(
    scene: Image.Image, rng: random.Random, w: int, h: int, fill: str
) -> tuple[ImageDraw.ImageDraw, int, int]:
    draw = ImageDraw.Draw(scene)
    x, y = rng.randint(20, SIZE[0] - w - 20), rng.randint(20, SIZE[1] - h - 20)
    draw.rectangle((x, y, x + w, y + h), fill=fill, outline="#444444", width=4)
    return draw, x, y


def _van(scene: Image.Image, rng: random.Random) -> list[Planted]:
    draw, x, y = _panel(scene, rng, 1100, 420, "white")
    size = rng.randint(48, 72)
    _text(draw, (x + 40, y + 40), "Hughes Plumbing & Heating", size, "#003366")
    phone = f"Call Gary on {_mobile(rng)}"
    box = _text(draw, (x + 40, y + 60 + size * 2), phone, size, "#003366")
    draw.ellipse((x + 150, y + 340, x + 330, y + 520), fill="#222222")  # a wheel
    return [Planted("phone", "PII-PHONE", phone, box)]


def _badge(scene: Image.Image, rng: random.Random) -> list[Planted]:
    draw, x, y = _panel(scene, rng, 560, 300, "#f4f4f4")
    name = _name(rng)
    box = _text(draw, (x + 30, y + 60), name, rng.randint(56, 72))
    _text(draw, (x + 30, y + 190), "Resident", 44, "#555555")
    return [Planted("name", "PII-NAME", name, box)]


def _letter(scene: Image.Image, rng: random.Random) -> list[Planted]:
    draw, x, y = _panel(scene, rng, 900, 640, "#fffdf5")
    size = rng.randint(38, 50)
    name = f"Mrs {_name(rng)}"
    street = f"{rng.randint(2, 180)} {rng.choice(STREETS)}"
    town, postcode = rng.choice(TOWNS)
    name_box = _text(draw, (x + 50, y + 50), name, size)
    box = _text(draw, (x + 50, y + 50 + size * 3 // 2), street, size)
    _text(draw, (x + 50, y + 50 + size * 3), f"{town} {postcode}", size)
    _text(
        draw, (x + 50, y + 50 + size * 6), "Dear Mrs Resident, your bin collection day", size - 6, "#333333"
    )
    return [Planted("name", "PII-NAME", name, name_box), Planted("address", "PII-ADDR", street, box)]


def _plates(scene: Image.Image, rng: random.Random) -> list[Planted]:
    plate = _plate(rng)
    fill = rng.choice(("#f7d117", "white"))
    draw, x, y = _panel(scene, rng, 620, 150, fill)
    box = _text(draw, (x + 40, y + 25), plate, 100)
    return [Planted("plate", "IMG-PLATE", plate, box)]


def _keypad(scene: Image.Image, rng: random.Random) -> list[Planted]:
    draw, x, y = _panel(scene, rng, 560, 360, "#fff59d")
    code = f"Door code {rng.randint(1000, 9999)}"
    box = _text(draw, (x + 30, y + 60), code, rng.randint(56, 68))
    _text(draw, (x + 30, y + 200), "Please shut the gate", 42)
    return [Planted("code", "SEC-CODE", code, box)]


def _whiteboard(scene: Image.Image, rng: random.Random) -> list[Planted]:
    draw, x, y = _panel(scene, rng, 1200, 560, "white")
    _text(draw, (x + 40, y + 30), "Rota this week", 56, "#1a237e")
    who = _name(rng)
    phone = f"{who} {_mobile(rng)}"
    size = rng.randint(50, 64)
    name_box = draw.textbbox((x + 40, y + 150), who, font=_font(size))
    box = _text(draw, (x + 40, y + 150), phone, size, "#1a237e")
    _text(draw, (x + 40, y + 300), "Bins out by 7am", 50, "#1a237e")
    nx0, ny0, nx1, ny1 = (int(v) for v in name_box)
    return [
        Planted("name", "PII-NAME", who, (nx0, ny0, nx1 - nx0, ny1 - ny0)),
        Planted("phone", "PII-PHONE", phone, box),
    ]


def plain(rng: random.Random) -> Iterator[Sample]:
    """The scenes as they are, and with a blank white van side or an empty sign: nothing to find."""
    for name in SCENES:
        yield Sample(f"plain-{name}", "plain", _scene(name))
    for i, name in enumerate(SCENES):
        scene = _scene(name)
        _panel(scene, rng, rng.randint(400, 1100), rng.randint(200, 420), rng.choice(("white", "#f7d117")))
        yield Sample(f"plain-panel-{i:02d}", "plain", scene)


def build(seed: int = 15, lfw_count: int = 100) -> list[Sample]:
    rng = random.Random(seed)
    return [*faces(rng), *texts(rng), *plain(rng), *lfw(rng, lfw_count)]


def _scale_box(box: Box, s: float) -> Box:
    return (round(box[0] * s), round(box[1] * s), round(box[2] * s), round(box[3] * s))
