"""Policy findings and the verdict over a story: the shared language of checks, emails and pages."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, Literal

from .plain import from_plain, to_plain

Decision = Literal["block", "warn", "pass"]
# Starts the reason of every finding in a version's title, which has no span in the story text.
IN_TITLE = "In the title: "


class Severity(StrEnum):
    BLOCK = "BLOCK"
    WARN = "WARN"


@dataclass(frozen=True)
class Finding:
    """One problem: which check, how bad, where in the text ``[start, end)``, and why in plain English.

    ``image`` is the index of the image the finding concerns, when it concerns an image rather than text
    (then ``start`` and ``end`` are both 0); ``box`` is where in that image, ``(x, y, w, h)`` in its
    pixels, when the photo inspection found it there.
    """

    check: str
    severity: Severity
    start: int
    end: int
    reason: str
    image: int | None = None
    box: tuple[int, int, int, int] | None = None

    def to_dict(self) -> dict[str, Any]:
        """Without ``image`` when the finding is about the text."""
        return to_plain(self, drop_none=True)


@dataclass(frozen=True)
class Verdict:
    """All findings for one text; ``decision`` follows the catalogue's rule."""

    findings: tuple[Finding, ...] = ()

    @property
    def decision(self) -> Decision:
        if any(f.severity is Severity.BLOCK for f in self.findings):
            return "block"
        return "warn" if self.findings else "pass"

    @property
    def blocking(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.BLOCK)

    def to_dict(self) -> dict[str, Any]:
        return {"decision": self.decision} | to_plain(self, drop_none=True)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Verdict:
        return from_plain(cls, d)


@dataclass(frozen=True)
class PhotoCheck:
    """What the inspection saw in one photo of a version: its size upright (the boxes' frame), how many
    faces, and its findings (each with ``image`` and, where it has one, ``box``)."""

    image: int
    width: int
    height: int
    faces: int = 0
    findings: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class Inspection:
    """The inspection of every photo of one version, stored beside its findings."""

    photos: tuple[PhotoCheck, ...] = ()

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for p in self.photos for f in p.findings)

    def photo(self, image: int) -> PhotoCheck | None:
        return next((p for p in self.photos if p.image == image), None)

    def to_dict(self) -> dict[str, Any]:
        return to_plain(self, drop_none=True)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Inspection:
        return from_plain(cls, d)


@dataclass(frozen=True, kw_only=True)
class ImageContext:
    """What the checks know about an image that the text cannot say (a stored ``Image`` is one)."""

    alt: str = ""
    shows_child: bool = False
    consent: bool = False


@dataclass(frozen=True)
class CheckContext:
    """What the text cannot carry: the time (for pre-election windows), images and the target channel."""

    now: datetime
    images: tuple[ImageContext, ...] = field(default_factory=tuple)
    channel: str = "x"
