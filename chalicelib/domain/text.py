"""The one text cleaner every door uses: form, email, revision, approver edit, reasons, comments, alt text.

Whatever people type (or paste, or a mail client encodes) is cleaned here before it is stored, so no
control character reaches a header, a post or the Atom feed, and no bidi override disguises what an
approver reads. A title, a name, a reason shown on one line and alt text are single lines; a story keeps
its paragraphs.
"""

from __future__ import annotations

import re
import unicodedata

# C0 and C1 controls, unpaired surrogates (which JSON can carry and XML cannot), byte-order marks and
# the noncharacters XML forbids. Tab and newline are handled separately.
_INVISIBLE = "\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufeff\ufffe\uffff"
# Bidi embeddings, overrides, isolates and marks: their only common use in a story is making text read
# differently from what it is (an override can turn "gpj.exe" into "exe.jpg"). Right-to-left scripts
# display correctly without them.
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile(f"[{_INVISIBLE}{_BIDI}]")
_INVISIBLE_RE = re.compile(f"[{_INVISIBLE}]")
_BIDI_RE = re.compile(f"[{_BIDI}]")
_LINE_BREAKS = re.compile(r"\r\n|[\r\n\u0085\u2028\u2029]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def clean_line(value: str, *, max_chars: int | None = None) -> str:
    """One line of untrusted text (a title, a name, alt text, a reason): no line breaks or controls.

    Line breaks become spaces: removing CR/LF is what defeats header injection when the value is later
    used in an email subject.
    """
    value = _BIDI_RE.sub("", unicodedata.normalize("NFC", value))
    # A control between two words stood for some kind of break: keep the words apart.
    value = _INVISIBLE_RE.sub(" ", _LINE_BREAKS.sub(" ", value))
    value = _SPACES.sub(" ", value).strip()
    if max_chars is not None and len(value) > max_chars:
        value = value[:max_chars].rstrip()
    return value


def clean_text(value: str) -> str:
    """Multi-line untrusted text: newlines normalised, no controls, spaces collapsed, ≤1 blank line."""
    value = unicodedata.normalize("NFC", value)
    value = value.replace("\u2029", "\n\n")
    value = _LINE_BREAKS.sub("\n", value).replace("\t", " ")
    value = _CONTROL.sub("", value)
    lines = [_SPACES.sub(" ", line).strip() for line in value.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
    return text.strip()


def shorten(value: str, max_chars: int) -> str:
    """Cut at a word boundary and mark the cut, for titles made from story text."""
    value = clean_line(value)
    if len(value) <= max_chars:
        return value
    cut = value[: max_chars - 1]
    if " " in cut[max_chars // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-") + "…"
