"""Image safety: real images only, no bombs, no metadata, sized for X and the blog."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image

from chalicelib.domain.errors import InvalidSubmission
from chalicelib.intake.images import exif_of, is_decoration, prepare_image, safe_filename, sniff_image_type
from chalicelib.intake.limits import IntakeLimits
from chalicelib.intake.mime import parse_email

from ._build import email, gps_exif, icc_red_green_swapped, jpeg, noise_jpeg, png

LIMITS = IntakeLimits()


def refused(data: bytes, *, filename: str = "x.jpg", declared: str = "image/jpeg") -> InvalidSubmission:
    with pytest.raises(InvalidSubmission) as info:
        prepare_image(filename, declared, data, "", LIMITS)
    return info.value


def opened(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


def png_claiming(width: int, height: int) -> bytes:
    """A valid-looking PNG of a few dozen bytes whose header claims ``width`` x ``height`` pixels."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00\x00\x00\x00")

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def test_gps_and_all_other_exif_are_stripped_from_a_jpeg() -> None:
    original = jpeg(exif=gps_exif(), comment=b"taken at 12 Acacia Avenue")
    assert "GPSInfo" in exif_of(original)
    out = prepare_image("IMG_0001.JPG", "image/jpeg", original, "", LIMITS)
    assert exif_of(out.data) == {}
    info = opened(out.data).info
    assert not {"exif", "xmp", "comment", "XML:com.adobe.xmp"} & set(info)
    assert b"Acacia" not in out.data
    assert b"iPhone" not in out.data


def test_metadata_in_a_png_text_chunk_does_not_survive() -> None:
    from PIL import PngImagePlugin

    meta = PngImagePlugin.PngInfo()
    meta.add_text("Location", "51.5074 N, 0.1278 W")
    buf = io.BytesIO()
    Image.new("RGB", (300, 200), (1, 2, 3)).save(buf, "PNG", pnginfo=meta, exif=gps_exif())
    out = prepare_image("screen.png", "image/png", buf.getvalue(), "", LIMITS)
    assert b"51.5074" not in out.data
    assert exif_of(out.data) == {}


def test_exif_orientation_is_applied_before_it_is_stripped() -> None:
    out = prepare_image("side.jpg", "image/jpeg", jpeg((400, 300), exif=gps_exif(orientation=6)), "", LIMITS)
    assert opened(out.data).size == (300, 400)


def test_large_photo_is_downscaled_to_the_long_side_limit() -> None:
    out = prepare_image("big.jpg", "image/jpeg", jpeg((5000, 2500)), "", LIMITS)
    assert opened(out.data).size == (2048, 1024)
    assert out.content_type == "image/jpeg"


def test_ten_megabyte_noise_photo_is_accepted_and_comes_out_under_five_megabytes() -> None:
    data = noise_jpeg(2600)
    assert 8 * 1024 * 1024 < len(data) <= 10 * 1024 * 1024
    out = prepare_image("noise.jpg", "image/jpeg", data, "", LIMITS)
    assert len(out.data) <= 5 * 1024 * 1024
    assert max(opened(out.data).size) <= 2048


def test_image_over_ten_megabytes_is_refused_as_too_large() -> None:
    data = noise_jpeg(2850) + b"\x00" * (2 * 1024 * 1024)
    err = refused(data, filename="huge.jpg")
    assert err.code == "image-too-large"
    assert err.reason.startswith("huge.jpg is ")


def test_decompression_bomb_claiming_huge_dimensions_is_refused_before_decoding() -> None:
    bomb = png_claiming(100_000, 100_000)
    assert len(bomb) < 100
    err = refused(bomb, filename="bomb.png", declared="image/png")
    assert err.code == "image-too-large"


def test_image_over_the_pixel_limit_but_under_pillows_own_is_refused() -> None:
    err = refused(png_claiming(8_000, 8_000), filename="tall.png", declared="image/png")
    assert err.code == "image-too-large"
    assert "8000×8000 pixels" in err.reason


def test_svg_is_refused_even_when_declared_as_png() -> None:
    svg = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    err = refused(svg, filename="photo.png", declared="image/png")
    assert err.code == "bad-image"
    assert "SVG" in err.reason


def test_text_renamed_to_jpg_is_refused() -> None:
    err = refused(b"hello, I am not a picture", filename="cat.jpg")
    assert err.code == "bad-image"
    assert err.reason == "cat.jpg is not a JPEG, PNG, GIF, WebP or HEIC image"


