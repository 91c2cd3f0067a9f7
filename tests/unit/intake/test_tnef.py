"""Outlook's winmail.dat: the story's words and photos inside it are the story's, not a dropped file."""

from __future__ import annotations

import io
import struct

from PIL import Image

from chalicelib.intake.limits import IntakeLimits
from chalicelib.intake.mime import parse_email

from ._build import email

# TNEF attribute ids (MS-OXTNEF 2.1.3): type in the high word, id in the low word.
ATT_TNEF_VERSION = 0x00089006
ATT_BODY = 0x0002800C
ATT_ATTACH_REND_DATA = 0x00069002
ATT_ATTACH_TITLE = 0x00018010
ATT_ATTACH_DATA = 0x0006800F


def _attribute(level: int, attribute: int, data: bytes) -> bytes:
    return struct.pack("<BII", level, attribute, len(data)) + data + struct.pack("<H", sum(data) & 0xFFFF)


def winmail_dat(body: str, files: list[tuple[str, bytes]]) -> bytes:
    """A TNEF stream as Outlook writes one (message level: version and body; one block per attachment)."""
    out = struct.pack("<IH", 0x223E9F78, 1)
    out += _attribute(1, ATT_TNEF_VERSION, struct.pack("<I", 0x00010000))
    out += _attribute(1, ATT_BODY, body.encode("cp1252") + b"\0")
    for name, data in files:
        out += _attribute(2, ATT_ATTACH_REND_DATA, b"\0" * 14)
        out += _attribute(2, ATT_ATTACH_TITLE, name.encode("cp1252") + b"\0")
        out += _attribute(2, ATT_ATTACH_DATA, data)
    return out


def photo() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (800, 600), (30, 90, 160)).save(buf, "PNG")
    return buf.getvalue()


def test_the_text_and_photo_inside_a_winmail_dat_are_the_story() -> None:
    story = "The gritters went out at three and every school opened on time."
    raw = email(
        "",
        attachments=[("winmail.dat", "application/ms-tnef", winmail_dat(story, [("gritter.png", photo())]))],
    )
    sub = parse_email(raw, raw_key="raw/email/t", limits=IntakeLimits())
    assert sub.text == story
    assert len(sub.images) == 1
    assert not [n for n in sub.notes if "winmail" in n]


def test_a_winmail_dat_that_cannot_be_read_is_a_note_not_a_crash() -> None:
    raw = email(
        "Our crew cleared the canal path.", attachments=[("winmail.dat", "application/ms-tnef", b'x\x9f>"')]
    )
    sub = parse_email(raw, raw_key="raw/email/t", limits=IntakeLimits())
    assert sub.text == "Our crew cleared the canal path."
    assert any("winmail.dat" in n for n in sub.notes)
