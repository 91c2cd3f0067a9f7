"""One state change of a story: the audit event and the conditional write that records it, built the
same way by every service. A lost race raises ConflictError; each service decides what that means."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from ..adapters.ports import StoryTable
from ..domain.states import State
from ..domain.story import AuditEvent, StoryRecord


def move(
    table: StoryTable,
    record: StoryRecord,
    to: State,
    *,
    actor: str,
    action: str,
    at: datetime,
    reason: str = "",
    updates: Mapping[str, object] | None = None,
) -> StoryRecord:
    """Move ``record`` from the state and version it was read in to ``to``, with its audit event."""
    event = AuditEvent(
        record.story_id, at, actor, action, record.state, to, record.version, record.content_hash, reason
    )
    return table.transition(
        record.story_id,
        expected=[record.state],
        to=to,
        event=event,
        expected_version=record.version,
        updates=updates,
    )
