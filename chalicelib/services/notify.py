"""Notify: every email the pipeline sends, each at most once per story version, step and recipient."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import timedelta

from ..adapters.ports import Mailer, OutgoingEmail, StoryStore
from ..domain import markers
from ..domain.approval import Progress
from ..domain.errors import RateLimited, Retryable
from ..domain.findings import IN_TITLE, Verdict
from ..domain.links import Purpose
from ..domain.states import State
from ..domain.story import StoryRecord, Version
from ..observability import logger
from ..policy.rules import OrgRules
from ..render import RenderedEmail, email, highlight
from .base import Service
from .limits import RateLimiter
from .links import LinkIssuer
from .messages import Notice, NoticeKind

SUBJECTS: dict[NoticeKind, str] = {
    "receipt": "We have your story: {title}",
    # No title: the form lets anyone choose it, and it must not reach a colleague's inbox in a subject
    # sent from the organisation's own address.
    "confirm": "Confirm the story you sent",
    "invalid": "We could not read your story",
    "changes_needed": "Changes needed before approval: {title}",
    "blocked": "Blocked by the checks: {title}",
    "changes_requested": "Changes requested: {title}",
    "approval_request": "Approval needed: {title}",
    "reminder": "Reminder: approval needed: {title}",
    "approved": "Approved: {title}",
    "rejected": "Not published: {title}",
    "expired": "Not approved in time: {title}",
    "published": "Published: {title}",
    "published_team": "Now live: {title}",
}
TEMPLATES: dict[NoticeKind, str] = {"reminder": "approval_request"}
LINKS: dict[NoticeKind, Purpose] = {
    "receipt": "describe",  # shown only when a photo has no description
    "approval_request": "approve",
    "reminder": "approve",
    "confirm": "confirm",
    "changes_needed": "revise",
    "changes_requested": "revise",
    "blocked": "override",
    "published_team": "takedown",
}
WITH_FINDINGS: frozenset[NoticeKind] = frozenset(
    {"approval_request", "reminder", "changes_needed", "changes_requested", "blocked"}
)
MAIL_CLAIM_STALE_S = 300.0


def without_our_subject(title: str) -> str:
    """A title with the start of one of our own subjects taken off ("We have your story: Bins" → "Bins"),
    for a reply to our email that arrives as a story of its own (its references lost on the way)."""
    for subject in SUBJECTS.values():
        prefix = subject.split("{title}", 1)[0]
        if "{title}" in subject and prefix and title.lower().startswith(prefix.lower()):
            return without_our_subject(title[len(prefix) :].strip()) or title
    return title


WITHHELD_TITLE = "title withheld"
# The emails one notice stands for besides its own kind: the team's copy goes with the author's, from
# one queue message (one SQS send, receive and delete and one invocation fewer). Each email is still
# once-only by its own marker, so a redelivery sends only what did not go.
SENT_WITH: Mapping[NoticeKind, tuple[NoticeKind, ...]] = {
    "published": ("published_team",),
    "changes_needed": ("blocked",),
}


@dataclass(kw_only=True)
class NotifyService(Service):
    limiter: RateLimiter
    stories: StoryStore
    mailer: Mailer
    links: LinkIssuer

    def handle(self, notice: Notice) -> int:
        """Send what the notice calls for; returns how many emails went out now."""
        record = self.table.get(notice.story_id)
        if record is None:
            raise Retryable(f"story {notice.story_id} not found yet")
        if notice.version and record.version != notice.version and notice.kind not in ("rejected", "expired"):
            return 0  # a newer version superseded this one; its own notices will follow
        rules = self.rules()
        version = self.stories.get_version(record.story_id, notice.version) if notice.version > 0 else None
        step = self._step(record)
        sent = 0
        for kind in (notice.kind, *SENT_WITH.get(notice.kind, ())):
            this = notice if kind == notice.kind else replace(notice, kind=kind)
            for to in self._recipients(kind, record, rules):
                rendered = self._render(kind, record, version, rules, to, step=step)
                sent += self._send_once(this, record, to, rendered, rules, step=step)
        return sent

    @staticmethod
    def _step(record: StoryRecord) -> int:
        progress = Progress.from_extra(record.extra)
        return progress.step if progress else 0

    def _recipients(self, kind: NoticeKind, record: StoryRecord, rules: OrgRules) -> tuple[str, ...]:
        if kind in ("approval_request", "reminder"):
            progress = Progress.from_extra(record.extra)
            if progress is None or record.state is not State.PENDING_APPROVAL:
                return ()
            return tuple(
                a
                for a in progress.current.approvers
                if self.table.marker(markers.vote(record.story_id, record.version, progress.step, a)) is None
            )
        if kind in ("blocked", "published_team"):
            return rules.approval.override_by or rules.approval.steps[-1].approvers
        if kind == "confirm":
            return (record.submitter,)  # a staff-domain address; the link proves it is theirs
        # Never answer a sender we could not authenticate: that would help a spoofer.
        return (record.submitter,) if record.authenticated else ()

    def _render(
        self,
        kind: NoticeKind,
        record: StoryRecord,
        version: Version | None,
        rules: OrgRules,
        to: str,
        step: int,
    ) -> RenderedEmail:
        title = version.title if version else record.title
        progress = Progress.from_extra(record.extra)
        ctx: dict[str, object] = {
            "org": rules.organisation.name,
            "submission_address": rules.organisation.submission_address,
            "record": record,
            "version": version,
            "reminder": kind == "reminder",
            "step_name": progress.current.name if progress else "",
            "steps": len(progress.plan) if progress else 1,
            "step_number": step + 1,
        }
        title_flagged = False
        if version is not None and kind in WITH_FINDINGS:
            verdict = self.stories.get_findings(record.story_id, version.number) or Verdict()
            ctx.update(
                findings=verdict.findings,
                text=version.text,
                highlighted=highlight(version.text, verdict.findings),
            )
            title_flagged = any(f.reason.startswith(IN_TITLE) for f in verdict.findings)
        if version is not None and kind in ("approval_request", "reminder"):
            # What approving will spend on X, where a link in a post multiplies its price by 13.
            from .publish import describe_x_cost

            ctx["x_cost"] = describe_x_cost(version, rules)
        purpose = LINKS.get(kind)
        if version is not None and purpose is not None:
            link, expires = self.links.issue(
                purpose, version, actor=to, step=step, ttl=timedelta(hours=rules.approval.link_ttl_hours)
            )
            ctx.update(link=link, approver=to, expires=expires.strftime("%-d %B %Y at %H:%M UTC"))
        if kind == "blocked" and title_flagged and version is not None:
            # The comms notice never repeats the story; when the checks found something in the title,
            # that includes the title (the link above is still bound to the real version).
            title = WITHHELD_TITLE
            ctx["version"] = replace(version, title=title)
        return email(TEMPLATES.get(kind, kind), SUBJECTS[kind].format(title=title), **ctx)

    def _send_once(
        self,
        notice: Notice,
        record: StoryRecord,
        to: str,
        rendered: RenderedEmail,
        rules: OrgRules,
        step: int,
    ) -> int:
        key = markers.mail(notice.kind, record.story_id, notice.version, step, to)
        if not self.table.claim(key, owner="notify", now=self.clock(), stale_after_s=MAIL_CLAIM_STALE_S):
            return 0  # already sent, or being sent right now by another delivery
        if notice.kind == "confirm":
            # The form is the only way to make us mail an address it has not proven: cap it, so
            # nobody can use the organisation's own address to flood a colleague's inbox.
            try:
                self.limiter.take("confirm", to, rules.limits.confirmations_per_address_per_hour)
            except RateLimited as e:
                self.table.complete(key, {"skipped": e.reason})
                return 0
        try:
            message_id = self.mailer.send(
                OutgoingEmail(
                    to=(to,),
                    subject=rendered.subject,
                    text=rendered.text,
                    html=rendered.html,
                    sender=rules.organisation.sender_address,
                    sender_name=rules.organisation.name,
                    reply_to=(rules.organisation.submission_address,),
                    headers={"X-Real-Stories-Id": record.story_id, "Auto-Submitted": "auto-generated"},
                )
            )
        except Exception:
            self.table.release(key)  # not sent: a retry of this message may send it
            raise
        self.table.complete(key, {"message_id": message_id})
        # A reply to any email we send (In-Reply-To names it) is about this story, never a new one: the
        # next version when the story waits for changes, a comment on it otherwise. The mailer names
        # each message once, so this needs no claim: one write (writing it again writes the same).
        self.table.complete(
            markers.message(message_id),
            {"story_id": record.story_id, "version": str(notice.version), "kind": notice.kind},
        )
        logger.info("email sent", extra={"kind": notice.kind, "story_id": record.story_id})
        return 1
