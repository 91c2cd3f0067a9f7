"""The state machine: only the designed transitions are possible."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chalicelib.domain.errors import InvalidTransition
from chalicelib.domain.states import TERMINAL, TRANSITIONS, State, can_transition, require, sources_for
from chalicelib.domain.story import AuditEvent, StoryRecord
from chalicelib.services.moves import Mover
from local.memory import MemoryStoryTable

T0 = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def test_a_story_cannot_be_published_without_approval() -> None:
    assert not can_transition(State.PENDING_APPROVAL, State.PUBLISHING)
    assert not can_transition(State.SUBMITTED, State.PUBLISHED)


def test_rejected_stories_stay_rejected() -> None:
    assert State.REJECTED in TERMINAL
    with pytest.raises(InvalidTransition):
        require(State.REJECTED, State.APPROVED)


def test_approval_comes_only_from_pending_approval() -> None:
    assert sources_for(State.APPROVED) == {State.PENDING_APPROVAL}


def test_every_state_is_in_the_machine() -> None:
    assert set(TRANSITIONS) == set(State)
    assert all(targets <= set(State) for targets in TRANSITIONS.values())


@pytest.mark.parametrize("src", [s for s in State if s not in sources_for(State.PUBLISHING)])
def test_the_table_refuses_to_start_publishing_a_story_that_was_not_approved(src: State) -> None:
    """The production write path, not the table: every state change goes through transition()."""
    table = MemoryStoryTable()
    record = StoryRecord("s-1", src, 1, "h", "a@example.gov.uk", "A", "t", "email", "raw/email/1", T0, T0)
    table.create(record, AuditEvent("s-1", T0, "system", "submitted", None, src, 1, "h"))
    with pytest.raises(InvalidTransition):
        Mover(table=table, clock=lambda: T0, actor="publish").move(record, State.PUBLISHING, "publishing")
    assert table.get("s-1") == record
