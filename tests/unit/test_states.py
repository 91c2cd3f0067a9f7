"""The state machine: only the designed transitions are possible."""

from __future__ import annotations

import pytest

from chalicelib.domain.errors import InvalidTransition
from chalicelib.domain.states import TERMINAL, State, can_transition, require, sources_for


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
    for s in State:
        assert isinstance(can_transition(s, State.WITHDRAWN), bool)
