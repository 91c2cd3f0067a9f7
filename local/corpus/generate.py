"""Build the labelled corpus from the template families: deterministic for a seed, split by family.

Gold spans come from where each slot's filler landed in the text, never from running a check, so the
corpus measures the checks instead of agreeing with them.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from chalicelib.domain.findings import CheckContext
from chalicelib.policy.xtext import MAX_WEIGHTED_LENGTH, weighted_length

from . import fillers
from .families import COMMON, FAMILIES
from .holdout import HOLDOUT
from .model import Family, Filler, Gold, Item, Split

DEFAULT_SEED = 2026
DEFAULT_SIZE = 2000

_SLOT = re.compile(r"\{(\w+)\}")
_RANK = {"WARN": 0, "BLOCK": 1}


def family_hash(name: str) -> int:
    """A stable number for a family name (Python's own ``hash`` changes between runs)."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big")


def assign_splits(families: Iterable[Family]) -> dict[str, Split]:
    """Held-out families are the test split; every other family is dev.

    The dev families were written beside the checks and tune them; the held-out families
    (``local.corpus.holdout``) share no family, phrasing or filler with them, so the test split
    measures how the checks do on text they were not shaped by.
    """
    return {family.name: ("test" if family.holdout else "dev") for family in families}


@dataclass(frozen=True)
class _Rendered:
    text: str
    spans: Mapping[str, tuple[int, int]]


def _render(template: str, slots: Mapping[str, Filler], rng: random.Random) -> _Rendered:
    values: dict[str, str] = {}
    spans: dict[str, tuple[int, int]] = {}
    out: list[str] = []
    pos = 0
    last = 0
    for m in _SLOT.finditer(template):
        literal = template[last : m.start()]
        out.append(literal)
        pos += len(literal)
        name = m.group(1)
        if name not in values:
            filler = slots.get(name)
            if filler is None:
                raise KeyError(f"template slot {{{name}}} has no filler: {template!r}")
            # A filler may itself hold slots (a tail that mentions a count): fill those from the same pool.
            values[name] = _render(filler(rng), slots, rng).text
        value = values[name]
        out.append(value)
        spans.setdefault(name, (pos, pos + len(value)))
        pos += len(value)
        last = m.end()
    out.append(template[last:])
    return _Rendered("".join(out), spans)


def _merge(golds: Sequence[Gold]) -> tuple[Gold, ...]:
    """Fold overlapping labels of one check into one, keeping the worse severity, like the catalogue does."""
    merged: list[Gold] = []
    for g in sorted(golds, key=lambda g: (g.check, g.image if g.image is not None else -1, g.start, g.end)):
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and prev.check == g.check
            and prev.image == g.image
            and (g.image is not None or g.start < prev.end)
        ):
            severity = prev.severity if _RANK[prev.severity] >= _RANK[g.severity] else g.severity
            merged[-1] = Gold(g.check, severity, prev.start, max(prev.end, g.end), g.image)
            continue
        merged.append(g)
    return tuple(sorted(merged, key=lambda g: (g.start, g.check, g.image if g.image is not None else -1)))


def build_item(family: Family, index: int, seed: int, split: Split) -> Item:
    """Item ``index`` of ``family``: its own random stream, so items never depend on one another."""
    rng = random.Random(f"{seed}/{family.name}/{index}")
    template = family.templates[rng.randrange(len(family.templates))]
    # A held-out family draws only on its own slots, never on the dev fillers.
    slots = family.slots if family.holdout else {**COMMON, **family.slots}
    rendered = _render(template, slots, rng)

    golds: list[Gold] = []
    for label in family.labels:
        if label.slot not in rendered.spans:
            continue
        start, end = rendered.spans[label.slot]
        if label.to_slot is not None:
            if label.to_slot not in rendered.spans:
                continue
            to_start, to_end = rendered.spans[label.to_slot]
            start, end = min(start, to_start), max(end, to_end)
        golds.append(Gold(label.check, label.severity, start, end))

    specs = family.images(rng) if family.images is not None else ()
    for i, spec in enumerate(specs):
        golds.extend(Gold(check, severity, 0, 0, image=i) for check, severity in spec.labels)

    now = family.now(rng) if family.now is not None else fillers.outside_now(rng)
    context = CheckContext(now=now, images=tuple(s.image for s in specs), channel=family.channel)
    item = Item(
        id=f"{family.name}-{index:03d}",
        family=family.name,
        kind=family.kind,
        split=split,
        text=rendered.text,
        context=context,
        gold=_merge(golds),
    )
    _validate(item)
    return item


def _validate(item: Item) -> None:
    # A template that overflows X by accident would carry an unlabelled X-LEN: catch it here.
    too_long = item.context.channel == "x" and weighted_length(item.text) > MAX_WEIGHTED_LENGTH
    labelled = any(g.check == "X-LEN" for g in item.gold)
    if too_long != labelled:
        raise ValueError(f"{item.id}: X-LEN label {labelled} but over the limit {too_long}: {item.text!r}")
    for g in item.gold:
        if g.image is None and not 0 <= g.start < g.end <= len(item.text):
            raise ValueError(f"{item.id}: bad gold span {g}")


def generate(seed: int = DEFAULT_SEED, size: int = DEFAULT_SIZE) -> tuple[Item, ...]:
    """``size`` items dealt round-robin over the families (clean ones twice as often).

    Deterministic for ``seed``: each item draws from its own random stream named by seed, family and index.
    """
    if size < 1:
        raise ValueError("size must be at least 1")
    families = FAMILIES + HOLDOUT
    splits = assign_splits(families)
    schedule = [family for family in families for _ in range(family.weight)]
    counters: dict[str, int] = defaultdict(int)
    items: list[Item] = []
    for k in range(size):
        family = schedule[k % len(schedule)]
        index = counters[family.name]
        counters[family.name] += 1
        items.append(build_item(family, index, seed, splits[family.name]))
    return tuple(items)


def select(items: Iterable[Item], split: str) -> tuple[Item, ...]:
    """The items of one split ("dev" or "test"), or all of them for "all"."""
    if split == "all":
        return tuple(items)
    if split not in ("dev", "test"):
        raise ValueError(f"split must be dev, test or all, not {split!r}")
    return tuple(i for i in items if i.split == split)
