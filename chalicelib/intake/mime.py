"""Turning a raw email into a typed Submission: title, story text, safe images and notes for the sender.

Staff write from phones, Outlook and webmail, so the body arrives as plain text, HTML-only, alternatives,
Apple Mail's text-image-text sequences, with signatures, disclaimers and quoted replies. This module
finds the words the sender meant as their story and the images they meant to share, and drops the rest
with a note the sender is told about. It never decides who the sender is: that is sender_auth's job.
"""

from __future__ import annotations

import base64
import binascii
import email.policy
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from email.errors import InvalidBase64LengthDefect
from email.feedparser import BytesFeedParser
from email.message import EmailMessage, Message

from ..domain.errors import InvalidSubmission, SenderNotAuthenticated
from ..domain.story import MediaItem, Submission
from .descriptions import photo_descriptions, without_disclaimers
from .headers import EMAIL_ERRORS, decode_bytes, fix_surrogates, header_text, megabytes, received_at
from .html_text import clean_line, clean_text, html_to_text, shorten
from .images import (
    is_decoration,
    keep_image,
    looks_like_svg,
    safe_filename,
    sniff_image_type,
    too_many_images_note,
)
from .limits import IntakeLimits
from .not_a_story import refuse_if_not_a_story
from .replies import find_story, is_dashed_footer
from .story_text import refuse_if_too_long, title_from_text
from .tnef import is_tnef
from .tnef import unwrap as unwrap_tnef

_UNSAFE_TYPE_CHARS = re.compile(r"[^\w.+/-]")
_IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".jpe", ".png", ".gif", ".webp", ".svg", ".svgz", ".heic", ".heif")

_SUBJECT_PREFIX = re.compile(
    r"^\s*(?:(?:re|fwd?|aw|wg|sv|vs|tr|rv|antw|ynt|ateb)\s*(?:\[\d+\])?\s*[:：]\s*)+", re.IGNORECASE
)
_SIGNATURE_DELIMITER = re.compile(r"^--\s*$")
_MOBILE_FOOTER = re.compile(
    r"^(?:sent|get|download) (?:from|with|using) (?:my |the )?[\w .'’&-]{0,40}$"
    r"|^get outlook for \w+$",
    re.IGNORECASE,
)
_ORIGINAL_MESSAGE = re.compile(r"^-{2,}\s*original message\s*-{2,}$|^_{10,}$", re.IGNORECASE)
_FORWARDED = re.compile(r"^-{3,}\s*forwarded message\s*-{3,}$|^begin forwarded message:?$", re.IGNORECASE)
# English, Welsh and the languages of common UK mail-client locales.
_WROTE = re.compile(
    r"^(?:on|ar|le|am|el|il|op)\b.{0,300}\b(?:wrote|ysgrifennodd|a écrit|schrieb|escribió|ha scritto|schreef)"
    r"\s*:$",
    re.IGNORECASE | re.DOTALL,
)
_HEADER_LINE = re.compile(r"^\*?(from|sent|date|to|cc|bcc|subject|reply-to|importance)\*?\s*:", re.IGNORECASE)
# How the disclaimers, eco footers and protective markings that mail systems add begin.
_DISCLAIMER_OPENINGS = (
    r"this (?:e-?mail|message|communication)(?: and any (?:files|attachments|documents)[\w ]{0,30})?"
    r" (?:is|are|may|and)\b.{0,60}\b(?:confidential|privileged|intended|legally)",
    r"the (?:information|contents?) (?:contained )?(?:in|of) this (?:e-?mail|message)",
    r"confidentiality (?:notice|statement|warning)",
    r"(?:e-?mail )?disclaimer\b",
    r"if you (?:have )?received this (?:e-?mail|message|communication) in error",
    r"(?:e-?mails?|messages?|communications?)\b.{0,40}\b(?:may be|are|is|will be) (?:monitored|recorded)",
    r"(?:any|the) (?:views|opinions)(?: or opinions)? (?:expressed|presented|contained) in this",
    r"please (?:consider|think of) the environment before printing",
    r"think before you print",
    r"n['’]imprimez (?:ce|cet) (?:mail|e-?mail|courriel|message)",
    r"bitte denken sie an die umwelt",
    r"this e-?mail has been (?:scanned|checked)",
    r"(?:protective marking|classification|official(?:-| )sensitive)\s*:",
)
_DISCLAIMER = re.compile("^(?:" + "|".join(_DISCLAIMER_OPENINGS) + ")", re.IGNORECASE)
_ECO_LINE = re.compile(r"\b(?:environment|environnement|umwelt|ambiente|środowisk\w*|amgylchedd)\b", re.I)
# A bare first name or "First Last" on its own at the very end: the writer signing the message.
_NAME_LINE = re.compile(
    r"^[A-Z\u00C0-\u024F\u0400-\u042F][\w'’-]*(?: [A-Z\u00C0-\u024F\u0400-\u042F][\w'’-]*)?$"
)
# The words a message is signed off with, alone on their line (Welsh: diolch, thanks; cofion, regards).
_SIGN_OFFS = (
    "kind(?:est)? regards",
    "best regards",
    "warm(?:est)? regards",
    "regards",
    "best wishes",
    "many thanks",
    "thanks(?: again| very much)?",
    "thank you",
    "cheers",
    "best",
    "yours sincerely",
    "yours faithfully",
    "all the best",
    "br",
    "diolch(?: yn fawr)?",
    "cofion(?: gorau)?",
)
_SIGN_OFF = re.compile("^(?:" + "|".join(_SIGN_OFFS) + ")[,.!]?$", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"^\[(?:cid:[^\]]*|image:[^\]]*|image)\]$", re.IGNORECASE)
_SIGNATURE_MAX_LINES = 8
_COVER_NOTE_CHARS = 300
# The signature of a signed message (multipart/signed): part of the envelope, not something the sender
# chose to attach, so dropping it is not worth a note.
_SIGNATURE_TYPES = frozenset(
    {"application/pgp-signature", "application/pkcs7-signature", "application/x-pkcs7-signature"}
)


