"""One state change of a story: the audit event and the conditional write that records it, built the
same way by every service. A lost race raises ConflictError, or Retryable for a ``Mover`` told what it
interrupts."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

from ..adapters.ports import StoryTable
from ..domain.errors import ConflictError, Retryable
from ..domain.states import State
from ..domain.story import AuditEvent, StoryRecord


@dataclass(frozen=True, kw_only=True)
class Mover:
    """The moves one actor (a stage, or the person behind a link) makes, stamped with their time."""

    table: StoryTable
    clock: Callable[[], datetime]
    actor: str
    # What a lost race (someone else moved the story first, a parallel redelivery) interrupts: the
    # move raises Retryable saying so, and the message is handled again from the fresh state. Left
    # None, the ConflictError reaches the caller, which decides what it means.
    doing: str | None = None

    def move(
        self,
        record: StoryRecord,
        to: State,
        action: str,
        reason: str = "",
        updates: Mapping[str, object] | None = None,
    ) -> StoryRecord:
        """Move ``record`` from the state and version it was read in to ``to``, with its audit event."""
        event = AuditEvent(
            record.story_id,
            self.clock(),
            self.actor,
            action,
            record.state,
            to,
            record.version,
            record.content_hash,
            reason,
        )
        try:
            return self.table.transition(
                record.story_id,
                expected=[record.state],
                to=to,
                event=event,
                expected_version=record.version,
                updates=updates,
            )
        except ConflictError as e:
            if self.doing is None:
                raise
            raise Retryable(f"story {record.story_id} changed while {self.doing}") from e
