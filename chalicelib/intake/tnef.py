"""Outlook's winmail.dat (application/ms-tnef): the text and files Exchange wrapped inside it.

Outlook sends "rich text" mail to servers it thinks are Exchange as one TNEF attachment; the story's
words and photos are inside it, not in the MIME parts. tnefparse reads it (a pure-Python library).
"""

from __future__ import annotations

from dataclasses import dataclass, field

TNEF_TYPES = frozenset({"application/ms-tnef", "application/vnd.ms-tnef"})


@dataclass(frozen=True)
class Unwrapped:
    """What a winmail.dat held: its plain (or HTML) body and its files, by name."""

    text: str = ""
    html: str = ""
    files: tuple[tuple[str, bytes], ...] = field(default_factory=tuple)


def is_tnef(content_type: str, filename: str) -> bool:
    return content_type in TNEF_TYPES or filename.lower() == "winmail.dat"


def unwrap(data: bytes) -> Unwrapped | None:
    """The contents of a TNEF stream, or None when it cannot be read (truncated, not TNEF at all)."""
    from tnefparse import TNEF  # type: ignore[import-untyped]

    try:
        tnef = TNEF(data, do_checksum=False)
    except Exception:
        return None
    return Unwrapped(
        text=_text(getattr(tnef, "body", b"")),
        html=_text(getattr(tnef, "htmlbody", b"")),
        files=tuple(
            (str(a.long_filename() or a.name or "attachment"), bytes(a.data or b""))
            for a in getattr(tnef, "attachments", [])
        ),
    )


def _text(value: object) -> str:
    if isinstance(value, bytes):
        # TNEF bodies are in the sender's Windows code page; cp1252 is what UK Outlook writes.
        return value.rstrip(b"\0").decode("cp1252", "replace")
    return str(value or "").rstrip("\0")