@dataclass
class _Found:
    texts: list[str] = field(default_factory=list)
    images: list[tuple[str, str, bytes, str]] = field(default_factory=list)  # name, type, data, alt
    decorations: list[str] = field(default_factory=list)  # names of a signature's logos and icons
    notes: list[str] = field(default_factory=list)
    parts: int = 0
    # The first attached email (message/rfc822): a forward whose text is the story.
    enclosed_texts: list[str] = field(default_factory=list)
    enclosed_subject: str = ""
    enclosed_from: str = ""
    enclosed: bool = False
    dropped_files: list[str] = field(default_factory=list)


def parse_email(
    raw: bytes,
    *,
    raw_key: str,
    limits: IntakeLimits,
    now: datetime | None = None,
    disclaimers: Sequence[str] = (),
) -> Submission:
    """Parse ``raw`` (as stored by the receiving server) into a Submission.

    Raises InvalidSubmission with code ``malformed`` (not an email, no usable From), ``empty`` (no story
    text once signatures and quoted replies are gone) or ``too-large`` (the message, its text or its
    number of parts is over the limits). Images that cannot be used are dropped with a note instead.
    ``now`` bounds a sane Date header; it defaults to the current time.
    """
    if len(raw) > limits.max_raw_email_bytes:
        raise InvalidSubmission(
            f"the email is {megabytes(len(raw))} MB; the limit is {megabytes(limits.max_raw_email_bytes)} MB",
            code="too-large",
        )
    if not raw or raw.isspace():
        raise InvalidSubmission("the email is empty", code="malformed")
    try:
        msg = _parse(raw)
    except (*EMAIL_ERRORS, RecursionError) as e:
        raise InvalidSubmission("the email could not be read", code="malformed") from e
    # Where the caller handed over its only reference (ingest does), the message's bytes go now, before
    # its photos are decoded: 5 MB less at the peak for an email with one phone photo.
    del raw
    if not isinstance(msg, EmailMessage):  # pragma: no cover - the default policy always makes one
        raise InvalidSubmission("the email could not be read", code="malformed")

    sender, sender_name = _sender(msg, limits)
    refuse_if_not_a_story(msg)
    found = _Found()
    try:
        _walk(msg, found, limits, depth=0, want_text=True, resource=False)
    except RecursionError as e:
        raise InvalidSubmission("the email is nested too deeply to read", code="malformed") from e

    subject = header_text(msg, "Subject")
    text, cover, written_by = _story_and_cover(found, subject)
    text = without_disclaimers(text, disclaimers)
    if cover:
        found.notes.append(
            "the words above the forwarded message were taken as a covering note and left out of the story: "
            f"\u201c{shorten(cover, _COVER_NOTE_CHARS)}\u201d"
        )
    found.notes.extend(_dropped_files_notes(found.dropped_files))
    if not text:
        raise InvalidSubmission(
            "the email has no story text (after removing signatures and quoted replies)", code="empty"
        )
    refuse_if_too_long(text, limits)
    received = received_at(msg, now)
    del msg  # the parsed tree holds every attachment's base64 text: gone before the photos are decoded

    images, image_notes = _prepare_images(found.images, limits)
    text, images = photo_descriptions(text, images)
    if not text:
        raise InvalidSubmission("the email has nothing but photo descriptions", code="empty")
    title = make_title(subject or found.enclosed_subject, text, limits)
    return Submission(
        source="email",
        raw_key=raw_key,
        sender=sender,
        sender_name=sender_name,
        title=title,
        text=text,
        images=images,
        notes=(*found.notes, *image_notes),
        received_at=received,
        written_by=written_by,
        cover_note=shorten(cover, _COVER_NOTE_CHARS) if cover else "",
    )


