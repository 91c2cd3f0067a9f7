"""Notify: every email the pipeline sends, each at most once per story version and recipient."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from ..adapters.ports import Mailer, OutgoingEmail, StoryStore, StoryTable
from ..domain.errors import Retryable
from ..domain.findings import Verdict
from ..domain.links import Purpose
from ..domain.story import StoryRecord, Version
from ..observability import logger
from ..policy.rules import OrgRules
from ..render import RenderedEmail, email, highlight
from .links import LinkIssuer
from .messages import Notice

SUBJECTS = {
    "receipt": "We have your story: {title}",
    "confirm": "Confirm your story: {title}",
    "invalid": "We could not read your story",
    "changes_needed": "Changes needed before approval: {title}",
    "approval_request": "Approval needed: {title}",
    "rejected": "Not published: {title}",
    "published": "Published: {title}",
}
MAIL_CLAIM_STALE_S = 300.0


class NotifyService:
    def __init__(
        self,
        *,
        table: StoryTable,
        stories: StoryStore,
        mailer: Mailer,
        links: LinkIssuer,
        rules: Callable[[], OrgRules],
        clock: Callable[[], datetime],
    ) -> None:
        self._table = table
        self._stories = stories
        self._mailer = mailer
        self._links = links
        self._rules = rules
        self._clock = clock

    def handle(self, notice: Notice) -> int:
        """Send what the notice calls for; returns how many emails went out now."""
        record = self._table.get(notice.story_id)
        if record is None:
            raise Retryable(f"story {notice.story_id} not found yet")
        rules = self._rules()
        version = self._stories.get_version(record.story_id, notice.version) if notice.version > 0 else None
        sent = 0
        for to in self._recipients(notice, record, rules):
            rendered = self._render(notice, record, version, rules, to)
            sent += self._send_once(notice, record, to, rendered, rules)
        return sent

    def _recipients(self, notice: Notice, record: StoryRecord, rules: OrgRules) -> tuple[str, ...]:
        if notice.kind == "approval_request":
            return rules.approval.steps[0].approvers
        if notice.kind == "confirm":
            return (record.submitter,)  # a staff-domain address; the link proves it is theirs
        # Never answer a sender we could not authenticate: that would help a spoofer.
        return (record.submitter,) if record.authenticated else ()

    def _render(
        self, notice: Notice, record: StoryRecord, version: Version | None, rules: OrgRules, to: str
    ) -> RenderedEmail:
        title = version.title if version else record.title
        ctx: dict[str, object] = {
            "org": rules.organisation.name,
            "submission_address": rules.organisation.submission_address,
            "record": record,
            "version": version,
        }
        if version is not None and notice.kind in ("approval_request", "changes_needed"):
            verdict = self._stories.get_findings(record.story_id, version.number) or Verdict()
            ctx.update(
                findings=verdict.findings,
                text=version.text,
                highlighted=highlight(version.text, verdict.findings),
            )
        if version is not None and notice.kind in ("approval_request", "confirm"):
            purpose: Purpose = "approve" if notice.kind == "approval_request" else "confirm"
            link, expires = self._links.issue(
                purpose, version, actor=to, step=0, ttl=timedelta(hours=rules.approval.link_ttl_hours)
            )
            ctx.update(link=link, approver=to, expires=expires.strftime("%-d %B %Y at %H:%M UTC"))
        return email(notice.kind, SUBJECTS[notice.kind].format(title=title), **ctx)

    def _send_once(
        self, notice: Notice, record: StoryRecord, to: str, rendered: RenderedEmail, rules: OrgRules
    ) -> int:
        key = f"mail#{notice.kind}#{record.story_id}#v{notice.version}#{to}"
        if not self._table.claim(key, owner="notify", now=self._clock(), stale_after_s=MAIL_CLAIM_STALE_S):
            return 0  # already sent, or being sent right now by another delivery
        message_id = self._mailer.send(
            OutgoingEmail(
                to=(to,),
                subject=rendered.subject,
                text=rendered.text,
                html=rendered.html,
                sender=rules.organisation.sender_address,
                reply_to=(rules.organisation.submission_address,),
                headers={"X-Real-Stories-Id": record.story_id, "Auto-Submitted": "auto-generated"},
            )
        )
        self._table.complete(key, {"message_id": message_id})
        logger.info("email sent", extra={"kind": notice.kind, "story_id": record.story_id})
        return 1
