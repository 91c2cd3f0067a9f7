"""The scheduled sweep: reminders to slow approvers, expiry or escalation, and a nudge for stuck stories.

Runs from a schedule (every few minutes) with an injectable clock, so tests move time instead of waiting.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cached_property

from ..adapters.ports import Queues
from ..domain import markers
from ..domain.approval import Progress
from ..domain.errors import ConflictError
from ..domain.states import State
from ..domain.story import StoryRecord
from ..observability import MetricUnit, metrics
from .base import Service
from .messages import Notice, NoticeKind, StoryRef
from .moves import Mover

ACTOR = "system:schedule"
STUCK_AFTER = timedelta(minutes=10)
# A story waits in PUBLISHING through a channel's rate limits (SQS delays of up to 15 minutes, perhaps
# more than once), so only a much longer wait means its message was given up on (parked in the DLQ).
PUBLISHING_STUCK_AFTER = timedelta(hours=1)
NUDGED: dict[State, tuple[str, timedelta]] = {
    State.SUBMITTED: ("checks", STUCK_AFTER),
    State.CHECKING: ("checks", STUCK_AFTER),
    State.APPROVED: ("publish", STUCK_AFTER),
    State.PUBLISHING: ("publish", PUBLISHING_STUCK_AFTER),
}


@dataclass(frozen=True)
class SweepReport:
    reminded: int = 0
    escalated: int = 0
    expired: int = 0
    overdue: int = 0
    nudged: int = 0


@dataclass(kw_only=True)
class ScheduleService(Service):
    queues: Queues

    def sweep(self) -> SweepReport:
        now = self.clock()
        approval = self.rules().approval
        remind_after = timedelta(hours=approval.remind_after_hours)
        expire_after = timedelta(hours=approval.expire_after_hours)
        reminded = escalated = expired = overdue = nudged = 0
        for record in self.table.list():
            if record.state is State.PENDING_APPROVAL:
                progress = Progress.from_extra(record.extra)
                if progress is None:
                    continue
                waited = now - progress.since
                if waited >= expire_after:
                    if progress.current.escalate_to and not progress.escalated:
                        escalated += self._escalate(record, progress, now)
                    else:
                        expired += self._expire(record, now)
                elif waited >= remind_after:
                    overdue += 1
                    reminded += self._remind(record, progress, now)
            elif (
                record.state is State.SCHEDULED and record.publish_at is not None and record.publish_at <= now
            ):
                key = markers.due(record.story_id, record.version, record.publish_at)
                if self.table.claim(key, owner=ACTOR, now=now):
                    self.table.complete(key, {"at": now.isoformat()})
                    self.queues.send("publish", StoryRef.of(record).to_body())
                    nudged += 1
            elif record.state in NUDGED and now - record.updated_at > NUDGED[record.state][1]:
                # A crash between a state change and its message, or a message that kept failing until
                # it was parked: send it again (stages are idempotent). Again each time the wait doubles,
                # so a nudge that fails too is not the last, and a story that can never move costs a
                # message now and then rather than one every sweep.
                queue, after = NUDGED[record.state]
                doublings = int(math.log2((now - record.updated_at) / after))
                key = markers.nudge(record.story_id, record.version, record.state.value, doublings)
                if self.table.claim(key, owner=ACTOR, now=now):
                    self.table.complete(key, {"at": now.isoformat()})
                    self.queues.send(queue, StoryRef.of(record).to_body())
                    nudged += 1
        # Counted here rather than by an alarm on each DLQ: CloudWatch bills an alarm by the metrics
        # it reads, and this count pages through the one needs-attention alarm (definition.PAGED_METRICS).
        metrics.add_metric(name="DeadLetters", unit=MetricUnit.Count, value=self.queues.dead_letters())
        return SweepReport(reminded, escalated, expired, overdue, nudged)

    def _notice(self, kind: NoticeKind, record: StoryRecord) -> None:
        self.queues.send("notify", Notice(kind, record.story_id, record.version).to_body())

    def _remind(self, record: StoryRecord, progress: Progress, now: datetime) -> int:
        key = markers.remind(record.story_id, record.version, progress.step, progress.since)
        if not self.table.claim(key, owner=ACTOR, now=now):
            return 0
        self.table.complete(key, {"at": now.isoformat()})
        self._notice("reminder", record)
        return 1

    @cached_property
    def _moves(self) -> Mover:
        return Mover(table=self.table, clock=self.clock, actor=ACTOR)

    def _move(
        self, record: StoryRecord, to: State, action: str, reason: str, updates: dict[str, object]
    ) -> bool:
        try:
            self._moves.move(record, to, action, reason, updates)
        except ConflictError:
            return False  # decided while we looked: nothing to do
        return True

    def _escalate(self, record: StoryRecord, progress: Progress, now: datetime) -> int:
        after = progress.escalate(now)
        who = ", ".join(progress.current.escalate_to)
        if not self._move(
            record,
            State.PENDING_APPROVAL,
            "escalated",
            f"no decision in time; asked {who}",
            {"extra": after.to_extra()},
        ):
            return 0
        self._notice("approval_request", record)
        return 1

    def _expire(self, record: StoryRecord, now: datetime) -> int:
        if not self._move(
            record, State.EXPIRED, "expired", "no decision in time", {"reason": "not approved in time"}
        ):
            return 0
        self._notice("expired", record)
        return 1