def _parse(raw: bytes) -> Message:
    """The stdlib's parse, fed a block at a time: ``BytesParser`` first copies the whole message into one
    string (a second copy of every photo's base64); fed in blocks, only the parsed parts are held. The
    bytes are decoded as ASCII with surrogate escapes either way, so the result is the same."""
    parser = BytesFeedParser(policy=email.policy.default)
    view = memoryview(raw)
    for start in range(0, len(raw), _PARSE_BLOCK):
        parser.feed(bytes(view[start : start + _PARSE_BLOCK]))
    return parser.close()


_PARSE_BLOCK = 64 * 1024


def make_title(subject: str, text: str, limits: IntakeLimits) -> str:
    """The subject without reply/forward prefixes, or the story's first words when there is none."""
    title = clean_line(_SUBJECT_PREFIX.sub("", clean_line(subject)))
    if not title:
        title = title_from_text(text, limits)
    return shorten(title, limits.max_title_chars)


def trim_reply_and_signature(text: str, *, subject: str = "") -> str:
    """The story in a mail body: quoted replies, signatures, mobile footers and disclaimers removed.

    A forwarded message is the story (its covering note is dropped here; ``parse_email`` tells the
    sender about it). The libraries behind ``replies.find_story`` do the multi-language work; ``_tidy``
    then removes what they do not know: UK public-sector disclaimers and protective markings, and a
    sign-off followed by name and job-title lines.
    """
    return _tidy(find_story(text, subject=subject).text)


def _story_and_cover(found: _Found, subject: str) -> tuple[str, str, str]:
    """The story text, any covering note written above a forwarded story, and who wrote a forwarded one."""
    image_names = {name for name, _, _, _ in found.images if name} | {n for n in found.decorations if n}
    outer = _without_image_names(clean_text("\n\n".join(found.texts)), image_names)
    if found.enclosed:
        enclosed = _without_image_names(clean_text("\n\n".join(found.enclosed_texts)), image_names)
        story = clean_text(trim_reply_and_signature(enclosed, subject=found.enclosed_subject))
        own = clean_text(trim_reply_and_signature(outer, subject=subject))
        if story:
            return story, own, found.enclosed_from
        return own, "", ""
    found_story = find_story(outer, subject=subject)
    cover = clean_text(_tidy(found_story.cover_note))
    return clean_text(_tidy(found_story.text)), cover, clean_line(found_story.written_by, max_chars=200)


def _without_image_names(text: str, names: set[str]) -> str:
    """Drop lines that only name the message's images: Eudora and others write them where a picture sat."""
    if not names:
        return text
    pattern = re.compile(r"^(?:\s*(?:" + "|".join(re.escape(n) for n in names) + r")\s*)+$")
    return "\n".join(line for line in text.split("\n") if not pattern.match(line))


