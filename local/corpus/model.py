"""The labelled corpus's vocabulary: an item, its gold labels, and the template families that make them.

Kept apart from the generator so that the evaluation, the benchmark and the tests can talk about items
without importing every template.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from chalicelib.domain.findings import CheckContext, ImageContext

Kind = Literal["clean", "hard", "positive", "multi"]
Split = Literal["dev", "test"]
SeverityName = Literal["BLOCK", "WARN"]
Filler = Callable[[random.Random], str]


@dataclass(frozen=True)
class Gold:
    """What a correct check reports: the check, its severity and where, ``[start, end)`` in the text.

    ``image`` is set, and the span is empty, when the label is about an image in the context.
    """

    check: str
    severity: SeverityName
    start: int
    end: int
    image: int | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"check": self.check, "severity": self.severity, "start": self.start}
        d["end"] = self.end
        if self.image is not None:
            d["image"] = self.image
        return d


@dataclass(frozen=True)
class Item:
    """One story with its context and gold labels, and the family and split it belongs to."""

    id: str
    family: str
    kind: Kind
    split: Split
    text: str
    context: CheckContext
    gold: tuple[Gold, ...]

    @property
    def has_gold_block(self) -> bool:
        return any(g.severity == "BLOCK" for g in self.gold)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "family": self.family,
            "kind": self.kind,
            "split": self.split,
            "text": self.text,
            "context": {
                "now": self.context.now.isoformat(),
                "images": [
                    {"alt": i.alt, "shows_child": i.shows_child, "consent": i.consent}
                    for i in self.context.images
                ],
                "channel": self.context.channel,
            },
            "gold": [g.to_dict() for g in self.gold],
        }


@dataclass(frozen=True)
class Label:
    """A gold label attached to a template slot, or to the run of slots from ``slot`` to ``to_slot``.

    A run lets one label cover a phrase made of several fillers ("key safe code" … "4721"), so that a
    check is credited whether it points at the keyword, the value or both.
    """

    check: str
    severity: SeverityName
    slot: str
    to_slot: str | None = None


@dataclass(frozen=True)
class ImageSpec:
    """An image in an item's context, and the labels a correct check gives it."""

    image: ImageContext
    labels: tuple[tuple[str, SeverityName], ...] = ()


@dataclass(frozen=True)
class Family:
    """A template family: sibling templates sharing slot fillers, labels, context and split.

    ``group`` decides the split: families of one group (a check's positives, the clean stories, the
    hard negatives) are dealt alternately to dev and test, so every group has members on both sides.
    """

    name: str
    kind: Kind
    group: str
    templates: tuple[str, ...]
    labels: tuple[Label, ...] = ()
    slots: Mapping[str, Filler] = field(default_factory=dict)
    now: Callable[[random.Random], datetime] | None = None
    images: Callable[[random.Random], tuple[ImageSpec, ...]] | None = None
    channel: str = "x"
    weight: int = 1
    # Held-out families (``local.corpus.holdout``) are always "test" and draw only on their own slots.
    holdout: bool = False
