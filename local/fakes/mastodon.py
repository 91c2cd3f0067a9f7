"""A fake Mastodon server on loopback that refuses what a real instance refuses.

Mastodon.py talks to it unchanged (only ``api_base_url`` differs), so the adapter's tests exercise
the real client's parameter encoding and error classes. It checks the Bearer token, the
500-character limit the way Mastodon counts it (grapheme clusters, every http(s) URL as 23,
``@user@domain`` as ``@user``), media type, size and description length, at most four media
that exist, are unattached and belong to the account, replies to a status that exists,
``Idempotency-Key``, and a rate window with Mastodon's ``X-RateLimit-*`` headers. It records
statuses and media for tests and the dev console.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Unpack

import regex

from .http_fake import HttpFake, HttpRequest, RateWindow, Reply, ServerOptions
from .images import sniff_image

MAX_CHARS = 500
URL_LENGTH = 23
MAX_MEDIA = 4
MAX_DESCRIPTION = 1500
MAX_IMAGE_BYTES = 16 * 1024 * 1024
RATE_WINDOW_S = 5 * 60
_IMAGE_TYPES = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp", "image/heic", "image/avif"})
# Mastodon extracts URLs with twitter-text's rules; scheme-ful URLs are what it shortens.
_URL = regex.compile(r"https?://[^\s<>\"]+[^\s<>\".,:;!?)\]'}]")
_MENTION = regex.compile(r"(?<![\w/])@(\w+)@[\w.-]+\w")


def countable_length(text: str) -> int:
    """Mastodon's StatusLengthValidator: graphemes, after URLs become 23 x's and remote mentions shrink."""
    text = _URL.sub("x" * URL_LENGTH, text)
    text = _MENTION.sub(lambda m: "@" + m.group(1), text)
    return len(regex.findall(r"\X", text))


def _error(status: int, message: str) -> Reply:
    return Reply(status, {"error": message})


@dataclass
class _Attachment:
    id: str
    media_type: str
    size: int
    description: str | None
    status_id: str | None = None

    def as_api(self, base_url: str) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": "image",
            "url": f"{base_url}/system/media_attachments/{self.id}.png",
            "preview_url": f"{base_url}/system/media_attachments/{self.id}_small.png",
            "remote_url": None,
            "description": self.description,
            "blurhash": None,
            "meta": {},
        }


@dataclass
class _Status:
    id: str
    text: str
    in_reply_to_id: str | None
    media_ids: list[str]
    visibility: str
    created_at: str
    idempotency_key: str | None
    deleted: bool = False


class FakeMastodon(HttpFake):
    """One account on one instance; ``access_token`` is the only token it accepts."""

    service = "fake-mastodon"

    def __init__(
        self,
        access_token: str,
        *,
        username: str = "realstories",
        rate_limit: int = 300,
        **server: Unpack[ServerOptions],
    ) -> None:
        super().__init__(**server)
        self._token = access_token
        self._username = username
        self._account_id = "109000000000000001"
        self._window = RateWindow(rate_limit, RATE_WINDOW_S)
        self._statuses: dict[str, _Status] = {}
        self._media: dict[str, _Attachment] = {}
        self._idempotency: dict[str, str] = {}
        self._sequence = 0

    # -- records -------------------------------------------------------------------------------

    def statuses(self) -> list[dict[str, Any]]:
        """Every status created, deleted ones included (``deleted`` says which)."""
        with self._lock:
            return [
                {
                    "id": s.id,
                    "text": s.text,
                    "in_reply_to_id": s.in_reply_to_id,
                    "media": [
                        {
                            "id": m,
                            "description": self._media[m].description,
                            "type": self._media[m].media_type,
                        }
                        for m in s.media_ids
                    ],
                    "visibility": s.visibility,
                    "created_at": s.created_at,
                    "idempotency_key": s.idempotency_key,
                    "deleted": s.deleted,
                }
                for s in self._statuses.values()
            ]

    def media(self) -> list[dict[str, Any]]:
        with self._lock:
            return [
                {
                    "id": m.id,
                    "type": m.media_type,
                    "size": m.size,
                    "description": m.description,
                    "status_id": m.status_id,
                }
                for m in self._media.values()
            ]

    def add_foreign_media(self) -> str:
        """A media id that another account uploaded; Mastodon will not attach it."""
        with self._lock:
            media_id = self._next_id()
        return "9" + media_id

    # -- routing -------------------------------------------------------------------------------

    def fault_reply(self, status: int, body: Mapping[str, Any] | str | bytes | None) -> Reply:
        reply = super().fault_reply(status, body)
        if status == 429:
            reply.headers.update(self._rate_headers(remaining=0, reset_at=self._clock() + RATE_WINDOW_S))
            if body is None:
                reply.body = {"error": "Too many requests"}
        return reply

    def route(self, request: HttpRequest) -> Reply:
        if request.header("Authorization") != f"Bearer {self._token}":
            return _error(401, "The access token is invalid")
        limited = self._spend()
        if limited is not None:
            return limited
        reply = self._dispatch(request)
        reply.headers = {**self._rate_headers(), **reply.headers}
        return reply

    def _dispatch(self, request: HttpRequest) -> Reply:
        method, parts = request.method, request.path.rstrip("/").split("/")[1:]
        if method == "GET" and parts == ["api", "v1", "accounts", "verify_credentials"]:
            return Reply(200, self._account())
        if method == "POST" and parts == ["api", "v2", "media"]:
            return self._upload(request)
        if method == "GET" and parts[:3] == ["api", "v1", "media"] and len(parts) == 4:
            with self._lock:
                found = self._media.get(parts[3])
            return Reply(200, found.as_api(self.base_url)) if found else _error(404, "Record not found")
        if method == "POST" and parts == ["api", "v1", "statuses"]:
            return self._create(request)
        if parts[:3] == ["api", "v1", "statuses"] and len(parts) == 4:
            if method == "GET":
                return self._show(parts[3])
            if method == "DELETE":
                return self._delete(parts[3])
        return _error(404, "Record not found")

    # -- endpoints ----------------------------------------------------------------------------

    def _upload(self, request: HttpRequest) -> Reply:
        files = request.files()
        if "file" not in files:
            return _error(422, "Validation failed: File can't be blank")
        data, declared = files["file"]
        descriptions = request.form().get("description") or []
        description = descriptions[0] if descriptions else None
        sniffed = sniff_image(data)
        if sniffed not in _IMAGE_TYPES or (declared or "").split(";")[0] not in _IMAGE_TYPES:
            return _error(422, "Validation failed: File content type is invalid, File is invalid")
        if len(data) > MAX_IMAGE_BYTES:
            return _error(422, "Validation failed: File file size must be less than 16 MB")
        if description is not None and len(description) > MAX_DESCRIPTION:
            return _error(
                422, f"Validation failed: Description is too long (maximum is {MAX_DESCRIPTION} characters)"
            )
        with self._lock:
            attachment = _Attachment(self._next_id(), sniffed, len(data), description or None)
            self._media[attachment.id] = attachment
        return Reply(200, attachment.as_api(self.base_url))

    def _create(self, request: HttpRequest) -> Reply:
        form = request.form()
        body = request.json()
        if isinstance(body, dict):
            form = {k: v if isinstance(v, list) else [str(v)] for k, v in body.items() if v is not None}
        text = (form.get("status") or [""])[0]
        media_ids = form.get("media_ids[]", []) + form.get("media_ids", [])
        reply_to = (form.get("in_reply_to_id") or [""])[0] or None
        visibility = (form.get("visibility") or ["public"])[0]
        key = request.header("Idempotency-Key")

        with self._lock:
            if key is not None and key in self._idempotency:
                # Mastodon answers a repeated key with the status it already made.
                return Reply(200, self._status_api(self._statuses[self._idempotency[key]]))
            if not text.strip() and not media_ids:
                return _error(422, "Validation failed: Text can't be blank")
            if countable_length(text) > MAX_CHARS:
                return _error(422, f"Validation failed: Text character limit of {MAX_CHARS} exceeded")
            if len(media_ids) > MAX_MEDIA:
                return _error(422, f"Cannot attach more than {MAX_MEDIA} files")
            unusable = [m for m in media_ids if m not in self._media or self._media[m].status_id is not None]
            if unusable:
                return _error(
                    422, f"Media with IDs {', '.join(unusable)} not found or already attached to another post"
                )
            if reply_to is not None:
                parent = self._statuses.get(reply_to)
                if parent is None or parent.deleted:
                    return _error(404, "The post you are trying to reply to does not appear to exist.")
            status = _Status(
                self._next_id(), text, reply_to, list(media_ids), visibility, self._iso(self._clock()), key
            )
            self._statuses[status.id] = status
            for media_id in media_ids:
                self._media[media_id].status_id = status.id
            if key is not None:
                self._idempotency[key] = status.id
            return Reply(200, self._status_api(status))

    def _show(self, status_id: str) -> Reply:
        with self._lock:
            status = self._statuses.get(status_id)
            if status is None or status.deleted:
                return _error(404, "Record not found")
            return Reply(200, self._status_api(status))

    def _delete(self, status_id: str) -> Reply:
        with self._lock:
            status = self._statuses.get(status_id)
            if status is None or status.deleted:
                return _error(404, "Record not found")
            status.deleted = True
            return Reply(200, self._status_api(status) | {"text": status.text})

    # -- helpers -------------------------------------------------------------------------------

    def _spend(self) -> Reply | None:
        with self._lock:
            if not self._window.spend(self._clock()):
                return Reply(429, {"error": "Too many requests"}, self._rate_headers())
        return None

    def _rate_headers(self, *, remaining: int | None = None, reset_at: float | None = None) -> dict[str, str]:
        with self._lock:
            left = self._window.remaining if remaining is None else remaining
            reset = self._window.reset_at if reset_at is None else reset_at
        return {
            "X-RateLimit-Limit": str(self._window.limit),
            "X-RateLimit-Remaining": str(max(0, left)),
            "X-RateLimit-Reset": self._iso(reset),
        }

    def _account(self) -> dict[str, Any]:
        return {
            "id": self._account_id,
            "username": self._username,
            "acct": self._username,
            "display_name": self._username,
            "url": f"{self.base_url}/@{self._username}",
        }

    def _status_api(self, status: _Status) -> dict[str, Any]:
        return {
            "id": status.id,
            "uri": f"{self.base_url}/users/{self._username}/statuses/{status.id}",
            "url": f"{self.base_url}/@{self._username}/{status.id}",
            "created_at": status.created_at,
            "content": f"<p>{status.text}</p>",
            "visibility": status.visibility,
            "in_reply_to_id": status.in_reply_to_id,
            "in_reply_to_account_id": self._account_id if status.in_reply_to_id else None,
            "media_attachments": [self._media[m].as_api(self.base_url) for m in status.media_ids],
            "account": self._account(),
        }

    def _next_id(self) -> str:
        # Snowflake-like, as Mastodon's: milliseconds in the high bits.
        self._sequence = (self._sequence + 1) % 65536
        return str((int(self._clock() * 1000) << 16) | self._sequence)

    @staticmethod
    def _iso(at: float) -> str:
        return datetime.fromtimestamp(at, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
