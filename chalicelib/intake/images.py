"""Making a sender's image safe to store and publish.

Phone photos carry EXIF (often GPS: where a member of staff or a service user lives), XMP and thumbnails;
image parsers are a classic attack surface; SVG is XML that can carry script. So every image is
identified by its content, size-checked from its header before any pixel is decoded, and re-encoded from
pixels only — nothing from the original file survives but the picture.

iPhone photos arrive as HEIC: they are decoded with pillow-heif (registered only when one arrives, so
the Lambda does not load libheif otherwise) and leave as JPEG, stripped the same way.

Animated GIFs and WebPs become a still of their first frame: re-encoding keeps the metadata guarantee
simple, and a still is what the blog and most X clients show first anyway.

Pillow is imported inside the functions so that handlers which never see an image do not pay for it.
"""

from __future__ import annotations

import contextlib
import io
import math
import re
import struct
import unicodedata
import warnings
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..domain.errors import InvalidSubmission
from ..domain.story import MediaItem
from .html_text import clean_line
from .limits import IntakeLimits

if TYPE_CHECKING:
    from PIL.Image import Image as PilImage

ACCEPTED_TYPES: dict[str, str] = {
    "JPEG": "image/jpeg",
    "PNG": "image/png",
    "GIF": "image/gif",
    "WEBP": "image/webp",
}
# HEIC/HEIF is read but never written: the blog and X need JPEG or PNG.
_HEIF_FORMAT = "HEIF"
_HEIF_BRANDS = frozenset(
    {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs", b"mif1", b"msf1"}
)
_ACCEPTED_WORDS = "a JPEG, PNG, GIF, WebP or HEIC image"
_MAX_ICC_BYTES = 1024 * 1024


def sniff_image_type(data: bytes) -> str | None:
    """The MIME type the bytes really are (by magic number), or None if not an accepted image."""
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS:
        return "image/heic"
    return None


def looks_like_svg(filename: str, declared_type: str, data: bytes) -> bool:
    """True for SVG however it is dressed: by declared type, by name or by content."""
    if "svg" in declared_type.lower() or filename.lower().endswith((".svg", ".svgz")):
        return True
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(b"<") and b"<svg" in head


def safe_filename(name: str | None, *, max_chars: int = 100, default: str = "attachment") -> str:
    """A filename safe to put in a storage key or a message: no path parts, no controls, bounded length."""
    value = unicodedata.normalize("NFC", name or "")
    value = re.split(r"[\\/]", value)[-1]
    value = re.sub(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", "", value)
    value = re.sub(r"\s+", "-", value.strip())
    value = re.sub(r"[^\w.()-]+", "_", value)
    value = re.sub(r"\.{2,}", ".", value)
    value = re.sub(r"-{2,}", "-", value)
    # Leading dots would make hidden files (and "." or ".." path parts once joined).
    value = value.strip(".-_")
    if not value:
        value = default
    if len(value) > max_chars:
        stem, dot, ext = value.rpartition(".")
        if dot and 0 < len(ext) <= 10:
            value = stem[: max_chars - len(ext) - 1] + "." + ext
        else:
            value = value[:max_chars]
    return value


def with_extension(name: str, ext: str, *, max_chars: int = 100) -> str:
    """``name`` with its extension replaced, so the stored name matches what the bytes now are."""
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return stem[: max_chars - len(ext)] + ext


# The names Outlook, Exchange and IBM Notes give the pictures pasted into an HTML body ("image001.png").
_GENERATED_NAME = re.compile(r"^(?:image|graycol|ecblank|pic)\d{0,4}\.(?:png|gif|jpe?g|bmp)$", re.IGNORECASE)
# Logos and icons in a signature are small; a photo pasted into the body is not.
DECORATION_MAX_SIDE = 400
ICON_MAX_SIDE = 64


def is_decoration(filename: str, data: bytes) -> bool:
    """A picture the HTML body shows as design (a signature's logo, an icon), not a photo of the story.

    Only asked of pictures an HTML body refers to (multipart/related): an icon-sized one, a small one
    with a mail client's generated name, or an unnamed GIF (IBM Notes and Outlook put signature banners
    and logos in as GIFs; cameras and phones never make GIFs). A photo pasted into the body is a larger
    JPEG, PNG or HEIC, so it is kept.
    """
    if not filename and data[:6] in (b"GIF87a", b"GIF89a"):
        return True
    size = _pixel_size(data)
    if size is None:
        return False
    longest = max(size)
    if longest <= ICON_MAX_SIDE:
        return True
    return longest <= DECORATION_MAX_SIDE and bool(_GENERATED_NAME.match(filename or ""))


def _pixel_size(data: bytes) -> tuple[int, int] | None:
    """Width and height from the image's header, without decoding its pixels."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as im:
            return (int(im.width), int(im.height))
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None


def prepare_image(
    filename: str, declared_type: str, data: bytes, alt: str, limits: IntakeLimits
) -> MediaItem:
    """Check, orient, strip, downscale and re-encode one image.

    Raises InvalidSubmission with code ``image-too-large`` (bytes or pixels over the limits) or
    ``bad-image`` (not an accepted image, SVG, corrupt or truncated); the reason names the file.
    """
    name = safe_filename(filename, max_chars=limits.max_filename_chars, default="image")
    if len(data) > limits.max_image_bytes:
        raise InvalidSubmission(
            f"{name} is {_mb(len(data))} MB; images can be at most {_mb(limits.max_image_bytes)} MB",
            code="image-too-large",
        )
    if looks_like_svg(filename, declared_type, data):
        raise InvalidSubmission(
            f"{name} is an SVG drawing, which is not accepted because it can carry scripts; "
            "send a JPEG or PNG instead",
            code="bad-image",
        )
    if not data:
        raise InvalidSubmission(f"{name} is empty", code="bad-image")
    sniffed = sniff_image_type(data)
    if sniffed is None:
        raise InvalidSubmission(f"{name} is not {_ACCEPTED_WORDS}", code="bad-image")

    from PIL import Image

    formats = list(ACCEPTED_TYPES)
    if sniffed == "image/heic":
        from pillow_heif import register_heif_opener

        register_heif_opener()
        formats = [_HEIF_FORMAT]

    with warnings.catch_warnings():
        # Pillow only warns between its two thresholds; a warning here means a bomb, so make it an error.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            im = Image.open(io.BytesIO(data), formats=formats)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as e:
            raise InvalidSubmission(
                f"{name} has too many pixels to open safely", code="image-too-large"
            ) from e
        except (OSError, SyntaxError, ValueError, EOFError, struct.error) as e:
            raise InvalidSubmission(
                f"{name} is not {_ACCEPTED_WORDS} that can be read", code="bad-image"
            ) from e
        with im:
            source_format = str(im.format or "")
            width, height = im.size
            if width < 1 or height < 1:
                raise InvalidSubmission(f"{name} has no pixels", code="bad-image")
            if min(width, height) < limits.min_image_side:
                raise InvalidSubmission(
                    f"{name} is only {width}×{height} pixels, too small to publish (perhaps a logo or icon)",
                    code="bad-image",
                )
            if width * height > limits.max_image_pixels:
                raise InvalidSubmission(
                    f"{name} is {width}×{height} pixels; images can be at most "
                    f"{limits.max_image_pixels / 1_000_000:g} megapixels",
                    code="image-too-large",
                )
            if source_format == "JPEG":
                # Let the JPEG decoder scale by 1/2..1/8 while decoding: much less memory for big photos.
                # Asking a little under the target lets a 4032 px photo decode at half size (2016 px)
                # instead of in full: a quarter of the memory, for a photo only 2% smaller.
                scale = limits.max_image_long_side * 0.95 / max(width, height)
                if scale < 1:
                    im.draft(None, (max(1, math.ceil(width * scale)), max(1, math.ceil(height * scale))))
            try:
                im.load()
            except (Image.DecompressionBombError, Image.DecompressionBombWarning) as e:
                raise InvalidSubmission(
                    f"{name} has too many pixels to open safely", code="image-too-large"
                ) from e
            except (OSError, SyntaxError, ValueError, EOFError, struct.error, MemoryError) as e:
                raise InvalidSubmission(f"{name} is damaged or incomplete", code="bad-image") from e
            icc = im.info.get("icc_profile")
            picture = _oriented(im)

    picture, has_alpha = _normalised_mode(picture)
    picture.thumbnail((limits.max_image_long_side, limits.max_image_long_side), Image.Resampling.LANCZOS)
    picture = _to_srgb(picture, icc)
    # Nothing of the original's metadata may ride along on the pixels.
    picture.info = {}

    lossless = has_alpha or source_format in ("PNG", "GIF")
    out_format = "PNG" if lossless else "JPEG"
    quality = limits.jpeg_quality
    encoded = b""
    for _ in range(12):
        encoded = _encode(picture, out_format, quality)
        if len(encoded) <= limits.max_output_image_bytes:
            break
        if out_format == "PNG" and not has_alpha:
            out_format = "JPEG"  # a big flat image: a photo saved as PNG
        elif out_format == "JPEG" and quality > 65:
            quality -= 10
        else:
            shrink = min(0.9, math.sqrt(limits.max_output_image_bytes / len(encoded)) * 0.95)
            new_size = (max(1, int(picture.width * shrink)), max(1, int(picture.height * shrink)))
            picture = picture.resize(new_size, Image.Resampling.LANCZOS)
    else:
        raise InvalidSubmission(
            f"{name} could not be made smaller than {_mb(limits.max_output_image_bytes)} MB",
            code="image-too-large",
        )

    ext = ".png" if out_format == "PNG" else ".jpg"
    return MediaItem(
        filename=with_extension(name, ext, max_chars=limits.max_filename_chars),
        content_type=ACCEPTED_TYPES[out_format],
        data=encoded,
        alt=clean_line(alt, max_chars=limits.max_alt_chars),
    )


def keep_image(
    kept: list[MediaItem],
    notes: list[str],
    candidate: tuple[str, str, bytes, str],
    limits: IntakeLimits,
    *,
    number: int,
) -> None:
    """Prepare one ``(filename, declared type, data, alt)`` and add it to ``kept``, or say in ``notes``
    why it was not attached.

    A name already kept gets ``-<number>`` before its extension, so each photo is stored apart.
    """
    try:
        image = prepare_image(*candidate, limits)
    except InvalidSubmission as e:
        notes.append(f"{e.reason}; it was not attached")
        return
    if any(k.filename == image.filename for k in kept):
        stem, _, ext = image.filename.rpartition(".")
        image = replace(image, filename=f"{stem}-{number}.{ext}")
    kept.append(image)


def too_many_images_note(extra: int, limits: IntakeLimits) -> str:
    plural = "image was" if extra == 1 else "images were"
    return f"{extra} more {plural} not attached: at most {limits.max_images} images are accepted"


def exif_of(data: bytes) -> dict[str, Any]:
    """The EXIF tags in an image by name, with the GPS block under ``GPSInfo``; {} if there are none."""
    from PIL import ExifTags, Image

    with Image.open(io.BytesIO(data)) as im:
        exif = im.getexif()
        result: dict[str, Any] = {ExifTags.TAGS.get(k, str(k)): v for k, v in exif.items()}
        gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
        if gps:
            result["GPSInfo"] = {ExifTags.GPSTAGS.get(k, str(k)): v for k, v in gps.items()}
        return result


def _oriented(im: PilImage) -> PilImage:
    from PIL import ImageOps

    # In place: a photo that needs no turning (most) is not copied, so a 12 MP photo is held once, and
    # leaving the ``with`` that opened it closes only its file, not its pixels.
    # A broken EXIF block should not cost the sender their photo; it is discarded below anyway.
    with contextlib.suppress(OSError, SyntaxError, ValueError, TypeError, KeyError, struct.error):
        ImageOps.exif_transpose(im, in_place=True)
    return im


def _normalised_mode(im: PilImage) -> tuple[PilImage, bool]:
    """RGB, RGBA, L or CMYK (kept for its colour profile); whether transparency is really used."""
    if im.mode == "P" and "transparency" in im.info:
        im = im.convert("RGBA")
    if "A" in im.getbands():
        rgba = im.convert("RGBA")
        low = rgba.getchannel("A").getextrema()[0]
        if isinstance(low, int | float) and low < 255:
            return rgba, True
        return rgba.convert("RGB"), False
    if im.mode in ("RGB", "L", "CMYK"):
        return im, False
    if im.mode.startswith("I;16"):
        # 16-bit greyscale: keep the top 8 bits rather than letting convert() clip to white.
        return im.convert("I").point(lambda v: v / 256).convert("L"), False
    return im.convert("RGB"), False


def _to_srgb(im: PilImage, icc: object) -> PilImage:
    """Convert using the embedded colour profile, so dropping the profile does not shift colours."""
    target = "RGBA" if im.mode == "RGBA" else ("L" if im.mode == "L" else "RGB")
    if isinstance(icc, bytes) and 0 < len(icc) <= _MAX_ICC_BYTES and im.mode in ("RGB", "RGBA", "CMYK"):
        from PIL import ImageCms

        # A phone's photo (Display P3) is converted in place where the mode stays the same, so a 12 MP
        # photo is not held twice.
        in_place = im.mode == target
        try:
            converted = ImageCms.profileToProfile(
                im,
                ImageCms.ImageCmsProfile(io.BytesIO(icc)),
                ImageCms.createProfile("sRGB"),
                outputMode=target,
                inPlace=in_place,
            )
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            converted = None
        else:
            if in_place:
                return im
        if converted is not None:
            return converted
    return im if im.mode == target else im.convert(target)


def _encode(im: PilImage, fmt: str, quality: int) -> bytes:
    buf = io.BytesIO()
    if fmt == "JPEG":
        rgb = im if im.mode in ("RGB", "L") else im.convert("RGB")
        # Baseline, with the standard Huffman tables: an optimised or progressive JPEG makes libjpeg hold
        # the whole image's coefficients (9 MB for a 12 MP photo decoded at half size) to make a file 8%
        # smaller (679 KB against 737 KB on the benchmark photo); the ingest function's peak pays for it.
        rgb.save(buf, "JPEG", quality=quality)
    else:
        im.save(buf, "PNG", compress_level=6)
    return buf.getvalue()


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f}".rstrip("0").rstrip(".")
