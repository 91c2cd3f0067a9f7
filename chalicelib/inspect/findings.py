"""What the policy makes of a photo: text in it through the text catalogue, faces and plates as findings."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from ..domain.findings import CheckContext, Finding, PhotoCheck, Severity
from ..policy.catalogue import run_checks
from ..policy.checks.addresses import VRM, check_vrm
from ..policy.normalise import normalise
from ..policy.rules import OrgRules
from .model import Box, Observations, TextRegion, union

IMG_FACE = "IMG-FACE"
IMG_TEXT = "IMG-TEXT"
IMG_PLATE = "IMG-PLATE"
IMG_UNREADABLE = "IMG-UNREADABLE"
PHOTO_CHECKS = (IMG_FACE, IMG_TEXT, IMG_PLATE, IMG_UNREADABLE)
ImageDecision = Literal["BLOCK", "WARN", "PASS"]

PLATE_REASON = (
    "This looks like a vehicle number plate, which can be traced to its keeper. Blur it, unless it is one "
    "of the organisation's own vehicles."
)
# OCR reads a plate's O as 0 and its I as 1 now and then; a plate's letters never include I or Q.
_PLATE_FIXES = str.maketrans({"O": "0", "I": "1", "Q": "0"})
_PLATE_SHAPE = re.compile(r"^[A-Z0-9]{2,4} ?[A-Z0-9]{3,4}$")


@dataclass(frozen=True)
class ImageFinding:
    check: str
    severity: Severity
    box: Box | None
    text: str
    reason: str
    underlying: str | None = None  # for IMG-TEXT: the text check that fired (e.g. PII-PHONE)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "check": self.check,
            "severity": self.severity.value,
            "box": list(self.box) if self.box else None,
            "text": self.text,
            "reason": self.reason,
        }
        if self.underlying:
            d["underlying"] = self.underlying
        return d


@dataclass(frozen=True)
class ImageVerdict:
    findings: tuple[ImageFinding, ...] = ()
    faces: int = 0
    texts: tuple[TextRegion, ...] = field(default=(), compare=False)

    @property
    def decision(self) -> ImageDecision:
        if any(f.severity is Severity.BLOCK for f in self.findings):
            return "BLOCK"
        return "WARN" if self.findings else "PASS"

    def to_dict(self) -> dict[str, Any]:
        return {
            "decision": self.decision,
            "findings": [f.to_dict() for f in self.findings],
            "faces": self.faces,
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)


def judge(obs: Observations, rules: OrgRules, ctx: CheckContext | None = None) -> ImageVerdict:
    """Every finding for one photo's observations under the organisation's rules."""
    if obs.unreadable:
        reason = f"This photo could not be read: {obs.unreadable}."
        return ImageVerdict((ImageFinding(IMG_UNREADABLE, Severity.BLOCK, None, "", reason),))
    ctx = ctx or CheckContext(now=datetime.now(UTC))
    overrides = rules.checks.severities
    findings: list[ImageFinding] = []
    if obs.faces and overrides.get(IMG_FACE) != "OFF":
        n = len(obs.faces)
        severity = Severity(overrides.get(IMG_FACE, "WARN"))
        what = "1 face" if n == 1 else f"{n} faces"
        reason = f"{what}: confirm the people pictured agreed to this photo being published."
        findings.extend(ImageFinding(IMG_FACE, severity, box, "", reason) for box in obs.faces)
    findings.extend(_text_findings(obs.texts, ctx, rules))
    return ImageVerdict(tuple(findings), faces=len(obs.faces), texts=obs.texts)


def _text_findings(texts: tuple[TextRegion, ...], ctx: CheckContext, rules: OrgRules) -> list[ImageFinding]:
    """The regions as one text, a line each (so a letter's name, street and postcode read together)."""
    if not texts:
        return []
    ordered = sorted(texts, key=lambda t: (t.box[1] // max(1, t.box[3]), t.box[0]))
    spans: list[tuple[int, int, TextRegion]] = []
    parts: list[str] = []
    pos = 0
    for t in ordered:
        text = _spaced(t.text)
        spans.append((pos, pos + len(text), t))
        parts.append(text)
        pos += len(text) + 1
    joined = "\n".join(parts)  # already spaced by _spaced
    overrides = rules.checks.severities
    out: list[ImageFinding] = []
    plated: set[int] = set()
    plate_severity = Severity(overrides.get(IMG_PLATE, "WARN")) if overrides.get(IMG_PLATE) != "OFF" else None
    for i, t in enumerate(ordered):
        if plate_severity and _is_plate(t.text, ctx, rules):
            plated.add(i)
            out.append(ImageFinding(IMG_PLATE, plate_severity, t.box, t.text, PLATE_REASON))
    if overrides.get(IMG_TEXT) == "OFF":
        return out
    for f in run_checks(joined, ctx, rules).findings:
        if f.image is not None:
            continue  # about the story's images, not words in this one
        hit = [(i, t) for i, (s, e, t) in enumerate(spans) if s < f.end and f.start < e]
        if not hit or (f.check == VRM and all(i in plated for i, _ in hit)):
            continue
        box = union([t.box for _, t in hit])
        severity = Severity(overrides[IMG_TEXT]) if overrides.get(IMG_TEXT) else f.severity
        text = joined[f.start : f.end]
        reason = f"In the photo ({f.check}): {f.reason}"
        out.append(ImageFinding(IMG_TEXT, severity, box, text, reason, underlying=f.check))
    return out


# A letter before a run of five or more digits is a word before a phone number ("CallJo0n07700900417"):
# no plate, postcode or house number has such a run, so splitting there never breaks one apart.
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[0-9])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=[0-9]{5})")


def _spaced(text: str) -> str:
    """Put back the spaces OCR drops between words ("144 QueensDrive", "109Mill Lane", "MrsTomDavies",
    "Jo0n07700900417")."""
    return _CAMEL.sub(" ", text)


def _is_plate(text: str, ctx: CheckContext, rules: OrgRules) -> bool:
    """A line whose whole text reads as a UK registration (allowing OCR's usual O/0 and I/1 slips)."""
    compact = " ".join(text.upper().split())
    if not _PLATE_SHAPE.match(compact):
        return False
    candidates = {compact, _fix_plate(compact)}
    return any(check_vrm(normalise(c), ctx, rules) for c in candidates)


def _fix_plate(text: str) -> str:
    """Current-format plates: letters, two digits, three letters; put digits and letters where they go."""
    s = text.replace(" ", "")
    if len(s) != 7:
        return text
    to_letter = str.maketrans({"0": "O", "1": "I", "5": "S", "8": "B"})
    return s[:2].translate(to_letter) + s[2:4].translate(_PLATE_FIXES) + " " + s[4:].translate(to_letter)


def photo_check(obs: Observations, verdict: ImageVerdict, image: int) -> PhotoCheck:
    """One photo's verdict as the story's findings: each says which photo and where in it, in words that
    an approver reading the email without the photo can follow ("Photo 1, top left: …")."""
    findings = []
    for f in verdict.findings:
        place = f", {where(f.box, obs.width, obs.height)}" if f.box and obs.width and obs.height else ""
        reason = f"Photo {image + 1}{place}: {f.reason}"
        if f.check == IMG_TEXT and f.underlying:
            said = f.reason.removeprefix(f"In the photo ({f.underlying}): ")
            reason = f"Photo {image + 1}{place}, the text “{f.text}” ({f.underlying}): {said}"
        findings.append(Finding(f.check, f.severity, 0, 0, reason, image=image, box=f.box))
    return PhotoCheck(image, obs.width, obs.height, verdict.faces, tuple(findings))


def where(box: Box, width: int, height: int) -> str:
    """Where a box's centre falls in the photo, by thirds: "top left", "centre", "bottom right"."""
    cx = (box[0] + box[2] / 2) / width
    cy = (box[1] + box[3] / 2) / height
    row = ("top", "middle", "bottom")[min(2, int(cy * 3))]
    col = ("left", "centre", "right")[min(2, int(cx * 3))]
    if row == "middle":
        return "centre" if col == "centre" else f"middle {col}"
    return f"{row} {col}" if col != "centre" else f"{row} centre"
