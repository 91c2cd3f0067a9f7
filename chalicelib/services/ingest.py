"""Ingest: a raw email or form in the intake bucket becomes story version 1, or a recorded rejection."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from ..adapters.ports import RawStore
from ..domain import markers
from ..domain.addresses import in_domain
from ..domain.errors import InvalidSubmission, RateLimited, SenderNotAuthenticated
from ..domain.states import State
from ..domain.story import AuditEvent, Image, StoryRecord, Submission, Version
from ..domain.text import shorten
from ..intake.form import parse_form
from ..intake.headers import header_block, parse_headers
from ..intake.limits import IntakeLimits
from ..intake.mime import parse_email
from ..intake.not_a_story import AUTO_GENERATED
from ..intake.sender_auth import authenticate_sender
from ..policy.rules import OrgRules
from .base import StageService
from .limits import RateLimiter
from .messages import Notice, ObjectCreated
from .notify import without_our_subject
from .versions import new_version

SYSTEM = "system:intake"
MAX_COMMENT_CHARS = 2000


@dataclass(frozen=True)
class IngestOutcome:
    story_id: str
    state: State
    reason: str = ""


def story_id_for(raw_key: str) -> str:
    """Derived from the raw object's key, so a redelivered event finds the same story."""
    return hashlib.sha256(raw_key.encode()).hexdigest()[:12]


def _claimed(raw: bytes) -> tuple[str, str]:
    """Who an unauthenticated message claims to be from, and its subject, for the audit record only."""
    try:
        msg = parse_headers(raw)
        sender = " ".join(str(msg.get("From", "")).split())[:200] or "unknown"
        subject = " ".join(str(msg.get("Subject", "")).split())[:150]
    except Exception:
        return "unknown", ""
    return sender, subject


def _domain(address: str) -> str:
    return address.rsplit("@", 1)[-1].lower()


