"""The story state machine: which transitions are allowed, so that every writer agrees."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from .errors import InvalidTransition


class State(StrEnum):
    RECEIVED = "RECEIVED"
    SUBMITTED = "SUBMITTED"
    CHECKING = "CHECKING"
    CHANGES_NEEDED = "CHANGES_NEEDED"
    PENDING_APPROVAL = "PENDING_APPROVAL"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"
    EXPIRED = "EXPIRED"
    SCHEDULED = "SCHEDULED"
    PUBLISHING = "PUBLISHING"
    PUBLISHED = "PUBLISHED"
    PUBLISH_FAILED = "PUBLISH_FAILED"
    WITHDRAWN = "WITHDRAWN"


S = State
TRANSITIONS: dict[State, frozenset[State]] = {
    # A form submission waits in RECEIVED until its sender confirms the address.
    S.RECEIVED: frozenset({S.SUBMITTED, S.REJECTED}),
    S.SUBMITTED: frozenset({S.CHECKING, S.WITHDRAWN}),
    S.CHECKING: frozenset({S.CHANGES_NEEDED, S.PENDING_APPROVAL}),
    # A revision makes a new version (SUBMITTED); a comms officer's override goes straight to approval.
    S.CHANGES_NEEDED: frozenset({S.SUBMITTED, S.PENDING_APPROVAL, S.REJECTED, S.WITHDRAWN, S.EXPIRED}),
    S.PENDING_APPROVAL: frozenset(
        {S.APPROVED, S.REJECTED, S.EXPIRED, S.CHANGES_NEEDED, S.SUBMITTED, S.WITHDRAWN, S.PENDING_APPROVAL}
    ),
    S.APPROVED: frozenset({S.SCHEDULED, S.PUBLISHING, S.WITHDRAWN}),
    S.SCHEDULED: frozenset({S.PUBLISHING, S.WITHDRAWN}),
    S.PUBLISHING: frozenset({S.PUBLISHED, S.PUBLISH_FAILED, S.PUBLISHING}),
    S.PUBLISH_FAILED: frozenset({S.PUBLISHING, S.WITHDRAWN}),
    S.PUBLISHED: frozenset({S.WITHDRAWN}),
    S.REJECTED: frozenset(),
    S.EXPIRED: frozenset(),
    S.WITHDRAWN: frozenset(),
}

TERMINAL: frozenset[State] = frozenset(s for s, nxt in TRANSITIONS.items() if not nxt) | {S.PUBLISHED}
WAITING: frozenset[State] = frozenset(
    {S.RECEIVED, S.CHANGES_NEEDED, S.PENDING_APPROVAL, S.SCHEDULED, S.PUBLISH_FAILED}
)


def can_transition(src: State, dst: State) -> bool:
    return dst in TRANSITIONS[src]


def sources_for(dst: State) -> frozenset[State]:
    """Every state from which ``dst`` may be reached; used as the condition of a conditional write."""
    return frozenset(s for s, nxt in TRANSITIONS.items() if dst in nxt)


def require(src: State, dst: State) -> None:
    if not can_transition(src, dst):
        raise InvalidTransition(f"a story cannot go from {src} to {dst}")


def checked_sources(expected: Iterable[State], dst: State) -> tuple[State, ...]:
    """The states a conditional write may move a story from, once each is known to allow ``dst``.

    Every state change goes through a table's ``transition``, which calls this: a service asking for a
    move the machine does not have (PENDING_APPROVAL → PUBLISHING) raises InvalidTransition before
    anything is written, instead of the write succeeding because the story happened to be there.
    """
    sources = tuple(sorted(set(expected)))
    if not sources:
        raise InvalidTransition("a transition needs at least one expected state")
    for src in sources:
        require(src, dst)
    return sources