def _dropped_files_notes(names: list[str]) -> list[str]:
    if not names:
        return []
    if len(names) == 1:
        return [f"{names[0]} was not attached: only images are accepted"]
    shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    return [f"{len(names)} files were not attached ({shown}): only images are accepted"]


def _tidy(text: str) -> str:
    """The hand-written last pass (see trim_reply_and_signature)."""
    lines = text.split("\n")
    kept: list[str] = []
    seen_content = False
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        if line.startswith(">") or _PLACEHOLDER.match(line):
            i += 1
            continue
        forwarded = _FORWARDED.match(line) is not None
        header_block = _is_header_block(lines, i)
        if forwarded or header_block:
            if seen_content:
                break
            i = _skip_header_block(lines, i + 1 if forwarded else i)
            continue
        if (
            _SIGNATURE_DELIMITER.match(line)
            or _MOBILE_FOOTER.match(line)
            or is_dashed_footer(line)
            or _ORIGINAL_MESSAGE.match(line)
            or _wrote_line(lines, i)
        ):
            break
        if _DISCLAIMER.match(line):
            if seen_content:
                # An eco footer's first line ("… préserver notre environnement.") sits just above it.
                while kept and _ECO_LINE.search(kept[-1]):
                    kept.pop()
                break
            # A banner above the story (some gateways add one): skip that paragraph only.
            while i < len(lines) and lines[i].strip():
                i += 1
            continue
        kept.append(lines[i])
        seen_content = seen_content or bool(line)
        i += 1
    return "\n".join(_without_sign_off(kept))


def _without_sign_off(lines: list[str]) -> list[str]:
    """Drop a trailing "Kind regards / name / job title / phone" block, which is not story text."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    for pos in range(max(0, len(filled) - _SIGNATURE_MAX_LINES), len(filled)):
        index = filled[pos]
        if _SIGN_OFF.match(lines[index].strip()) and pos > 0:
            tail = [lines[j].strip() for j in filled[pos + 1 :]]
            # A name, a job title, a phone number: short lines, none of them a sentence.
            if all(len(t) <= 80 and not t.endswith((".", "!", "?")) for t in tail):
                return lines[:index]
    if len(filled) >= 2 and _NAME_LINE.match(lines[filled[-1]].strip()):
        previous = lines[filled[-2]].strip()
        # Only a name that follows a finished sentence and a blank line, so a story's last line stays.
        if previous.endswith((".", "!", "?")) and filled[-1] - filled[-2] > 1:
            return lines[: filled[-1]]
    return lines


def _wrote_line(lines: list[str], i: int) -> bool:
    line = lines[i].strip()
    if _WROTE.match(line):
        return True
    # Gmail and Outlook wrap long "On <date>, <name> <address> wrote:" lines.
    if re.match(r"^(?:On|Ar|Le|Am|El|Il|Op)\s", line):
        joined = line
        for follow in lines[i + 1 : i + 3]:
            joined += " " + follow.strip()
            if _WROTE.match(joined):
                return True
    return False


def _is_header_block(lines: list[str], i: int) -> bool:
    """Outlook's reply/forward block: "From: …" followed closely by "Sent:"/"Date:" and "To:"/"Subject:"."""
    if not re.match(r"^\*?from\*?\s*:\s*\S", lines[i].strip(), re.IGNORECASE):
        return False
    following = [line.strip().lower().lstrip("*") for line in lines[i + 1 : i + 6]]
    has_when = any(f.startswith(("sent:", "date:", "sent*:", "date*:")) for f in following)
    has_what = any(f.startswith(("to:", "subject:", "to*:", "subject*:")) for f in following)
    return has_when and has_what


def _skip_header_block(lines: list[str], i: int) -> int:
    while i < len(lines) and (not lines[i].strip() or _HEADER_LINE.match(lines[i].strip())):
        i += 1
    return i