@dataclass(kw_only=True)
class IngestService(StageService):
    raw: RawStore
    trusted_authserv_ids: tuple[str, ...]
    limiter: RateLimiter
    limits: IntakeLimits = field(default_factory=IntakeLimits)

    def ingest(self, obj: ObjectCreated) -> IngestOutcome | None:
        if obj.key.startswith("raw/email/"):
            return self._email(obj.key)
        if obj.key.startswith("raw/form/") and obj.key.endswith(".json"):
            return self._form(obj.key)
        return None  # not a submission (e.g. a folder marker): nothing to do

    def _email(self, key: str) -> IngestOutcome:
        # Everything but the parse needs only the headers. The message itself is held in a list so that
        # parse_email can be handed the only reference and drop the bytes once parsed, before it decodes
        # the photos (BENCH_ONLY=memory: the ingest peak 5 MB lower for an email with a phone photo).
        message = [self.raw.get_raw(key)]
        head = header_block(message[0])
        sid = story_id_for(key)
        rules = self.rules()
        try:
            ident = authenticate_sender(
                head,
                trusted_authserv_ids=self.trusted_authserv_ids,
                staff_domains=rules.organisation.staff_domains,
            )
        except SenderNotAuthenticated as e:
            # Recorded for the audit, never answered: replying would confirm the address to a spoofer.
            claimed_from, subject = _claimed(head)
            return self._reject(
                sid,
                key,
                sender=claimed_from,
                source="email",
                reason=e.reason,
                title=subject,
                authenticated=False,
            )
        limited = self._over_limit(key, ident.address, rules)
        if limited is not None:
            outcome = self._reject(
                sid, key, sender=ident.address, source="email", reason=limited.reason, name=ident.name
            )
            if limited.first:
                self.queues.send("notify", Notice("invalid", sid, 0).to_body())
            return outcome
        try:
            sub = parse_email(
                message.pop(), raw_key=key, limits=self.limits, disclaimers=rules.email.disclaimers
            )
        except InvalidSubmission as e:
            outcome = self._reject(
                sid, key, sender=ident.address, source="email", reason=e.reason, name=ident.name
            )
            if e.code != AUTO_GENERATED:  # never answer a machine (RFC 3834): it may answer back
                self.queues.send("notify", Notice("invalid", sid, 0).to_body())
            return outcome
        revised = self._reply(head, key, sub, ident.address)
        if revised is not None:
            return revised
        return self._accept(
            sid, sub, sender=ident.address, name=ident.name or sub.sender_name, confirmed=True
        )

    def _over_limit(self, key: str, sender: str, rules: OrgRules) -> RateLimited | None:
        """Why to refuse when ``sender`` has emailed more than the hourly limit, else None.

        Counted once per message (a redelivery is not a second story). Only the first message over
        the limit is answered, so a runaway mail loop cannot make us answer every message.
        """
        if not self.table.claim(markers.counted(key), owner=SYSTEM, now=self.clock()):
            return None
        limit = rules.limits.email_per_sender_per_hour
        try:
            self.limiter.take("email-sender", sender, limit)
        except RateLimited as e:
            return RateLimited(
                f"we have had more than {limit} stories from your address in an hour; "
                "please send this one again later",
                retry_after_s=e.retry_after_s,
                first=e.first,
            )
        return None

    def _reply(self, head: bytes, key: str, sub: Submission, sender: str) -> IngestOutcome | None:
        """A reply to any email we sent is about that story, never a new one: from the author of a story
        waiting for changes it is the next version; anything else is kept as a comment on the story."""
        applied = self.table.marker(markers.reply(key))
        if applied is not None and "story_id" in applied:  # a redelivery of a reply already taken
            current = self.table.get(applied["story_id"])
            return IngestOutcome(applied["story_id"], current.state if current else State.SUBMITTED)
        headers = parse_headers(head)
        refs = f"{headers.get('In-Reply-To', '')} {headers.get('References', '')}"
        for ref in re.findall(r"<([^<>@\s]+)@[^<>\s]*>", refs):
            target = self.table.marker(markers.message(ref))
            record = self.table.get(target["story_id"]) if target and "story_id" in target else None
            if record is None:
                continue
            if not self.table.claim(markers.reply(key), owner=SYSTEM, now=self.clock()):
                return IngestOutcome(record.story_id, record.state)  # taken by a parallel delivery
            if record.submitter == sender and record.state is State.CHANGES_NEEDED:
                moved = new_version(
                    stories=self.stories,
                    table=self.table,
                    queues=self.queues,
                    record=record,
                    title=record.title,  # the reply's subject is ours ("Re: Changes needed…")
                    text=sub.text,
                    author=sender,
                    source="reply",
                    now=self.clock(),
                    expected=[State.CHANGES_NEEDED],
                    action="revised-by-reply",
                    reason=key,
                )
                self.table.complete(
                    markers.reply(key), {"story_id": record.story_id, "version": str(moved.version)}
                )
                return IngestOutcome(moved.story_id, moved.state)
            self.table.add_event(
                AuditEvent(
                    record.story_id,
                    self.clock(),
                    sender,
                    "comment-by-reply",
                    None,
                    None,
                    record.version,
                    record.content_hash,
                    shorten(sub.text, MAX_COMMENT_CHARS),
                )
            )
            self.table.complete(markers.reply(key), {"story_id": record.story_id, "comment": key})
            return IngestOutcome(record.story_id, record.state, "a reply to our email, kept as a comment")
        return None

    def _form(self, key: str) -> IngestOutcome:
        raw = self.raw.get_raw(key)
        sid = story_id_for(key)
        rules = self.rules()
        try:
            sub = parse_form(raw, raw_key=key, limits=self.limits)
        except InvalidSubmission as e:
            # The form's owner is not yet proven, so nobody is emailed; the page already answered them.
            return self._reject(
                sid, key, sender="unknown", source="form", reason=e.reason, authenticated=False
            )
        if not in_domain(sub.sender, rules.organisation.staff_domains):
            return self._reject(
                sid,
                key,
                sender=sub.sender,
                source="form",
                reason=f"{_domain(sub.sender)} is not a staff domain",
                title=sub.title,
                authenticated=False,
            )
        # Web form senders prove their address by clicking a link sent to it (RECEIVED until then).
        return self._accept(sid, sub, sender=sub.sender.lower(), name=sub.sender_name, confirmed=False)

    def _reject(
        self,
        sid: str,
        key: str,
        *,
        sender: str,
        source: str,
        reason: str,
        name: str = "",
        title: str = "",
        authenticated: bool = True,
    ) -> IngestOutcome:
        now = self.clock()
        record = StoryRecord(
            story_id=sid,
            state=State.REJECTED,
            version=0,
            content_hash="",
            submitter=sender,
            submitter_name=name,
            title=title,
            source="email" if source == "email" else "form",
            raw_key=key,
            created_at=now,
            updated_at=now,
            reason=reason,
            authenticated=authenticated,
        )
        event = AuditEvent(sid, now, SYSTEM, "rejected-at-intake", None, State.REJECTED, 0, "", reason)
        self.table.create(record, event)
        self.raw.mark_rejected(key)  # kept as evidence, then deleted by the shorter rejected-retention rule
        return IngestOutcome(sid, State.REJECTED, reason)

    def _accept(self, sid: str, sub: Submission, *, sender: str, name: str, confirmed: bool) -> IngestOutcome:
        now = self.clock()
        existing = self.table.get(sid)
        created_at = existing.created_at if existing else now
        title = without_our_subject(sub.title)  # "Re: We have your story: Bins" is a story called "Bins"
        images = []
        for i, img in enumerate(sub.images, start=1):
            name_in_store = f"{i}-{img.filename}"
            self.stories.put_media(sid, 1, name_in_store, img.data, img.content_type)
            images.append(
                Image(
                    key=f"media/{name_in_store}",
                    content_type=img.content_type,
                    sha256=img.sha256,
                    alt=img.alt,
                )
            )
        version = Version(
            story_id=sid,
            number=1,
            title=title,
            text=sub.text,
            author=sender,
            source=sub.source,
            created_at=created_at,
            images=tuple(images),
            note="\n".join(sub.notes),
            written_by=sub.written_by,
            cover_note=sub.cover_note,
        )
        state = State.SUBMITTED if confirmed else State.RECEIVED
        record = StoryRecord(
            story_id=sid,
            state=state,
            version=1,
            content_hash=version.content_hash,
            submitter=sender,
            submitter_name=name,
            title=title,
            source=sub.source,
            raw_key=sub.raw_key,
            created_at=created_at,
            updated_at=now,
            authenticated=confirmed,
        )
        if existing is None:
            event = AuditEvent(
                sid, now, sender, "submitted", None, state, 1, version.content_hash, sub.source
            )
            self.table.create(record, event)
            current = record
        else:
            current = existing
        if current.state in (State.RECEIVED, State.SUBMITTED) and current.version == 1:
            # Written last: its ObjectCreated event starts the checks (a confirmed story) — and writing
            # it again on a redelivery is harmless because the check is idempotent per version.
            self.stories.put_version(version)
            self.queues.send("notify", Notice("receipt" if confirmed else "confirm", sid, 1).to_body())
        return IngestOutcome(sid, current.state)
