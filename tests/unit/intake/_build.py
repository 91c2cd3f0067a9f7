"""Builders for test emails and images, so each test states only what matters to it."""

from __future__ import annotations

import io
import os
import struct
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

from PIL import Image

FIXTURES = Path(__file__).parent / "fixtures"
SENDER = "Jane Smith <Jane.Smith@example.gov.uk>"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def jpeg(
    size: tuple[int, int] = (400, 300), *, color: tuple[int, int, int] = (20, 120, 200), **save: object
) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, "JPEG", **save)
    return buf.getvalue()


# sRGB's primaries adapted to D50, as an ICC matrix profile states them (IEC 61966-2-1 via Bradford).
_SRGB_RED = (0.4361, 0.2225, 0.0139)
_SRGB_GREEN = (0.3851, 0.7169, 0.0971)
_SRGB_BLUE = (0.1431, 0.0606, 0.7141)
_D50 = (0.9642, 1.0, 0.8249)


def icc_red_green_swapped() -> bytes:
    """A minimal ICC v2 RGB matrix profile whose red and green primaries are sRGB's the other way round.

    No RGB profile but sRGB can be made with Pillow, and none ships in a package here; with this one a
    pure red pixel is, in sRGB, green, so a test can see that a photo's profile was applied.
    """

    def xyz(v: tuple[float, float, float]) -> bytes:
        return b"XYZ " + bytes(4) + b"".join(struct.pack(">i", round(c * 65536)) for c in v)

    gamma = b"curv" + bytes(4) + struct.pack(">IH", 1, 0x0233) + bytes(2)  # gamma 2.2, u8Fixed8
    tags = [
        (b"rXYZ", xyz(_SRGB_GREEN)),
        (b"gXYZ", xyz(_SRGB_RED)),
        (b"bXYZ", xyz(_SRGB_BLUE)),
        (b"wtpt", xyz(_D50)),
        (b"rTRC", gamma),
        (b"gTRC", gamma),
        (b"bTRC", gamma),
    ]
    offset = 128 + 4 + 12 * len(tags)
    table, data = b"", b""
    for sig, body in tags:
        table += sig + struct.pack(">II", offset + len(data), len(body))
        data += body
    size = offset + len(data)
    illuminant = b"".join(struct.pack(">i", round(c * 65536)) for c in _D50)
    header = (
        struct.pack(">I", size)
        + bytes(4)
        + struct.pack(">I", 0x02100000)
        + b"mntrRGB XYZ "
        + bytes(12)
        + b"acsp"
        + bytes(16)  # platform, flags, manufacturer, model
        + bytes(8)  # attributes
        + struct.pack(">I", 0)
        + illuminant
        + bytes(48)
    )
    assert len(header) == 128
    return header + struct.pack(">I", len(tags)) + table + data


def png(
    size: tuple[int, int] = (400, 300), *, mode: str = "RGB", color: float | tuple[float, ...] | None = None
) -> bytes:
    buf = io.BytesIO()
    Image.new(mode, size, color if color is not None else 0).save(buf, "PNG")
    return buf.getvalue()


def noise_jpeg(side: int, quality: int = 97) -> bytes:
    buf = io.BytesIO()
    Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(buf, "JPEG", quality=quality)
    return buf.getvalue()


def gps_exif(orientation: int | None = None) -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "Apple"  # Make
    exif[0x0110] = "iPhone 15"  # Model
    if orientation is not None:
        exif[0x0112] = orientation
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (51.0, 30.0, 26.0)
    gps[3] = "W"
    gps[4] = (0.0, 7.0, 39.0)
    return exif.tobytes()


def email(
    body: str = "Today our team helped a family move into their new home.",
    *,
    subject: str | None = "Moving day",
    sender: str | None = SENDER,
    html: str | None = None,
    attachments: list[tuple[str, str, bytes]] | None = None,
    headers: dict[str, str] | None = None,
) -> bytes:
    msg = EmailMessage(policy=SMTP)
    if sender is not None:
        msg["From"] = sender
    msg["To"] = "stories@example.gov.uk"
    if subject is not None:
        msg["Subject"] = subject
    for k, v in (headers or {}).items():
        msg[k] = v
    msg.set_content(body)
    if html is not None:
        msg.add_alternative(html, subtype="html")
    for filename, ctype, data in attachments or []:
        maintype, subtype = ctype.split("/", 1)
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return msg.as_bytes()


def ses_stamp(
    raw: bytes,
    *,
    spf: str = "pass",
    dkim: str = "pass",
    dmarc: str = "pass",
    mailfrom: str = "jane.smith@example.gov.uk",
    dkim_domain: str = "example.gov.uk",
    from_domain: str = "example.gov.uk",
    authserv_id: str = "amazonses.com",
    extra: str = "",
) -> bytes:
    """Prepend headers the way SES receiving does: its verdicts and its Authentication-Results."""
    header = (
        f"X-SES-Spam-Verdict: PASS\r\nX-SES-Virus-Verdict: PASS\r\n{extra}"
        f"Authentication-Results: {authserv_id};\r\n"
        f" spf={spf} (spfCheck: domain of {mailfrom.rsplit('@', 1)[-1]} designates 192.0.2.1"
        f" as permitted sender; see RFC 7208) smtp.mailfrom={mailfrom};\r\n"
        f" dkim={dkim} header.i=@{dkim_domain};\r\n"
        f" dmarc={dmarc} header.from={from_domain};\r\n"
    )
    return header.encode() + raw