def test_truncated_jpeg_is_refused() -> None:
    data = jpeg((800, 600))
    err = refused(data[: len(data) // 3])
    assert err.code == "bad-image"


def test_transparent_png_stays_a_png_with_its_transparency() -> None:
    out = prepare_image("logo.png", "image/png", png((300, 300), mode="RGBA", color=(0, 0, 0, 0)), "", LIMITS)
    assert out.content_type == "image/png"
    assert opened(out.data).mode == "RGBA"


def test_opaque_photo_is_reencoded_as_jpeg_with_a_matching_extension() -> None:
    out = prepare_image("photo.webp", "image/webp", _webp(), "", LIMITS)
    assert (out.filename, out.content_type) == ("photo.jpg", "image/jpeg")


def test_animated_gif_becomes_a_still_of_its_first_frame() -> None:
    frames = [Image.new("P", (200, 200), i) for i in (10, 200)]
    buf = io.BytesIO()
    frames[0].save(buf, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    out = prepare_image("dance.gif", "image/gif", buf.getvalue(), "", LIMITS)
    still = opened(out.data)
    assert out.content_type == "image/png"
    assert getattr(still, "n_frames", 1) == 1


def test_cmyk_jpeg_is_converted_to_rgb() -> None:
    buf = io.BytesIO()
    Image.new("CMYK", (300, 300), (0, 255, 255, 0)).save(buf, "JPEG")
    out = prepare_image("print.jpg", "image/jpeg", buf.getvalue(), "", LIMITS)
    assert opened(out.data).mode == "RGB"


def test_a_photo_in_another_colour_space_is_converted_to_srgb_and_its_profile_dropped() -> None:
    # Pure red in a space whose red is sRGB's green: in sRGB it must come out green.
    tagged = jpeg((600, 400), color=(255, 0, 0), icc_profile=icc_red_green_swapped(), quality=95)
    out = opened(prepare_image("p3.jpg", "image/jpeg", tagged, "", LIMITS).data)
    r, g, b = out.getpixel((300, 200))  # type: ignore[misc]
    assert g > 200 and r < 60 and b < 60, (r, g, b)
    assert "icc_profile" not in out.info


def test_alt_text_is_cleaned_and_bounded() -> None:
    out = prepare_image("a.jpg", "image/jpeg", jpeg(), "Two\r\nvolunteers " + "x" * 2000, LIMITS)
    assert "\n" not in out.alt
    assert len(out.alt) <= 1000


def test_sniffing_uses_magic_numbers_not_names() -> None:
    assert sniff_image_type(jpeg()) == "image/jpeg"
    assert sniff_image_type(png()) == "image/png"
    assert sniff_image_type(b"GIF89a....") == "image/gif"
    assert sniff_image_type(b"<svg/>") is None


@pytest.mark.parametrize(
    ("given", "safe"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\jane\\Desktop\\photo.jpg", "photo.jpg"),
        ("..", "attachment"),
        ("", "attachment"),
        (".bashrc", "bashrc"),
        ("my photo (1).jpg", "my-photo-(1).jpg"),
        ("a\r\nb\tc.png", "abc.png"),
        ("rm -rf *;.png", "rm-rf-_.png"),
        ("café.jpg", "café.jpg"),
    ],
)
def test_filenames_lose_paths_controls_and_shell_characters(given: str, safe: str) -> None:
    assert safe_filename(given) == safe


def test_long_filenames_keep_their_extension_within_100_characters() -> None:
    name = safe_filename("a" * 500 + ".png")
    assert len(name) == 100
    assert name.endswith(".png")


def _webp() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (320, 240), (90, 160, 60)).save(buf, "WEBP")
    return buf.getvalue()


def test_bidi_controls_cannot_disguise_a_filename() -> None:
    assert safe_filename("photo\u202egpj.exe") == "photogpj.exe"


def _heic(size: tuple[int, int] = (640, 480), exif: bytes | None = None) -> bytes:
    from pillow_heif import from_pillow

    heif = from_pillow(Image.new("RGB", size, (200, 80, 40)))
    buf = io.BytesIO()
    heif.save(buf, quality=80, exif=exif)
    return buf.getvalue()


def test_an_iphone_heic_photo_becomes_a_jpeg_without_its_gps_and_camera_metadata() -> None:
    data = _heic(exif=gps_exif())
    assert sniff_image_type(data) == "image/heic"
    out = prepare_image("IMG_4021.HEIC", "image/heic", data, "Our allotment", LIMITS)
    assert out.content_type == "image/jpeg"
    assert out.filename == "IMG_4021.jpg"
    assert opened(out.data).size == (640, 480)
    assert exif_of(out.data) == {}
    assert b"Exif" not in out.data and b"iPhone" not in out.data


def test_a_heic_photo_from_an_email_is_kept_as_a_jpeg() -> None:
    raw = email(attachments=[("IMG_4021.HEIC", "image/heic", _heic(exif=gps_exif()))])
    sub = parse_email(raw, raw_key="raw/email/heic", limits=LIMITS)
    assert [(i.filename, i.content_type) for i in sub.images] == [("IMG_4021.jpg", "image/jpeg")]
    assert exif_of(sub.images[0].data) == {}


def _png(size: tuple[int, int]) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buf, "PNG")
    return buf.getvalue()


def _gif(size: tuple[int, int]) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buf, "GIF")
    return buf.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "decoration"),
    [
        ("image001.png", _png((180, 60)), True),  # Outlook's name for a pasted signature logo
        ("image001.jpg", _png((1600, 1200)), False),  # a photo pasted into the body
        ("crew.png", _png((32, 32)), True),  # an icon
        ("crew.png", _png((300, 200)), False),  # a small picture somebody named
        ("", _gif((1036, 352)), True),  # an IBM Notes signature banner
        ("IMG_1234.JPG", _png((4032, 3024)), False),
    ],
)
def test_a_signature_logo_or_icon_in_an_html_body_is_told_from_a_photo(
    name: str, data: bytes, decoration: bool
) -> None:
    assert is_decoration(name, data) is decoration
