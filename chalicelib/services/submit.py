"""Submit: the web form's POST becomes a raw submission in the intake bucket, or a list of field errors.

The form is protected three ways: a signed double-submit token (cookie nonce + signed form value) that
expires and works once, a rate limit per address and per client, and (in app.py) an Origin check.
"""

from __future__ import annotations

import base64
import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal

from ..adapters.ports import RawStore
from ..domain import markers
from ..domain.addresses import address_text
from ..domain.errors import InvalidSubmission, RateLimited
from ..domain.links import SigningKeys, check_form_token, form_token
from ..intake.form import FieldError, validate_form_fields
from ..intake.images import prepare_image
from ..intake.limits import IntakeLimits
from ..web import FormBody
from .base import Service
from .limits import RateLimiter

MAX_IMAGES = 2
# Long enough to write a story with a photo on a phone between jobs; after that the page is re-shown
# with what was typed, and a fresh token.
FORM_LIFETIME = timedelta(hours=8)
FormCheck = Literal["genuine", "forged", "expired"]


@dataclass(frozen=True)
class SubmitResult:
    errors: tuple[FieldError, ...] = ()
    submission_id: str = ""
    duplicate: bool = False  # this form was sent already (a double click, a resent POST)
    retry_after_s: int = 0  # over the hourly limit: nothing stored, nothing sent


def new_form_nonce(now: datetime) -> str:
    """A nonce that carries when the form was shown, so the signed token expires with it."""
    return f"{int(now.timestamp())}.{secrets.token_urlsafe(18)}"


@dataclass(kw_only=True)
class SubmitService(Service):
    raw: RawStore
    limiter: RateLimiter
    keys: Callable[[], SigningKeys]
    limits: IntakeLimits = field(default_factory=IntakeLimits)

    def form_token(self, nonce: str) -> str:
        return form_token("submit:" + nonce, self.keys())

    def check_form(self, nonce: str | None, token: str) -> FormCheck:
        """Signed double-submit: the cookie's nonce must match the form's signed token, and be recent."""
        if not nonce or not check_form_token("submit:" + nonce, token, self.keys()):
            return "forged"
        shown, _, _ = nonce.partition(".")
        if not shown.isdigit():
            return "forged"  # signed by us, so never: but a nonce without its time cannot expire
        age = self.clock().timestamp() - int(shown)
        return "genuine" if -300 <= age <= FORM_LIFETIME.total_seconds() else "expired"

    def submit(self, form: FormBody, *, nonce: str, client: str) -> SubmitResult:
        """Store the story for intake once per form shown, within the hourly limits.

        ``nonce`` is the form's (already checked) cookie nonce; ``client`` the sender's IP address.
        """
        rules = self.rules()
        fields = {k: v for k, v in form.fields.items() if k != "csrf"}
        uploads = {
            n: form.files[f"image-{n}"] for n in range(1, MAX_IMAGES + 1) if f"image-{n}" in form.files
        }
        chosen = {f"image-{n}": upload.filename or f"photo {n}" for n, upload in uploads.items()}
        errors = list(validate_form_fields(fields | chosen, staff_domains=rules.organisation.staff_domains))
        images = []
        for n, upload in uploads.items():
            alt = fields.get(f"image-{n}-alt", "").strip()
            try:
                # Checked now so the person hears about a bad photo on the page, not by email later.
                prepare_image(upload.filename, upload.content_type, upload.data, alt, self.limits)
            except InvalidSubmission as e:
                errors.append(FieldError(f"image-{n}", f"Photo {n}: {e.reason}"))
                continue
            images.append(
                {
                    "filename": upload.filename,
                    "content_type": upload.content_type,
                    "data_b64": base64.b64encode(upload.data).decode(),
                    "alt": alt,
                }
            )
        if errors:
            return SubmitResult(errors=tuple(errors))
        limits = rules.limits
        try:
            self.limiter.take("form-client", client or "unknown", limits.form_per_client_per_hour)
            self.limiter.take("form-address", address_text(fields["email"]), limits.form_per_address_per_hour)
        except RateLimited as e:
            return SubmitResult(retry_after_s=e.retry_after_s)
        if not self.table.claim(markers.form(nonce), owner="submit", now=self.clock()):
            return SubmitResult(duplicate=True)
        sid = f"{self.clock().strftime('%Y%m%dT%H%M%S')}-{secrets.token_hex(6)}"
        doc = {
            "id": sid,
            "received_at": self.clock().isoformat(),
            "name": fields.get("name", "").strip(),
            "email": address_text(fields["email"]),
            "title": fields.get("title", "").strip(),
            "story": fields.get("story", ""),
            "consent": fields.get("consent") == "yes",
            "images": images,
        }
        self.raw.put_raw(f"raw/form/{sid}.json", json.dumps(doc).encode(), "application/json")
        return SubmitResult(submission_id=sid)
