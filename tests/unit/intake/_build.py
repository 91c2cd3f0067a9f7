"""Builders for test emails and images, so each test states only what matters to it."""

from __future__ import annotations

import io
import os
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
