"""What every stage's service is built with: the table, the organisation's rules and the clock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TypedDict

from ..adapters.ports import StoryTable
from ..policy.rules import OrgRules


# Not frozen, so that a fault-injection test can wrap one instance's method.
@dataclass(kw_only=True)
class Service:
    table: StoryTable
    # Called on each use: the rules are re-read now and then, and tests move the clock.
    rules: Callable[[], OrgRules]
    clock: Callable[[], datetime]


class ServiceParts(TypedDict):
    """A ``Service``'s own fields, as the composition root passes them to every service it builds."""

    table: StoryTable
    rules: Callable[[], OrgRules]
    clock: Callable[[], datetime]
