"""Decide: what a person sees behind an emailed link, and what their POST does.

A GET only ever reads. Every POST is checked for its form token, then made once: each approver's
vote is a once-only marker, and the decision that ends a step is another, so two approvers clicking
at the same moment give one outcome, and both clicks are in the audit trail.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from hashlib import sha256
from typing import Literal

from ..domain import markers
from ..domain.approval import Progress, Step
from ..domain.errors import ConflictError, LinkError
from ..domain.findings import Finding, Inspection, Verdict
from ..domain.links import LinkClaims, Purpose, check_form_token, form_token
from ..domain.states import State
from ..domain.story import AuditEvent, Image, StoryRecord, Version
from ..domain.text import clean_line, clean_text
from ..observability import MetricUnit, metrics
from ..policy.routing import approval_steps
from .base import StageService
from .links import LinkIssuer
from .messages import Notice, NoticeKind, StoryRef
from .moves import Mover
from .publish import describe_x_cost
from .versions import new_version

Outcome = Literal[
    "blurred",
    "approved",
    "step-approved",
    "voted",
    "rejected",
    "changes-requested",
    "confirmed",
    "overridden",
    "revised",
    "withdrawn",
    "already",
    "invalid",
]
MAX_REASON = 2000
# A click's claims on its vote and its step are completed within a second or two; one still unfinished
# after this long belongs to a click that died (and whose clean-up failed too), so a new click may
# take it over instead of finding the story "already decided" while it still waits.
CLICK_CLAIM_STALE_S = 120.0
MAX_TEXT = 20_000

# The states a link's page can act in, per purpose.
WAITING: dict[Purpose, frozenset[State]] = {
    "approve": frozenset({State.PENDING_APPROVAL}),
    "confirm": frozenset({State.RECEIVED}),
    "revise": frozenset({State.CHANGES_NEEDED}),
    "override": frozenset({State.CHANGES_NEEDED}),
    "takedown": frozenset({State.PUBLISHED}),
    # The author describes their photos while the story waits, for approval or for changes.
    "describe": frozenset({State.PENDING_APPROVAL, State.CHANGES_NEEDED}),
}
MAX_ALT = 1000


# IMG-FACE's id, written out: the inspector's package (chalicelib/inspect) is loaded by its own function.
IMG_FACE = "IMG-FACE"
FACES_AGREED = "the approver confirmed the people pictured agreed to the photos being published"
FACES_PROBLEM = (
    "The photos show people. Tick the box to confirm they agreed to the photos being published, or ask "
    "for changes."
)


@dataclass(frozen=True)
class LinkView:
    """Everything a link's page shows."""

    claims: LinkClaims
    record: StoryRecord
    version: Version
    findings: tuple[Finding, ...]
    csrf: str
    can_decide: bool
    step_name: str = ""
    steps: int = 1
    photos: Inspection | None = None  # what the inspection saw in the photos: their sizes, for the boxes
    x_cost: str = ""  # what approving will spend on X ("about $0.02 on X (1 post)"), "" when X is off


@dataclass(frozen=True)
class DecisionResult:
    outcome: Outcome
    record: StoryRecord | None = None
    problems: tuple[str, ...] = field(default_factory=tuple)


