"""Submit: the web form's POST becomes a raw submission in the intake bucket, or a list of field errors."""

from __future__ import annotations

import base64
import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from ..adapters.ports import RawStore
from ..domain.errors import InvalidSubmission
from ..domain.links import SigningKeys, check_form_token, form_token
from ..intake.form import FieldError, validate_form_fields
from ..intake.images import prepare_image
from ..intake.limits import IntakeLimits
from ..policy.rules import OrgRules
from ..web import FormBody

MAX_IMAGES = 2


@dataclass(frozen=True)
class SubmitResult:
    errors: tuple[FieldError, ...] = ()
    submission_id: str = ""


def new_form_nonce() -> str:
    return secrets.token_urlsafe(24)


class SubmitService:
    def __init__(
        self,
        *,
        raw: RawStore,
        keys: Callable[[], SigningKeys],
        rules: Callable[[], OrgRules],
        clock: Callable[[], datetime],
        limits: IntakeLimits | None = None,
    ) -> None:
        self._raw = raw
        self._keys = keys
        self._rules = rules
        self._clock = clock
        self._limits = limits or IntakeLimits()

    def form_token(self, nonce: str) -> str:
        return form_token("submit:" + nonce, self._keys())

    def genuine(self, nonce: str | None, token: str) -> bool:
        """Signed double-submit: the cookie's nonce must match the form's signed token."""
        return bool(nonce) and check_form_token("submit:" + str(nonce), token, self._keys())

    def submit(self, form: FormBody) -> SubmitResult:
        rules = self._rules()
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
                prepare_image(upload.filename, upload.content_type, upload.data, alt, self._limits)
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
        sid = f"{self._clock().strftime('%Y%m%dT%H%M%S')}-{secrets.token_hex(6)}"
        doc = {
            "id": sid,
            "received_at": self._clock().isoformat(),
            "name": fields.get("name", "").strip(),
            "email": fields.get("email", "").strip(),
            "title": fields.get("title", "").strip(),
            "story": fields.get("story", ""),
            "consent": fields.get("consent") == "yes",
            "images": images,
        }
        self._raw.put_raw(f"raw/form/{sid}.json", json.dumps(doc).encode(), "application/json")
        return SubmitResult(submission_id=sid)
