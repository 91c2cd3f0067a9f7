"""Blurring what must not be published (faces, plates, text that raised a finding) out of a stored photo.

Pillow only (no detectors), so the web function can do it while the approver waits. Each region is
pixelated to a few blocks across and then smoothed: a Gaussian blur alone can leave a face or a number
readable at a small radius, and block averages cannot be turned back into the detail they replaced.
The rest of the picture is untouched; the result is re-encoded without metadata, as intake encodes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from PIL import Image, ImageFilter, ImageOps

from ..domain.findings import Finding
from .findings import IMG_FACE, IMG_PLATE, IMG_TEXT
from .model import Box

PAD = 0.15  # a region grows by this share of its size on each side: detectors' boxes sit tight
BLOCKS = 3  # blocks across the region's shorter side: a line of text becomes one row of smudges
JPEG_QUALITY = 88
CHOICES = {"faces": IMG_FACE, "plates": IMG_PLATE, "text": IMG_TEXT}
# The findings a blur can take away, and how the audit trail names one and several.
WORDS = {
    IMG_FACE: ("face", "faces"),
    IMG_PLATE: ("number plate", "number plates"),
    IMG_TEXT: ("text", "texts"),
}


def blur_regions(data: bytes, boxes: Sequence[Box]) -> tuple[bytes, str]:
    """The photo with every box blurred, and its MIME type (PNG stays PNG, anything else becomes JPEG)."""
    with Image.open(io.BytesIO(data)) as opened:
        fmt = "PNG" if opened.format == "PNG" else "JPEG"
        im = ImageOps.exif_transpose(opened).convert("RGB")
    for box in boxes:
        region = _padded(box, im.width, im.height)
        if region is None:
            continue
        part = im.crop(region)
        w, h = part.size
        step = max(1, min(w, h) // BLOCKS)
        small = part.resize((max(1, w // step), max(1, h // step)), Image.Resampling.BOX)
        part = small.resize((w, h), Image.Resampling.NEAREST).filter(ImageFilter.GaussianBlur(step))
        im.paste(part, region[:2])
    out = io.BytesIO()
    if fmt == "PNG":
        im.save(out, "PNG", optimize=True)
        return out.getvalue(), "image/png"
    im.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return out.getvalue(), "image/jpeg"


def _padded(box: Box, width: int, height: int) -> tuple[int, int, int, int] | None:
    """(left, top, right, bottom) of the box grown by PAD, inside the picture; None if it is outside."""
    x, y, w, h = box
    px, py = round(w * PAD), round(h * PAD)
    left, top = max(0, x - px), max(0, y - py)
    right, bottom = min(width, x + w + px), min(height, y + h + py)
    if right - left < 1 or bottom - top < 1:
        return None
    return (left, top, right, bottom)


def blur_plan(findings: Sequence[Finding], choice: str) -> tuple[dict[int, list[Box]], str]:
    """The boxes to blur, by photo index, for a choice on the page, and what was blurred in words for
    the audit trail. ``choice``: "faces", "plates", "text" (the text that raised findings) or
    "finding-N" (the N-th finding in the page's list, counting from 1: one chosen face, say)."""
    numbered = list(enumerate(findings, start=1))
    if choice in CHOICES:
        chosen = [(n, f) for n, f in numbered if f.check == CHOICES[choice]]
    elif choice.startswith("finding-") and choice.removeprefix("finding-").isdigit():
        chosen = [(n, f) for n, f in numbered if f"finding-{n}" == choice]
    else:
        chosen = []
    boxed = [
        (n, f.image, f.box, f.check)
        for n, f in chosen
        if f.image is not None and f.box is not None and f.check in WORDS
    ]
    plan: dict[int, list[Box]] = {}
    counts: dict[tuple[int, str], int] = {}
    for _, image, box, check in boxed:
        plan.setdefault(image, []).append(box)
        counts[(image, check)] = counts.get((image, check), 0) + 1
    if not plan:
        return {}, ""
    said = [
        f"{k} {WORDS[check][0] if k == 1 else WORDS[check][1]} in photo {image + 1}"
        for (image, check), k in sorted(counts.items())
    ]
    numbers = ", ".join(str(n) for n, *_ in boxed)
    return plan, f"blurred {'; '.join(said)} (finding{'s' if len(boxed) > 1 else ''} {numbers})"
