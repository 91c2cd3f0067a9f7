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
        errors = list(validate_form_fields(fields, staff_domains=rules.organisation.staff_domains))
        images = []
        for n in range(1, MAX_IMAGES + 1):
            upload = form.files.get(f"image{n}")
            if upload is None:
                continue
            alt = fields.get(f"alt{n}", "").strip()
            try:
                prepare_image(upload.filename, upload.content_type, upload.data, alt, self._limits)
            except InvalidSubmission as e:
                errors.append(FieldError(f"image{n}", f"Photo {n}: {e.reason}"))
                continue
            if not alt:
                errors.append(FieldError(f"alt{n}", f"Describe photo {n} for people who cannot see it"))
            images.append(
                {
                    "filename": upload.filename,
                    "content_type": upload.content_type,
                    "data_b64": base64.b64encode(upload.data).decode(),
                    "alt": alt,
                }
            )
        if errors:
            # One message per field, in the order the fields appear on the page.
            seen: set[str] = set()
            unique = [e for e in errors if not (e.field in seen or seen.add(e.field))]  # type: ignore[func-returns-value]
            return SubmitResult(errors=tuple(unique))
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
