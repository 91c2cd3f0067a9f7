"""Decode a photo at a bounded size with Pillow, and say plainly why one cannot be read."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

# The working copy's long side: text a person could read in a 2048 px photo is still ~20 px tall here,
# and the detectors' memory and time grow with the area they read.
MAX_SIDE = 1280
MIN_SIDE = 32  # smaller than this holds no face or text anyone could recognise
MAX_LONG_SIDE = 20_000  # past this (a 30,000 px strip) it is not a photo we can check
MAX_PIXELS = 80_000_000
FORMATS = frozenset({"JPEG", "MPO", "PNG", "WEBP", "GIF", "BMP", "TIFF", "HEIF"})
_SWAPS = frozenset({5, 6, 7, 8})  # EXIF orientations that turn the picture a quarter


class Unreadable(Exception):
    """This photo could not be read; the message says why in plain English."""


@dataclass(frozen=True)
class Decoded:
    """An RGB working copy and the scale back to the original's pixels (original = working * scale)."""

    image: Image.Image
    width: int  # the original's size, upright
    height: int
    scale: float


def decode(data: bytes, max_side: int = MAX_SIDE) -> Decoded:
    """The photo as RGB with its long side at most ``max_side``; only one full-size copy at any time."""
    if not data:
        raise Unreadable("the file is empty")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            im = Image.open(io.BytesIO(data))
            return _decode(im, max_side)
    except Unreadable:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as e:
        raise Unreadable("it is too large to check (more than 80 million pixels)") from e
    except UnidentifiedImageError as e:
        raise Unreadable("it is not an image format we accept (JPEG, PNG, WebP, GIF or HEIC)") from e
    except (OSError, ValueError, SyntaxError, EOFError) as e:
        raise Unreadable(f"the file is damaged or cut short ({type(e).__name__})") from e


def _decode(im: Image.Image, max_side: int) -> Decoded:
    if im.format not in FORMATS:
        raise Unreadable(f"{im.format or 'this'} files are not accepted; send a JPEG, PNG or HEIC photo")
    if getattr(im, "n_frames", 1) > 1 and im.format in ("GIF", "WEBP", "PNG"):
        raise Unreadable("it is animated; send a still photo instead")
    w, h = im.size
    if min(w, h) < MIN_SIDE:
        raise Unreadable(f"it is only {w}×{h} pixels, too small to show anything")
    if max(w, h) > MAX_LONG_SIDE or w * h > MAX_PIXELS:
        raise Unreadable(f"it is {w}×{h} pixels, too large to check; send it at a normal photo size")
    orientation = im.getexif().get(0x0112, 1)
    if orientation in _SWAPS:
        w, h = h, w
    if im.format in ("JPEG", "MPO"):
        # The decoder scales by 1/2, 1/4 or 1/8 as it reads, keeping both sides at least max_side, so a
        # 12 MP photo is never held at full size (4032 px is read as 2016).
        im.draft("RGB", (max_side, max_side))
    im.load()
    im = ImageOps.exif_transpose(im)
    if im.mode != "RGB":
        im = (
            im.convert("RGBA").convert("RGB") if "A" in im.getbands() or im.mode == "P" else im.convert("RGB")
        )
    im.thumbnail((max_side, max_side), Image.Resampling.BILINEAR)
    return Decoded(im, w, h, w / im.width)
