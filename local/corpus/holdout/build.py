"""Builders for the held-out families: like the dev builders, but always "test" and on held-out slots."""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from datetime import datetime

from ..model import Family, Filler, Kind, Label, SeverityName
from .slots import SLOTS


def L(check: str, slot: str, severity: SeverityName = "BLOCK", to: str | None = None) -> Label:
    return Label(check, severity, slot, to)


def family(
    kind: Kind,
    group: str,
    name: str,
    *templates: str,
    labels: tuple[Label, ...] = (),
    slots: Mapping[str, Filler] | None = None,
    now: Callable[[random.Random], datetime] | None = None,
    weight: int = 1,
) -> Family:
    return Family(
        f"holdout.{name}",
        kind,
        group,
        templates,
        labels,
        {**SLOTS, **(slots or {})},
        now,
        channel="blog",
        weight=weight,
        holdout=True,
    )


def pos(
    check: str,
    name: str,
    *templates: str,
    labels: tuple[Label, ...] = (),
    slots: Mapping[str, Filler] | None = None,
    now: Callable[[random.Random], datetime] | None = None,
) -> Family:
    return family("positive", check, name, *templates, labels=labels, slots=slots, now=now, weight=2)


def hard(name: str, *templates: str, slots: Mapping[str, Filler] | None = None) -> Family:
    return family("hard", "hard", name, *templates, slots=slots, weight=2)


def clean(name: str, *templates: str) -> Family:
    return family("clean", "clean", name, *templates, weight=3)
