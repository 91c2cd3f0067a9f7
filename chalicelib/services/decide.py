"""Decide: what an approver or submitter sees behind an emailed link, and what their POST does.

A GET only ever reads. Every POST is checked for its form token, then made once by a conditional
write: a second click, a replay or a lost race finds the story already moved and says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from ..adapters.ports import Queues, StoryStore, StoryTable
from ..domain.errors import ConflictError, LinkError
from ..domain.findings import Finding, Verdict
from ..domain.links import LinkClaims, check_form_token, form_token
from ..domain.states import State
from ..domain.story import AuditEvent, StoryRecord, Version
from .links import LinkIssuer
from .messages import Notice

Outcome = Literal["approved", "rejected", "confirmed", "already", "invalid"]


@dataclass(frozen=True)
class LinkView:
    """Everything a link's page shows."""

    claims: LinkClaims
    record: StoryRecord
    version: Version
    findings: tuple[Finding, ...]
    csrf: str
    can_decide: bool


@dataclass(frozen=True)
class DecisionResult:
    outcome: Outcome
    record: StoryRecord | None = None
    message: str = ""
    problems: tuple[str, ...] = field(default_factory=tuple)


class DecideService:
    def __init__(
        self,
        *,
        table: StoryTable,
        stories: StoryStore,
        queues: Queues,
        links: LinkIssuer,
        clock: Callable[[], datetime],
    ) -> None:
        self._table = table
        self._stories = stories
        self._queues = queues
        self._links = links
        self._clock = clock

    def view(self, token: str, purpose: Literal["approve", "confirm"]) -> LinkView:
        """Read-only: verify the link and gather the page; raises LinkError for its own page."""
        claims = self._links.read(token, purpose)
        record = self._table.get(claims.story_id)
        if record is None:
            raise LinkError("tampered", "This link is not one we sent.")
        if record.version != claims.version or not record.content_hash.startswith(claims.content_hash):
            raise LinkError("superseded", "There is a newer version of this story.")
        version = self._stories.get_version(claims.story_id, claims.version)
        verdict = self._stories.get_findings(claims.story_id, claims.version) or Verdict()
        waiting = State.PENDING_APPROVAL if purpose == "approve" else State.RECEIVED
        return LinkView(
            claims=claims,
            record=record,
            version=version,
            findings=verdict.findings,
            csrf=form_token(token, self._links.keys),
            can_decide=record.state is waiting,
        )

    def decide(self, token: str, *, decision: str, reason: str, csrf: str) -> DecisionResult:
        purpose: Literal["approve", "confirm"] = "confirm" if decision == "confirm" else "approve"
        view = self.view(token, purpose)
        if not check_form_token(token, csrf, self._links.keys):
            raise LinkError("forged-form", "This form was not sent from the page we showed you.")
        if decision == "reject" and not reason.strip():
            return DecisionResult("invalid", view.record, problems=("Give a reason for rejecting the story",))
        if decision not in ("approve", "reject", "confirm"):
            return DecisionResult("invalid", view.record, problems=("Choose approve or reject",))
        to = {"approve": State.APPROVED, "reject": State.REJECTED, "confirm": State.SUBMITTED}[decision]
        expected = State.RECEIVED if decision == "confirm" else State.PENDING_APPROVAL
        record = view.record
        event = AuditEvent(
            record.story_id,
            self._clock(),
            view.claims.actor,
            decision,
            expected,
            to,
            record.version,
            record.content_hash,
            reason.strip()[:1000],
        )
        updates: dict[str, object] = {"reason": reason.strip()[:1000]} if decision == "reject" else {}
        if decision == "confirm":
            updates["authenticated"] = True
        try:
            moved = self._table.transition(
                record.story_id,
                expected=[expected],
                to=to,
                event=event,
                expected_version=record.version,
                updates=updates,
            )
        except ConflictError:
            current = self._table.get(record.story_id) or record
            self._heal(current)
            return DecisionResult("already", current)
        self._after(moved)
        outcome: Outcome = {"approve": "approved", "reject": "rejected", "confirm": "confirmed"}[decision]  # type: ignore[assignment]
        return DecisionResult(outcome, moved)

    def _after(self, record: StoryRecord) -> None:
        ref = {"story_id": record.story_id, "version": record.version}
        if record.state is State.APPROVED:
            self._queues.send("publish", ref)
        elif record.state is State.REJECTED:
            self._queues.send("notify", Notice("rejected", record.story_id, record.version).to_body())
        elif record.state is State.SUBMITTED:
            self._queues.send("checks", ref)
            self._queues.send("notify", Notice("receipt", record.story_id, record.version).to_body())

    def _heal(self, record: StoryRecord) -> None:
        """A replayed POST after a crash between the write and the enqueue: enqueue again (idempotent)."""
        if record.state is State.APPROVED:
            self._queues.send("publish", {"story_id": record.story_id, "version": record.version})