@dataclass(kw_only=True)
class DecideService(StageService):
    links: LinkIssuer
    takedown: Callable[[str, str, str], object] | None = None

    def view(self, token: str, purpose: Purpose) -> LinkView:
        """Read-only: verify the link and gather the page; raises LinkError for its own page."""
        claims = self.links.read(token, purpose)
        record = self.table.get(claims.story_id)
        if record is None:
            raise LinkError("tampered", "This link is not one we sent.")
        if record.version != claims.version or not record.content_hash.startswith(claims.content_hash):
            raise LinkError("superseded", "There is a newer version of this story.")
        version = self.stories.get_version(claims.story_id, claims.version)
        verdict = self.stories.get_findings(claims.story_id, claims.version) or Verdict()
        can_decide = record.state in WAITING[purpose]
        step_name, steps = "", 1
        if purpose == "approve":
            progress = Progress.from_extra(record.extra)
            if progress is None or progress.step != claims.step:
                can_decide = False
            else:
                step_name, steps = progress.current.name, len(progress.plan)
                voted = self.table.marker(self._vote_key(claims))
                can_decide = can_decide and (voted is None or self._abandoned(voted))
        return LinkView(
            claims=claims,
            record=record,
            version=version,
            findings=verdict.findings,
            csrf=form_token(token, self.links.keys),
            can_decide=can_decide,
            step_name=step_name,
            steps=steps,
            photos=self.stories.get_inspection(claims.story_id, claims.version) if version.images else None,
            x_cost=describe_x_cost(version, self.rules()) if purpose in ("approve", "override") else "",
        )

    # --- deciding --------------------------------------------------------------------------------
    def decide(
        self,
        token: str,
        purpose: Purpose,
        *,
        decision: str,
        reason: str,
        csrf: str,
        publish_at: datetime | None = None,
        faces_agreed: bool = False,
    ) -> DecisionResult:
        """``faces_agreed``: the approver ticked that the people in the photos agreed to publication."""
        view = self._checked_view(token, purpose, csrf)
        reason = clean_text(reason)[:MAX_REASON]
        allowed = {
            "approve": ("approve", "reject", "changes"),
            "confirm": ("confirm",),
            "override": ("override",),
            "takedown": ("takedown",),
        }
        if decision not in allowed.get(purpose, ()):
            return DecisionResult("invalid", view.record, problems=("Choose one of the buttons on the page",))
        if decision in ("reject", "changes", "override", "takedown") and not reason:
            what = {
                "reject": "rejecting the story",
                "changes": "the changes you need",
                "override": "the override",
                "takedown": "taking the story down",
            }
            return DecisionResult("invalid", view.record, problems=(f"Give a reason for {what[decision]}",))
        if not view.can_decide:
            return self._already(view, decision, reason)
        undescribed = [str(n) for n, img in enumerate(view.version.images, start=1) if not img.alt.strip()]
        if purpose == "approve" and decision == "approve" and undescribed:
            # A photo is published only with a description (A11Y-ALT blocks at publication, not intake).
            return DecisionResult(
                "invalid",
                view.record,
                problems=(
                    f"Photo {', '.join(undescribed)} has no description yet. Use “Edit the story” to write "
                    "what it shows, or ask the author (their receipt has a link to describe it).",
                ),
            )
        faces = sum(f.check == IMG_FACE for f in view.findings)
        if purpose == "approve" and decision == "approve" and faces:
            if not faces_agreed:
                return DecisionResult("invalid", view.record, problems=(FACES_PROBLEM,))
            pictured = "1 face" if faces == 1 else f"{faces} faces"
            self.table.add_event(
                self._event(view, "faces-consent-confirmed", f"{pictured} in the photos: {FACES_AGREED}")
            )
        if purpose == "confirm":
            return self._confirm(view)
        if purpose == "override":
            return self._override(view, reason)
        if purpose == "takedown" and self.takedown is not None:
            self.takedown(view.record.story_id, view.claims.actor, reason)
            return DecisionResult("withdrawn", self.table.get(view.record.story_id))
        if publish_at is not None and publish_at <= self.clock():
            return DecisionResult(
                "invalid", view.record, problems=("Choose a publishing time in the future",)
            )
        return self._vote(view, decision, reason, publish_at)

    def revise(
        self,
        token: str,
        purpose: Purpose,
        *,
        title: str,
        text: str,
        csrf: str,
        alts: Mapping[int, str] | None = None,
    ) -> DecisionResult:
        """A new version: an approver's edit (approve), the author's revision (revise) or their photos'
        descriptions (describe). ``alts`` maps a photo's number (from 1) to its new description."""
        view = self._checked_view(token, purpose, csrf)
        # The same cleaner as the form and email: no control character reaches a header, post or feed.
        title = clean_line(title) if title.strip() else view.version.title
        text = clean_text(text) if text.strip() or purpose != "describe" else view.version.text
        images = tuple(
            replace(img, alt=clean_line((alts or {}).get(n, img.alt), max_chars=MAX_ALT))
            for n, img in enumerate(view.version.images, start=1)
        )
        if purpose == "describe" and any(not img.alt for img in images):
            missing = [str(n) for n, img in enumerate(images, start=1) if not img.alt]
            return DecisionResult(
                "invalid", view.record, problems=(f"Describe photo {', '.join(missing)}: say what it shows",)
            )
        if not text:
            return DecisionResult("invalid", view.record, problems=("Enter the story",))
        if len(text) > MAX_TEXT or len(title) > 150:
            return DecisionResult("invalid", view.record, problems=("The story or its title is too long",))
        if not view.can_decide:
            return self._already(view, "edit", "")
        action = {"approve": "edited-by-approver", "describe": "photos-described-by-author"}.get(
            purpose, "revised-by-author"
        )
        try:
            moved = self._new_version(view, purpose, title=title, text=text, images=images, action=action)
        except ConflictError:
            return self._already(view, "edit", "")
        return DecisionResult("revised", moved)

    def blur(self, token: str, purpose: Purpose, *, choice: str, csrf: str) -> DecisionResult:
        """A new version whose photos have the chosen findings blurred (faces, plates, flagged text, or
        one finding); the previous version's photos are kept as they were and never published. The new
        version is inspected and checked again; the audit trail says who blurred what."""
        from ..inspect.blur import blur_plan, blur_regions

        view = self._checked_view(token, purpose, csrf)
        if purpose not in ("approve", "override"):
            return DecisionResult("invalid", view.record, problems=("Choose one of the buttons on the page",))
        plan, said = blur_plan(view.findings, choice)
        if not plan:
            return DecisionResult("invalid", view.record, problems=("There is nothing of that kind to blur",))
        if not view.can_decide:
            return self._already(view, "blur", said)
        images = list(view.version.images)
        media: dict[str, bytes] = {}
        for index, boxes in plan.items():
            img = images[index]
            name = img.key.rsplit("/", 1)[-1]
            data = self.stories.get_media(view.version.story_id, view.version.number, name)
            media[name], content_type = blur_regions(data, boxes)
            images[index] = replace(img, content_type=content_type, sha256=sha256(media[name]).hexdigest())
        try:
            moved = self._new_version(
                view,
                purpose,
                title=view.version.title,
                text=view.version.text,
                images=tuple(images),
                media=media,
                action="photos-blurred",
                reason=said,
            )
        except ConflictError:
            return self._already(view, "blur", said)
        return DecisionResult("blurred", moved)

    # --- internals -------------------------------------------------------------------------------
    def _new_version(
        self,
        view: LinkView,
        purpose: Purpose,
        *,
        title: str,
        text: str,
        images: tuple[Image, ...] | None,
        action: str,
        media: Mapping[str, bytes] | None = None,
        reason: str = "",
    ) -> StoryRecord:
        """The next version, written by the link's holder from the page (an edit, a revision, new
        descriptions or blurred photos): raises ConflictError when the story has moved on meanwhile."""
        return new_version(
            stories=self.stories,
            table=self.table,
            queues=self.queues,
            record=view.record,
            title=title,
            text=text,
            images=images,
            media=media,
            author=view.claims.actor,
            source="edit",
            now=self.clock(),
            expected=WAITING[purpose],
            action=action,
            reason=reason,
        )

    def _checked_view(self, token: str, purpose: Purpose, csrf: str) -> LinkView:
        view = self.view(token, purpose)
        if not check_form_token(token, csrf, self.links.keys):
            raise LinkError("forged-form", "This form was not sent from the page we showed you.")
        return view

    @staticmethod
    def _vote_key(claims: LinkClaims) -> str:
        return markers.vote(claims.story_id, claims.version, claims.step, claims.actor)

    @staticmethod
    def _step_key(claims: LinkClaims) -> str:
        return markers.step(claims.story_id, claims.version, claims.step)

    def _event(self, view: LinkView, action: str, reason: str) -> AuditEvent:
        """A click kept in the audit trail that changed nothing."""
        record = view.record
        return AuditEvent(
            record.story_id,
            self.clock(),
            view.claims.actor,
            action,
            None,
            None,
            record.version,
            record.content_hash,
            reason,
        )

    def _move(
        self, view: LinkView, to: State, action: str, reason: str, updates: Mapping[str, object]
    ) -> StoryRecord:
        """The approver's move, from the state and version their page showed (it waited in that state)."""
        return Mover(table=self.table, clock=self.clock, actor=view.claims.actor).move(
            view.record, to, action, reason, updates
        )

    def _already(self, view: LinkView, decision: str, reason: str) -> DecisionResult:
        """Nothing is changed, but the click is kept in the audit trail (two approvers at once: both show)."""
        current = self.table.get(view.record.story_id) or view.record
        state = current.state.value.replace("_", " ").lower()
        self.table.add_event(self._event(view, f"{decision}-not-applied", f"the story was already {state}"))
        if current.state is State.APPROVED:
            # A replay after a crash between the decision and the enqueue: enqueue again (idempotent).
            self.queues.send("publish", StoryRef.of(current).to_body())
        return DecisionResult("already", current)

    def _confirm(self, view: LinkView) -> DecisionResult:
        try:
            moved = self._move(view, State.SUBMITTED, "confirmed-address", "", {"authenticated": True})
        except ConflictError:
            return self._already(view, "confirm", "")
        self.queues.send("checks", StoryRef.of(moved).to_body())
        self._notify("receipt", moved)
        return DecisionResult("confirmed", moved)

    def _override(self, view: LinkView, reason: str) -> DecisionResult:
        """A comms officer lets a blocked story go to approval; the reason is kept in the audit trail."""
        steps = approval_steps(self.rules(), submitter=view.record.submitter, findings=view.findings)
        progress = Progress(
            tuple(Step(s.name, s.approvers, s.mode, s.escalate_to) for s in steps), 0, self.clock()
        )
        try:
            moved = self._move(
                view, State.PENDING_APPROVAL, "block-overridden", reason, {"extra": progress.to_extra()}
            )
        except ConflictError:
            return self._already(view, "override", reason)
        self._notify("approval_request", moved)
        return DecisionResult("overridden", moved)

    def _vote(
        self, view: LinkView, decision: str, reason: str, publish_at: datetime | None
    ) -> DecisionResult:
        claims = view.claims
        progress = Progress.from_extra(view.record.extra)
        assert progress is not None  # view() only lets a planned story be decided
        vote_key, step_key = self._vote_key(claims), self._step_key(claims)
        now = self.clock()
        if not self.table.claim(vote_key, owner=claims.actor, now=now, stale_after_s=CLICK_CLAIM_STALE_S):
            return self._already(view, decision, reason)
        vote = {"decision": decision, "reason": reason}
        step = progress.current
        # An approval in an "all" step is recorded first, so approvers clicking at once see each other's.
        counted = decision == "approve" and step.mode == "all"
        step_claimed = False
        try:
            if counted:
                self.table.complete(vote_key, vote)
            if counted and not self._all_approved(claims, step.approvers):
                self.table.add_event(
                    self._event(view, f"vote-{decision}", f"step {step.name}: {reason}".strip())
                )
                return DecisionResult("voted", view.record)
            if not self.table.claim(step_key, owner=claims.actor, now=now, stale_after_s=CLICK_CLAIM_STALE_S):
                # Someone else ended this step a moment ago; _already keeps this click in the audit trail.
                self.table.complete(vote_key, vote)
                return self._already(view, decision, reason)
            step_claimed = True
            result = self._apply(view, progress, decision, reason, publish_at)
        except Exception:
            # A failure (a throttled write, a crash) before the decision was recorded: give back what this
            # click claimed, so that clicking again decides instead of finding the story "already decided"
            # while it still waits. A completed claim is kept: release only undoes an unfinished one.
            if step_claimed:
                self.table.release(step_key)
            self.table.release(vote_key)
            raise
        self.table.complete(step_key, {"decision": decision, "by": claims.actor})
        self.table.complete(vote_key, vote)
        return result

    def _abandoned(self, marker: Mapping[str, str]) -> bool:
        """A vote claimed by a click that never finished, long enough ago that it never will."""
        if marker.get("status") != "claimed" or "claimed_at" not in marker:
            return False
        claimed_at = datetime.fromisoformat(marker["claimed_at"])
        return (self.clock() - claimed_at).total_seconds() > CLICK_CLAIM_STALE_S

    def _all_approved(self, claims: LinkClaims, approvers: tuple[str, ...]) -> bool:
        for approver in approvers:
            vote = self.table.marker(markers.vote(claims.story_id, claims.version, claims.step, approver))
            if vote is None or vote.get("decision") != "approve":
                return False
        return True

    def _apply(
        self, view: LinkView, progress: Progress, decision: str, reason: str, publish_at: datetime | None
    ) -> DecisionResult:
        now = self.clock()
        latency = (now - progress.since).total_seconds()
        metrics.add_metric(name="ApprovalLatencySeconds", unit=MetricUnit.Seconds, value=latency)
        updates: dict[str, object]
        if decision == "reject":
            to, updates, outcome, notice = State.REJECTED, {"reason": reason}, "rejected", "rejected"
        elif decision == "changes":
            to, updates, outcome, notice = (
                State.CHANGES_NEEDED,
                {"reason": reason},
                "changes-requested",
                "changes_requested",
            )
        elif progress.is_last:
            to, updates, outcome, notice = State.APPROVED, {"publish_at": publish_at}, "approved", "approved"
        else:
            nxt = progress.next_step(now)
            to, updates, outcome, notice = (
                State.PENDING_APPROVAL,
                {"extra": nxt.to_extra()},
                "step-approved",
                "approval_request",
            )
        action = {"reject": "rejected", "changes": "changes-requested", "approve": "approved"}[decision]
        try:
            moved = self._move(view, to, f"{action} (step {progress.current.name})", reason, updates)
        except ConflictError:
            return self._already(view, decision, reason)
        if moved.state is State.APPROVED:
            self.queues.send("publish", StoryRef.of(moved).to_body())
        self._notify(notice, moved)  # type: ignore[arg-type]
        return DecisionResult(outcome, moved)  # type: ignore[arg-type]

    def _notify(self, kind: NoticeKind, record: StoryRecord) -> None:
        self.queues.send("notify", Notice(kind, record.story_id, record.version).to_body())
