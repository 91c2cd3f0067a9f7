"""Where a story is in its approval: the plan of steps fixed when it entered approval, and the current step.

Kept on the story's row (as strings in ``extra``) so that a change to the rules file mid-approval does
not move the goalposts for a story already on its way.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal


@dataclass(frozen=True)
class Step:
    name: str
    approvers: tuple[str, ...]
    mode: Literal["any", "all"] = "any"
    escalate_to: tuple[str, ...] = ()


@dataclass(frozen=True)
class Progress:
    plan: tuple[Step, ...]
    step: int
    since: datetime
    escalated: bool = False

    @property
    def current(self) -> Step:
        return self.plan[self.step]

    @property
    def is_last(self) -> bool:
        return self.step == len(self.plan) - 1

    def next_step(self, now: datetime) -> Progress:
        return Progress(self.plan, self.step + 1, now, escalated=False)

    def escalate(self, now: datetime) -> Progress:
        step = self.current
        extra = tuple(a for a in step.escalate_to if a not in step.approvers)
        plan = list(self.plan)
        plan[self.step] = replace(step, approvers=step.approvers + extra, mode="any")
        return Progress(tuple(plan), self.step, now, escalated=True)

    def to_extra(self) -> dict[str, str]:
        return {
            "plan": json.dumps(
                [
                    {
                        "name": s.name,
                        "approvers": list(s.approvers),
                        "mode": s.mode,
                        "escalate_to": list(s.escalate_to),
                    }
                    for s in self.plan
                ]
            ),
            "step": str(self.step),
            "step_since": self.since.isoformat(),
            "escalated": "1" if self.escalated else "",
        }

    @classmethod
    def from_extra(cls, extra: dict[str, str]) -> Progress | None:
        if "plan" not in extra:
            return None
        plan = tuple(
            Step(
                name=str(s["name"]),
                approvers=tuple(s["approvers"]),
                mode="all" if s.get("mode") == "all" else "any",
                escalate_to=tuple(s.get("escalate_to", ())),
            )
            for s in json.loads(extra["plan"])
        )
        return cls(
            plan=plan,
            step=int(extra.get("step", "0")),
            since=datetime.fromisoformat(extra["step_since"]),
            escalated=extra.get("escalated") == "1",
        )
