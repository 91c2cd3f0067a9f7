"""Check: run the organisation's policy over a story version; route it to approval or back to its author."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from functools import cached_property

from ..domain.approval import Progress, Step
from ..domain.errors import Retryable
from ..domain.findings import IN_TITLE, CheckContext, Inspection, Severity, Verdict
from ..domain.states import State
from ..domain.story import StoryRecord, Version
from ..observability import MetricUnit, metrics
from ..policy.catalogue import run_checks
from ..policy.routing import approval_steps
from ..policy.rules import OrgRules
from .base import StageService
from .messages import Notice, NoticeKind, StoryRef
from .moves import Mover

ACTOR = "system:checks"


def check_version(
    version: Version, rules: OrgRules, now: datetime, photos: Inspection | None = None
) -> Verdict:
    """The text's findings, the title's, and what the inspection found in the photos (boxes and all)."""
    ctx = CheckContext(now=now, images=version.images, channel="x")
    verdict = describe_later(run_checks(version.text, ctx, rules), version)
    # The title is published too (the blog's heading, its index and feed, every email), so what must
    # never be published is looked for there as well. Its findings have no span in the text; X's own
    # checks do not apply because the title is not posted to X.
    in_title = run_checks(version.title, CheckContext(now=now, channel="blog"), rules)
    title_findings = tuple(
        replace(f, start=0, end=0, reason=IN_TITLE + f.reason)
        for f in in_title.blocking
        if not f.check.startswith("X-") and f.image is None
    )
    in_photos = photos.findings if photos is not None else ()
    if not title_findings and not in_photos:
        return verdict
    return Verdict(findings=title_findings + verdict.findings + in_photos)


DESCRIBE_LATER_REASON = (
    "Photo {n} has no description yet. It cannot be published without one: the author's receipt has a "
    "link to describe it, and an approver can write one with “Edit the story”."
)


def describe_later(verdict: Verdict, version: Version) -> Verdict:
    """A photo without a description is not a reason to send the story back: an email has nowhere to
    write one. The finding stays, as a warning, and approval and publishing refuse to go on without it."""
    findings = tuple(
        replace(f, severity=Severity.WARN, reason=DESCRIBE_LATER_REASON.format(n=f.image + 1))
        if f.check == "A11Y-ALT" and f.image is not None and not version.images[f.image].alt.strip()
        else f
        for f in verdict.findings
    )
    return replace(verdict, findings=findings)


@dataclass(kw_only=True)
class CheckService(StageService):
    @cached_property
    def _moves(self) -> Mover:
        return Mover(table=self.table, clock=self.clock, actor=ACTOR, doing="checking")

    def check(self, ref: StoryRef) -> State | None:
        record = self.table.get(ref.story_id)
        if record is None:
            # story.json is written after the row, so a missing row is a race we wait out.
            raise Retryable(f"story {ref.story_id} has no table row yet")
        if record.version != ref.version:
            return None  # a newer version superseded this one; its own event will be checked
        if record.state is State.RECEIVED:
            return None  # the form's sender has not confirmed yet; confirmation sends it back here
        if record.state in (State.CHANGES_NEEDED, State.PENDING_APPROVAL):
            self._route(record)  # a redelivery after the decision: make sure the email went
            return record.state
        if record.state not in (State.SUBMITTED, State.CHECKING):
            return None
        now = self.clock()
        version = self.stories.get_version(ref.story_id, ref.version)
        if record.state is State.SUBMITTED:
            record = self._moves.move(record, State.CHECKING, "checking", "")
        photos = self.stories.get_inspection(ref.story_id, ref.version) if version.images else None
        if version.images and photos is None:
            # The photos are looked at first, in their own stage, which sends the version back here.
            self.queues.send("inspect", ref.to_body())
            return record.state
        rules = self.rules()
        verdict = check_version(version, rules, now, photos)
        self.stories.put_findings(ref.story_id, ref.version, verdict)
        for f in verdict.findings:
            metrics.add_metric(name=f"Finding_{f.check}", unit=MetricUnit.Count, value=1)
        if verdict.decision == "block":
            ids = ", ".join(sorted({f.check for f in verdict.blocking}))
            record = self._moves.move(record, State.CHANGES_NEEDED, "blocked-by-checks", ids)
        else:
            summary = ", ".join(sorted({f.check for f in verdict.findings})) or "no findings"
            steps = approval_steps(rules, submitter=record.submitter, findings=verdict.findings)
            progress = Progress(
                plan=tuple(Step(s.name, s.approvers, s.mode, s.escalate_to) for s in steps), step=0, since=now
            )
            record = self._moves.move(
                record, State.PENDING_APPROVAL, "checks-passed", summary, {"extra": progress.to_extra()}
            )
        self._route(record)
        return record.state

    def _route(self, record: StoryRecord) -> None:
        # The comms team's "blocked" email goes with the author's (notify.SENT_WITH).
        kind: NoticeKind = "changes_needed" if record.state is State.CHANGES_NEEDED else "approval_request"
        self.queues.send("notify", Notice(kind, record.story_id, record.version).to_body())
