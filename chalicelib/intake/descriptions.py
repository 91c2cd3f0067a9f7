"""What the sender wrote about the story rather than the story: photo descriptions, the organisation's footer.

An email has no field for a photo's description, so people write one in the text. A line that starts
"Photo:", "Picture 2 -" (or the Welsh "Llun:") describes a photo when it clearly belongs to one: it names
the photo's number, or the email has exactly one photo without a description. Such a line becomes that
photo's description and leaves the story; anything less clear is left where it is.

The organisation's own disclaimer (its mail system appends it to every message) is configured in the
rules file, and everything from its first words on is taken off.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ..domain.story import MediaItem
from ..domain.text import clean_line

# Enough of a disclaimer's opening words to recognise it, few enough to survive a mail system rewrapping it.
_DISCLAIMER_WORDS = 8
_DESCRIPTION = re.compile(
    r"^\s*(?:photo|picture|pic|image|llun|alt text|description)\s*(?:no\.?\s*)?(\d{1,2})?"
    r"\s*[:\-–—]\s*(\S.{2,})$",
    re.IGNORECASE,
)


def photo_descriptions(text: str, images: tuple[MediaItem, ...]) -> tuple[str, tuple[MediaItem, ...]]:
    """``text`` without the lines that describe a photo, and ``images`` with those descriptions."""
    if not images:
        return text, images
    alts = [img.alt for img in images]
    kept: list[str] = []
    for line in text.split("\n"):
        m = _DESCRIPTION.match(line)
        target = _which(m.group(1), alts) if m else None
        if m is None or target is None:
            kept.append(line)
            continue
        alts[target] = clean_line(m.group(2))
    if alts == [img.alt for img in images]:
        return text, images
    described = tuple(replace(img, alt=alt) for img, alt in zip(images, alts, strict=True))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip(), described


def _which(number: str | None, alts: list[str]) -> int | None:
    if number is not None:
        n = int(number) - 1
        return n if 0 <= n < len(alts) else None
    empty = [i for i, alt in enumerate(alts) if not alt]
    return empty[0] if len(empty) == 1 else None


def without_disclaimers(text: str, disclaimers: Sequence[str]) -> str:
    """``text`` cut where one of the organisation's disclaimers starts (spacing and case ignored)."""
    flat = [(m.start(), m.group().lower()) for m in re.finditer(r"\S+", text)]
    words = [w for _, w in flat]
    cut = len(text)
    for disclaimer in disclaimers:
        opening = disclaimer.lower().split()[:_DISCLAIMER_WORDS]
        if not opening:
            continue
        for i in range(len(words) - len(opening) + 1):
            if words[i : i + len(opening)] == opening:
                cut = min(cut, flat[i][0])
                break
    return text[:cut].rstrip()
