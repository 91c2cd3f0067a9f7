"""What every service is built with (the table, the organisation's rules and the clock), and what every
pipeline stage adds to it (the story store and the queues)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TypedDict

from ..adapters.ports import Queues, StoryStore, StoryTable
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


@dataclass(kw_only=True)
class StageService(Service):
    """A pipeline stage: it reads and writes stories and hands them on through the queues."""

    stories: StoryStore
    queues: Queues


class StageParts(ServiceParts):
    """A ``StageService``'s own fields, as the composition root passes them to every stage."""

    stories: StoryStore
    queues: Queues