def _walk(
    part: Message, found: _Found, limits: IntakeLimits, *, depth: int, want_text: bool, resource: bool
) -> None:
    found.parts += 1
    if found.parts > limits.max_mime_parts:
        raise InvalidSubmission(f"the email has more than {limits.max_mime_parts} parts", code="too-large")
    if depth > limits.max_mime_depth:
        raise InvalidSubmission("the email is nested too deeply to read", code="malformed")
    ctype = part.get_content_type()
    if ctype == "message/rfc822" and not found.enclosed:
        _walk_enclosed(part, found, limits, depth=depth)
        return
    if ctype.startswith("message/"):
        found.notes.append("an attached email was not included: only images are accepted as attachments")
        return
    if part.is_multipart():
        children = [p for p in part.get_payload() if isinstance(p, Message)]
        if ctype == "multipart/alternative":
            best = _best_alternative(children)
            for child in children:
                # Images inside the alternatives not chosen (HTML's cid images) still count.
                _walk(
                    child,
                    found,
                    limits,
                    depth=depth + 1,
                    want_text=want_text and child is best,
                    resource=resource,
                )
        elif ctype == "multipart/related":
            root = _related_root(part, children)
            for child in children:
                is_root = child is root
                _walk(
                    child,
                    found,
                    limits,
                    depth=depth + 1,
                    want_text=want_text and is_root,
                    resource=not is_root,
                )
        else:
            for child in children:
                _walk(child, found, limits, depth=depth + 1, want_text=want_text, resource=resource)
        return
    _leaf(part, found, limits, want_text=want_text, resource=resource)


def _walk_enclosed(part: Message, found: _Found, limits: IntakeLimits, *, depth: int) -> None:
    """A forward sent as an attached email: its text and photos are the story's."""
    inner = part.get_payload()
    enclosed = inner[0] if isinstance(inner, list) and inner and isinstance(inner[0], Message) else None
    if enclosed is None:
        found.notes.append("an attached email could not be read")
        return
    found.enclosed = True
    if isinstance(enclosed, EmailMessage):
        found.enclosed_subject = header_text(enclosed, "Subject")
        found.enclosed_from = clean_line(header_text(enclosed, "From"), max_chars=200)
    collected = _Found(parts=found.parts, enclosed=True)
    _walk(enclosed, collected, limits, depth=depth + 1, want_text=True, resource=False)
    found.parts = collected.parts
    found.enclosed_texts.extend(collected.texts)
    found.images.extend(collected.images)
    found.decorations.extend(collected.decorations)
    found.notes.extend(collected.notes)
    found.dropped_files.extend(collected.dropped_files)


def _leaf(part: Message, found: _Found, limits: IntakeLimits, *, want_text: bool, resource: bool) -> None:
    ctype = part.get_content_type()
    try:
        raw_name = part.get_filename()
        disposition = part.get_content_disposition()
    except EMAIL_ERRORS:
        raw_name, disposition = None, None
    raw_name = fix_surrogates(str(raw_name)) if raw_name else None
    is_attachment = disposition == "attachment" or bool(raw_name)
    if ctype.startswith("multipart/"):
        ctype = "text/plain"  # a multipart without a usable boundary: its body is all we have
    if ctype in ("text/plain", "text/html") and not is_attachment:
        if want_text:
            body = _decode_part(part)
            found.texts.append(html_to_text(body) if ctype == "text/html" else body)
        return
    data = _payload(part)
    name = safe_filename(raw_name, max_chars=limits.max_filename_chars, default="")
    if is_tnef(ctype, name):
        _leaf_tnef(data, found, limits, want_text=want_text)
        return
    if (
        sniff_image_type(data) is not None
        or ctype.startswith("image/")
        or name.lower().endswith(_IMAGE_EXTENSIONS)
        or looks_like_svg(name, ctype, data)
    ):
        if resource and is_decoration(name, data):
            found.decorations.append(name)  # a logo or icon of the HTML body, not a photo of the story
            return
        alt = fix_surrogates(str(part.get("Content-Description", "") or ""))
        found.images.append((name or "image", ctype, data, alt))
        return
    if resource or (not data and not name) or ctype in _SIGNATURE_TYPES:
        # Stylesheets and the like behind an HTML body, or an empty part: not something the sender chose.
        return
    found.dropped_files.append(name or f"an attachment of type {_UNSAFE_TYPE_CHARS.sub('', ctype)[:60]}")


