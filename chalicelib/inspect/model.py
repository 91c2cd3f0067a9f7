"""The inspector's port and its observations, so an embedded or a Rekognition inspector fit one shape."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

# A box in the original image's pixels: left, top, width, height.
Box = tuple[int, int, int, int]


@dataclass(frozen=True)
class TextRegion:
    """One line of text the OCR read, with where it is and how sure it is (0-1)."""

    text: str
    box: Box
    score: float = 1.0


@dataclass(frozen=True)
class Observations:
    """What one photo shows. ``unreadable`` says why nothing could be seen (then the rest is empty)."""

    width: int = 0
    height: int = 0
    faces: tuple[Box, ...] = ()
    texts: tuple[TextRegion, ...] = ()
    plates: tuple[Box, ...] = ()  # plate-shaped candidates the detector saw, read or not
    unreadable: str | None = None


class Inspector(Protocol):
    """Looks at one photo's bytes. Never raises for bad input: ``Observations.unreadable`` says why."""

    def inspect(self, data: bytes) -> Observations: ...


def union(boxes: list[Box]) -> Box:
    """The smallest box around every box given (at least one)."""
    x0 = min(b[0] for b in boxes)
    y0 = min(b[1] for b in boxes)
    x1 = max(b[0] + b[2] for b in boxes)
    y1 = max(b[1] + b[3] for b in boxes)
    return (x0, y0, x1 - x0, y1 - y0)
