"""The web form's two jobs at intake: checking fields for the page, and parsing the stored JSON.

``validate_form_fields`` gives the page GOV.UK-style error messages before anything is stored;
``parse_form`` turns what the API stored in the intake bucket into a Submission. The stored JSON is
still treated as untrusted (the API might be bypassed or have a bug), so every field is checked again.

Stored shape::

    {"id": str, "received_at": iso8601, "name": str, "email": str, "title": str, "story": str,
     "consent": bool, "images": [{"filename": str, "content_type": str, "data_b64": str, "alt": str}]}
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ..domain.addresses import in_domain, is_address, parse_address
from ..domain.errors import InvalidAddress, InvalidSubmission
from ..domain.story import MediaItem, Submission
from .html_text import clean_line, clean_text
from .images import keep_image, safe_filename, too_many_images_note
from .limits import IntakeLimits
from .story_text import refuse_if_too_long, title_from_text

_IMAGE_FIELD = re.compile(r"^image-(\d{1,2})$")
_TICKED = frozenset({"yes", "on", "true", "1", "consent"})


@dataclass(frozen=True)
class FieldError:
    """One problem with one form field: ``field`` is the input's id, for the error summary's link."""

    field: str
    message: str


def validate_form_fields(
    fields: Mapping[str, str], *, staff_domains: Sequence[str], limits: IntakeLimits | None = None
) -> list[FieldError]:
    """Errors to show on the page, in the order the fields appear; [] when the form can be submitted.

    Fields: ``name``, ``email``, ``title``, ``story``, ``consent`` (a ticked box sends "yes"/"on"), and
    for each chosen image ``image-<n>`` (its filename) with ``image-<n>-alt`` (its description).
    """
    lim = limits or IntakeLimits()
    errors: list[FieldError] = []
    name = clean_line(fields.get("name", ""))
    if not name:
        errors.append(FieldError("name", "Enter your name"))
    elif len(name) > lim.max_name_chars:
        errors.append(FieldError("name", f"Name must be {lim.max_name_chars} characters or fewer"))

    address = fields.get("email", "").strip()
    endings = " or ".join(f"@{d.lower()}" for d in staff_domains)
    if not address:
        errors.append(FieldError("email", "Enter your work email address"))
    elif not is_address(address):
        errors.append(
            FieldError("email", "Enter an email address in the correct format, like name@example.gov.uk")
        )
    elif not in_domain(address, staff_domains):
        errors.append(FieldError("email", f"Use your work email address ending {endings}"))

    title = clean_line(fields.get("title", ""))
    if not title:
        errors.append(FieldError("title", "Enter a title for your story"))
    elif len(title) > lim.max_title_chars:
        errors.append(FieldError("title", f"Title must be {lim.max_title_chars} characters or fewer"))

    story = clean_text(fields.get("story", ""))
    if not story:
        errors.append(FieldError("story", "Enter your story"))
    elif len(story) > lim.max_text_chars:
        errors.append(FieldError("story", f"Story must be {lim.max_text_chars:,} characters or fewer"))

    chosen = sorted(
        (int(m.group(1)), key)
        for key, value in fields.items()
        if (m := _IMAGE_FIELD.match(key)) and value.strip()
    )
    if len(chosen) > lim.max_images:
        errors.append(FieldError(chosen[0][1], f"Select up to {lim.max_images} images"))
    for number, key in chosen:
        alt = clean_line(fields.get(f"{key}-alt", ""))
        if not alt:
            errors.append(FieldError(f"{key}-alt", f"Describe image {number} for people who cannot see it"))
        elif len(alt) > lim.max_alt_chars:
            errors.append(
                FieldError(
                    f"{key}-alt",
                    f"Description of image {number} must be {lim.max_alt_chars:,} characters or fewer",
                )
            )

    if fields.get("consent", "").strip().lower() not in _TICKED:
        errors.append(FieldError("consent", "Confirm that your story can be published"))
    return errors


def parse_form(raw: bytes, *, raw_key: str, limits: IntakeLimits) -> Submission:
    """Parse the stored form JSON into a Submission.

    Raises InvalidSubmission with code ``malformed`` (not JSON, a field missing or of the wrong type,
    a bad email address, consent not given), ``empty`` (no story text) or ``too-large`` (the object
    or a field over the limits). A bad image is dropped with a note; the story survives it.
    """
    if len(raw) > limits.max_form_bytes:
        raise InvalidSubmission(
            f"the form submission is {len(raw):,} bytes; the limit is {limits.max_form_bytes:,}",
            code="too-large",
        )
    try:
        doc = json.loads(raw)
    except (ValueError, RecursionError) as e:
        raise InvalidSubmission("the form submission is not valid JSON", code="malformed") from e
    if not isinstance(doc, dict):
        raise InvalidSubmission("the form submission is not a JSON object", code="malformed")

    _text_field(doc, "id")
    name = clean_line(_text_field(doc, "name"))
    address_field = _text_field(doc, "email")
    title = clean_line(_text_field(doc, "title"))
    story = clean_text(_text_field(doc, "story"))
    consent = doc.get("consent")
    if not isinstance(consent, bool):
        raise InvalidSubmission("the form field 'consent' is missing or not true/false", code="malformed")
    images_in = doc.get("images", [])
    if not isinstance(images_in, list):
        raise InvalidSubmission("the form field 'images' is not a list", code="malformed")

    if not consent:
        raise InvalidSubmission("the consent box was not ticked", code="malformed")
    if not name:
        raise InvalidSubmission("the form has no name", code="malformed")
    if len(name) > limits.max_name_chars:
        raise InvalidSubmission(f"the name is over {limits.max_name_chars} characters", code="too-large")
    try:
        address = parse_address(address_field).addr_spec
    except InvalidAddress as e:
        raise InvalidSubmission(f"the form's email address was refused: {e.reason}", code="malformed") from e
    if not story:
        raise InvalidSubmission("the form has no story text", code="empty")
    refuse_if_too_long(story, limits)
    if len(title) > limits.max_title_chars:
        raise InvalidSubmission(f"the title is over {limits.max_title_chars} characters", code="too-large")

    images, notes = _images(images_in, limits)
    return Submission(
        source="form",
        raw_key=raw_key,
        sender=address,
        sender_name=name,
        title=title or title_from_text(story, limits),
        text=story,
        images=images,
        notes=tuple(notes),
        received_at=_timestamp(doc.get("received_at")),
    )


def _text_field(doc: Mapping[str, Any], key: str) -> str:
    value = doc.get(key)
    if not isinstance(value, str):
        raise InvalidSubmission(f"the form field {key!r} is missing or not text", code="malformed")
    return value


def _images(items: list[Any], limits: IntakeLimits) -> tuple[tuple[MediaItem, ...], list[str]]:
    kept: list[MediaItem] = []
    notes: list[str] = []
    for position, item in enumerate(items, start=1):
        if len(kept) >= limits.max_images:
            notes.append(too_many_images_note(len(items) - position + 1, limits))
            break
        label = f"image {position}"
        if not isinstance(item, dict):
            notes.append(f"{label} was not attached: it could not be read")
            continue
        filename = item.get("filename")
        label = safe_filename(filename if isinstance(filename, str) else None, default=label)
        data_b64 = item.get("data_b64")
        if not isinstance(data_b64, str):
            notes.append(f"{label} was not attached: it had no data")
            continue
        if len(data_b64) > (limits.max_image_bytes * 4) // 3 + 4:
            # Refused before decoding so an oversized upload costs no memory.
            most = limits.max_image_bytes // (1024 * 1024)
            notes.append(f"{label} was not attached: images can be at most {most} MB")
            continue
        try:
            data = base64.b64decode(data_b64, validate=True)
        except (binascii.Error, ValueError):
            notes.append(f"{label} was not attached: its data could not be read")
            continue
        declared = item.get("content_type")
        alt = item.get("alt")
        candidate = (
            label,
            declared if isinstance(declared, str) else "",
            data,
            alt if isinstance(alt, str) else "",
        )
        keep_image(kept, notes, candidate, limits, number=position)
    return tuple(kept), notes


def _timestamp(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
