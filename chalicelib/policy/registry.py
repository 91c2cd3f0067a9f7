"""What a check is, for the catalogue: an id, a one-line description and the pure function that runs it."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from ..domain.findings import CheckContext, Finding
from .normalise import NormalisedText
from .rules import OrgRules

CheckFn = Callable[[NormalisedText, CheckContext, OrgRules], list[Finding]]


class Registration(NamedTuple):
    check_id: str
    about: str
    run: CheckFn