def _leaf_tnef(data: bytes, found: _Found, limits: IntakeLimits, *, want_text: bool) -> None:
    """Outlook's winmail.dat: its body is the story's text, its pictures the story's photos."""
    inner = unwrap_tnef(data)
    if inner is None:
        found.dropped_files.append("winmail.dat (Outlook's rich-text wrapper, which could not be read)")
        return
    if want_text and (inner.text.strip() or inner.html.strip()):
        found.texts.append(inner.text if inner.text.strip() else html_to_text(inner.html))
    for filename, payload in inner.files:
        name = safe_filename(filename, max_chars=limits.max_filename_chars, default="attachment")
        if sniff_image_type(payload) is not None:
            found.images.append((name, "", payload, ""))
        else:
            found.dropped_files.append(name)


def _best_alternative(children: list[Message]) -> Message | None:
    plain = next((c for c in children if c.get_content_type() == "text/plain"), None)
    if plain is not None and clean_text(_decode_part(plain)):
        return plain
    rich = next(
        (c for c in reversed(children) if c.get_content_type() == "text/html" or c.is_multipart()), None
    )
    return rich or plain or (children[-1] if children else None)


def _related_root(part: Message, children: list[Message]) -> Message | None:
    start = part.get_param("start")
    if isinstance(start, str) and start:
        for child in children:
            if str(child.get("Content-ID", "")).strip() == start.strip():
                return child
    return children[0] if children else None


def _payload(part: Message) -> bytes:
    fast = _base64_in_place(part)
    if fast is not None:
        return fast
    try:
        data = part.get_payload(decode=True)
    except EMAIL_ERRORS:
        return b""
    if any(isinstance(d, InvalidBase64LengthDefect) for d in part.defects):
        # The stdlib hands back the still-encoded text when a base64 body was cut short, which would
        # become a "story" of base64 that no check can read: decode what is there instead.
        return _lenient_b64decode(part.get_payload(decode=False))
    return data if isinstance(data, bytes) else b""


def _base64_in_place(part: Message) -> bytes | None:
    """A well-formed base64 body decoded straight from the parsed text, or None to take the stdlib's way.

    The stdlib encodes the text to bytes, splits it into lines and joins them again before decoding: three
    more copies of a photo's base64 (~18 MB for a 12 MP JPEG) at the ingest function's peak. binascii
    reads an ASCII str in place and skips line breaks itself, giving the same bytes; anything it refuses
    (missing padding, non-ASCII) goes the stdlib's way, which records the defect.
    """
    try:
        if part.is_multipart() or str(part.get("content-transfer-encoding", "")).lower() != "base64":
            return None
        encoded = part.get_payload(decode=False)
    except EMAIL_ERRORS:
        return None
    if not isinstance(encoded, str):
        return None
    try:
        return binascii.a2b_base64(encoded)
    except (binascii.Error, ValueError):
        return None


def _lenient_b64decode(encoded: object) -> bytes:
    text = re.sub(r"[^A-Za-z0-9+/]", "", encoded if isinstance(encoded, str) else "")
    if len(text) % 4 == 1:
        text = text[:-1]  # a lone character holds less than one byte
    return base64.b64decode(text + "=" * (-len(text) % 4))


def _decode_part(part: Message) -> str:
    try:
        charset = part.get_content_charset()
    except EMAIL_ERRORS:
        charset = None
    return decode_bytes(_payload(part), charset)


def _prepare_images(
    candidates: list[tuple[str, str, bytes, str]], limits: IntakeLimits
) -> tuple[tuple[MediaItem, ...], list[str]]:
    kept: list[MediaItem] = []
    notes: list[str] = []
    seen: set[str] = set()
    extra = 0
    for candidate in candidates:
        digest = hashlib.sha256(candidate[2]).hexdigest()
        if digest in seen:
            continue  # the same picture inline and attached
        seen.add(digest)
        if len(kept) >= limits.max_images:
            extra += 1
            continue
        keep_image(kept, notes, candidate, limits, number=len(kept) + 1)
    if extra:
        notes.append(too_many_images_note(extra, limits))
    return tuple(kept), notes


def _sender(msg: EmailMessage, limits: IntakeLimits) -> tuple[str, str]:
    """The one From address and its display name, read the same way sender authentication reads them."""
    from .sender_auth import from_header

    try:
        return from_header(msg, max_name_chars=limits.max_name_chars)
    except SenderNotAuthenticated as e:
        raise InvalidSubmission(e.reason, code="malformed") from e
