"""A fake Bluesky PDS on loopback, speaking the XRPC calls the Bluesky adapter makes when it posts.

The adapter's tests post through it (its XRPC over ``atproto``'s own ``Request``), so sessions,
refreshes, blob uploads and record writes go over the wire as they would to bsky.social. It checks
what the PDS checks: the app password, a Bearer access JWT that expires (``access_ttl_s`` makes the client
refresh on its own; ``expire_access_tokens`` makes the server refuse tokens the client still
believes in; a token it cannot verify is ``400 InvalidToken``), refresh tokens that may be used
again (as the PDS allows), uploads of at most 5 MiB (413 above), post text of at most 300
graphemes and 3,000 bytes, image blobs that were uploaded, are images and are at most 2,000,000
bytes, at most four images each with an ``alt`` (empty allowed, as on the PDS) and a valid
``aspectRatio`` if any, and well-formed reply refs (the PDS does not look the parent up, so
neither does this). Handles of ``others`` resolve for mentions. It answers with the PDS's XRPC
error bodies (``{"error": ..., "message": ...}``, record problems as ``InvalidRequest``) and
records posts. tests/integration/test_bluesky_contract.py runs the same checks against both.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Unpack

import regex

from .http_fake import HttpFake, HttpRequest, RateWindow, Reply, ServerOptions
from .images import sniff_image

MAX_GRAPHEMES = 300
MAX_TEXT_BYTES = 3000
MAX_IMAGES = 4
MAX_IMAGE_BLOB_BYTES = 2_000_000
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
RATE_WINDOW_S = 5 * 60
POST_COLLECTION = "app.bsky.feed.post"
_TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"


def _error(status: int, error: str, message: str) -> Reply:
    return Reply(status, {"error": error, "message": message})


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _cid(codec: int, data: bytes) -> str:
    """A CIDv1 (sha2-256) in base32, the shape the PDS returns; ``codec`` 0x71 records, 0x55 blobs."""
    raw = bytes([0x01, codec, 0x12, 0x20]) + hashlib.sha256(data).digest()
    return "b" + base64.b32encode(raw).decode("ascii").lower().rstrip("=")


def graphemes(text: str) -> int:
    return len(regex.findall(r"\X", text))


@dataclass
class _Post:
    uri: str
    cid: str
    rkey: str
    record: dict[str, Any]
    deleted: bool = False


@dataclass
class _Tokens:
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32))
    revoked_before: float = 0.0  # access tokens issued before this are refused as expired


class FakeBluesky(HttpFake):
    """One account on one PDS; log in with ``handle`` (or the DID) and ``app_password``."""

    service = "fake-bluesky"

    def __init__(
        self,
        handle: str,
        app_password: str,
        *,
        did: str = "did:plc:realstoriesfakeaccount",
        access_ttl_s: float = 2 * 3600,
        refresh_ttl_s: float = 60 * 86400,
        rate_limit: int = 3000,
        others: Mapping[str, str] | None = None,
        **server: Unpack[ServerOptions],
    ) -> None:
        super().__init__(**server)
        self._handle = handle
        self._password = app_password
        self._did = did
        # Handle -> DID of the accounts a post may mention; handles compare case-blind.
        self._handles = {handle.lower(): did, **{h.lower(): d for h, d in (others or {}).items()}}
        self._access_ttl_s = access_ttl_s
        self._refresh_ttl_s = refresh_ttl_s
        self._window = RateWindow(rate_limit, RATE_WINDOW_S)
        self._tokens = _Tokens()
        self._posts: dict[str, _Post] = {}
        self._blobs: dict[str, tuple[str, int]] = {}
        self._sessions = 0
        self._refreshes = 0
        self._expired_rejections = 0
        self._last_tid = 0

    @property
    def did(self) -> str:
        return self._did

    # -- steering and records ----------------------------------------------------------------

    def expire_access_tokens(self) -> None:
        """Refuse every access token issued so far with ``ExpiredToken``, as after a PDS restart."""
        with self._lock:
            self._tokens.revoked_before = self._clock() + 1e-6

    def posts(self) -> list[dict[str, Any]]:
        with self._lock:
            return [self._as_dict(p) for p in self._posts.values()]

    def counts(self) -> dict[str, int]:
        """Sessions created, refreshes made, and requests refused for an expired token."""
        with self._lock:
            return {
                "sessions": self._sessions,
                "refreshes": self._refreshes,
                "expired_rejections": self._expired_rejections,
            }

    # -- routing -------------------------------------------------------------------------------

    def fault_reply(self, status: int, body: Mapping[str, Any] | str | bytes | None) -> Reply:
        if body is not None:
            return Reply(status, body)
        if status == 429:
            reset = int(self._clock()) + RATE_WINDOW_S
            return Reply(
                429,
                {"error": "RateLimitExceeded", "message": "Rate Limit Exceeded"},
                {"ratelimit-limit": "0", "ratelimit-remaining": "0", "ratelimit-reset": str(reset)},
            )
        return _error(status, "InternalServerError" if status < 503 else "UpstreamFailure", "fake fault")

    def route(self, request: HttpRequest) -> Reply:
        path = request.path.rstrip("/")
        if not path.startswith("/xrpc/"):
            return _error(404, "NotFound", "Not Found")
        nsid = path[len("/xrpc/") :]
        if nsid == "com.atproto.server.createSession" and request.method == "POST":
            return self._create_session(request)
        if nsid == "com.atproto.server.refreshSession" and request.method == "POST":
            return self._refresh_session(request)
        # Reading is public on the PDS: no token needed.
        public: dict[str, Callable[[HttpRequest], Reply]] = {
            "com.atproto.identity.resolveHandle": self._resolve_handle,
            "com.atproto.repo.getRecord": self._get_record,
            "com.atproto.repo.listRecords": self._list_records,
        }
        if nsid in public and request.method == "GET":
            return public[nsid](request)
        handlers: dict[str, Callable[[HttpRequest], Reply]] = {
            "com.atproto.repo.uploadBlob": self._upload_blob,
            "com.atproto.repo.createRecord": self._create_record,
            "com.atproto.repo.deleteRecord": self._delete_record,
        }
        handler = handlers.get(nsid)
        if handler is None:
            return _error(501, "MethodNotImplemented", f"Method Not Implemented: {nsid}")
        refused = self._check_access(request)
        if refused is not None:
            return refused
        limited = self._spend()
        if limited is not None:
            return limited
        return handler(request)

    # -- auth ----------------------------------------------------------------------------------

    def _create_session(self, request: HttpRequest) -> Reply:
        body = request.json()
        if not isinstance(body, dict) or not isinstance(body.get("identifier"), str):
            return _error(400, "InvalidRequest", 'Input must have the property "identifier"')
        known = body["identifier"] in {self._handle, self._did}
        if not known or not hmac.compare_digest(str(body.get("password", "")), self._password):
            return _error(401, "AuthenticationRequired", "Invalid identifier or password")
        with self._lock:
            self._sessions += 1
        return Reply(200, self._session_body())

    def _refresh_session(self, request: HttpRequest) -> Reply:
        claims, problem = self._verify(request, scope="com.atproto.refresh")
        if problem is not None:
            return problem
        assert claims is not None
        with self._lock:
            # The PDS lets a refresh token be used again (a client that lost the answer retries).
            self._refreshes += 1
        return Reply(200, self._session_body())

    def _check_access(self, request: HttpRequest) -> Reply | None:
        claims, problem = self._verify(request, scope="com.atproto.appPass")
        if problem is not None:
            return problem
        assert claims is not None
        with self._lock:
            if claims["iat_precise"] < self._tokens.revoked_before:
                self._expired_rejections += 1
                return _error(400, "ExpiredToken", "Token has expired")
        return None

    def _verify(self, request: HttpRequest, *, scope: str) -> tuple[dict[str, Any] | None, Reply | None]:
        header = request.header("Authorization") or ""
        if not header.startswith("Bearer "):
            return None, _error(401, "AuthenticationRequired", "Authentication Required")
        token = header[len("Bearer ") :]
        try:
            signing_input, signature = token.rsplit(".", 1)
            expected = _b64url(hmac.new(self._tokens.secret, signing_input.encode(), hashlib.sha256).digest())
            if not hmac.compare_digest(signature, expected):
                return None, _error(400, "InvalidToken", "Token could not be verified")
            payload = signing_input.split(".", 1)[1]
            claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        except (ValueError, IndexError):
            return None, _error(400, "InvalidToken", "Token could not be verified")
        if claims.get("scope") != scope:
            return None, _error(400, "InvalidToken", "Bad token scope")
        if claims["exp"] <= self._clock():
            with self._lock:
                self._expired_rejections += 1
            return None, _error(400, "ExpiredToken", "Token has expired")
        return claims, None

    def _session_body(self) -> dict[str, Any]:
        now = self._clock()
        access = self._jwt({"scope": "com.atproto.appPass", "exp": int(now + self._access_ttl_s)}, now)
        refresh = self._jwt(
            {
                "scope": "com.atproto.refresh",
                "exp": int(now + self._refresh_ttl_s),
                "jti": secrets.token_hex(16),
            },
            now,
        )
        return {
            "did": self._did,
            "handle": self._handle,
            "accessJwt": access,
            "refreshJwt": refresh,
            "active": True,
        }

    def _jwt(self, claims: dict[str, Any], now: float) -> str:
        header = _b64url(json.dumps({"typ": "at+jwt", "alg": "HS256"}).encode())
        body = {"sub": self._did, "aud": "did:web:fake.pds", "iat": int(now), "iat_precise": now, **claims}
        signing_input = header + "." + _b64url(json.dumps(body).encode())
        return (
            signing_input
            + "."
            + _b64url(hmac.new(self._tokens.secret, signing_input.encode(), hashlib.sha256).digest())
        )

    def _spend(self) -> Reply | None:
        with self._lock:
            if self._window.spend(self._clock()):
                return None
            return Reply(
                429,
                {"error": "RateLimitExceeded", "message": "Rate Limit Exceeded"},
                {
                    "ratelimit-limit": str(self._window.limit),
                    "ratelimit-remaining": "0",
                    "ratelimit-reset": str(int(self._window.reset_at)),
                },
            )

    # -- repo ----------------------------------------------------------------------------------

    def _resolve_handle(self, request: HttpRequest) -> Reply:
        handle = (request.query.get("handle") or [""])[0].lower()
        did = self._handles.get(handle)
        if did is None:
            return _error(400, "HandleNotFound", "Unable to resolve handle")
        return Reply(200, {"did": did})

    def _upload_blob(self, request: HttpRequest) -> Reply:
        if len(request.body) > MAX_UPLOAD_BYTES:
            return _error(413, "PayloadTooLarge", "request entity too large")
        mime = (request.header("Content-Type") or "").split(";")[0].strip()
        if mime in {"", "*/*"}:
            # Nothing declared: the PDS reads the file to tell what it is.
            mime = sniff_image(request.body) or "application/octet-stream"
        cid = _cid(0x55, request.body)
        with self._lock:
            self._blobs[cid] = (mime, len(request.body))
        return Reply(
            200,
            {"blob": {"$type": "blob", "ref": {"$link": cid}, "mimeType": mime, "size": len(request.body)}},
        )

    def _create_record(self, request: HttpRequest) -> Reply:
        body = request.json()
        if not isinstance(body, dict):
            return _error(400, "InvalidRequest", "Input must be a JSON object")
        if body.get("repo") not in {self._did, self._handle}:
            return _error(401, "AuthRequiredError", "Invalid repo")
        if body.get("collection") != POST_COLLECTION:
            return _error(400, "InvalidRequest", "This fake only stores app.bsky.feed.post records")
        record = body.get("record")
        if not isinstance(record, dict):
            return _error(400, "InvalidRequest", 'Input must have the property "record"')
        with self._lock:
            problem = self._validate_post(record)
            if problem is not None:
                return problem
            rkey = self._next_tid()
            uri = f"at://{self._did}/{POST_COLLECTION}/{rkey}"
            cid = _cid(0x71, json.dumps(record, sort_keys=True).encode())
            self._posts[uri] = _Post(uri, cid, rkey, record)
        return Reply(
            200,
            {
                "uri": uri,
                "cid": cid,
                "commit": {"cid": _cid(0x71, uri.encode()), "rev": rkey},
                "validationStatus": "valid",
            },
        )

    def _validate_post(self, record: dict[str, Any]) -> Reply | None:
        def invalid(message: str) -> Reply:
            return _error(400, "InvalidRequest", f"Invalid app.bsky.feed.post record: {message}")

        text = record.get("text")
        if not isinstance(text, str):
            return invalid('record must have the property "text" at $.record')
        if not isinstance(record.get("createdAt"), str):
            return invalid('record must have the property "createdAt" at $.record')
        size = len(text.encode("utf-8"))
        if size > MAX_TEXT_BYTES:
            return invalid(f"string too big (maximum {MAX_TEXT_BYTES}, got {size}) at $.record.text")
        count = graphemes(text)
        if count > MAX_GRAPHEMES:
            return invalid(f"grapheme too big (maximum {MAX_GRAPHEMES}, got {count}) at $.record.text")
        embed = record.get("embed")
        if embed is not None:
            problem = self._validate_images(embed, invalid)
            if problem is not None:
                return problem
        reply = record.get("reply")
        if reply is not None:
            return self._validate_reply(reply, invalid)
        return None

    def _validate_images(self, embed: Any, invalid: Callable[[str], Reply]) -> Reply | None:
        if not isinstance(embed, dict) or embed.get("$type") != "app.bsky.embed.images":
            return invalid("Record/embed must be app.bsky.embed.images in this fake")
        images = embed.get("images")
        if not isinstance(images, list) or not 1 <= len(images) <= MAX_IMAGES:
            return invalid(f"Record/embed/images must have 1 to {MAX_IMAGES} elements")
        for index, image in enumerate(images):
            where = f"$.record.embed.images[{index}]"
            # An empty alt is valid on the PDS; the adapter refuses it before anything is sent.
            if not isinstance(image, dict) or not isinstance(image.get("alt"), str):
                return invalid(f'{where} must have the property "alt"')
            ratio = image.get("aspectRatio")
            if ratio is not None:
                for side in ("width", "height"):
                    value = ratio.get(side) if isinstance(ratio, dict) else None
                    if not isinstance(value, int) or value < 1:
                        return invalid(
                            f"integer too small (minimum 1, got {value}) at {where}.aspectRatio.{side}"
                        )
            blob = image.get("image")
            link = blob.get("ref", {}).get("$link") if isinstance(blob, dict) else None
            stored = self._blobs.get(link) if isinstance(link, str) else None
            if stored is None:
                return _error(400, "InvalidRequest", f"Could not find blob: {link}")
            mime, size = stored
            if not mime.startswith("image/"):
                return _error(
                    400, "InvalidMimeType", f"Wrong type of file. It is {mime} but it must match image/*."
                )
            if size > MAX_IMAGE_BLOB_BYTES:
                return invalid(f"blob too big (maximum {MAX_IMAGE_BLOB_BYTES}, got {size}) at {where}.image")
        return None

    def _validate_reply(self, reply: Any, invalid: Callable[[str], Reply]) -> Reply | None:
        # Shape only: the PDS stores a reply to a post it has never seen (it may live elsewhere).
        for name in ("root", "parent"):
            ref = reply.get(name) if isinstance(reply, dict) else None
            if (
                not isinstance(ref, dict)
                or not isinstance(ref.get("uri"), str)
                or not isinstance(ref.get("cid"), str)
            ):
                return invalid(f'$.record.reply must have the property "{name}" with uri and cid')
        return None

    def _delete_record(self, request: HttpRequest) -> Reply:
        body = request.json()
        if not isinstance(body, dict) or body.get("repo") not in {self._did, self._handle}:
            return _error(400, "InvalidRequest", "Invalid repo")
        uri = f"at://{self._did}/{body.get('collection')}/{body.get('rkey')}"
        with self._lock:
            post = self._posts.get(uri)
            if post is not None:
                post.deleted = True
        # Deleting a record that is not there succeeds on the PDS too.
        return Reply(200, {"commit": {"cid": _cid(0x71, uri.encode() + b"/delete"), "rev": self._next_tid()}})

    def _get_record(self, request: HttpRequest) -> Reply:
        query = request.query
        repo = (query.get("repo") or [""])[0]
        uri = f"at://{self._did}/{(query.get('collection') or [''])[0]}/{(query.get('rkey') or [''])[0]}"
        with self._lock:
            post = self._posts.get(uri) if repo in {self._did, self._handle} else None
            if post is None or post.deleted:
                return _error(400, "RecordNotFound", f"Could not locate record: {uri}")
            return Reply(200, {"uri": post.uri, "cid": post.cid, "value": post.record})

    def _list_records(self, request: HttpRequest) -> Reply:
        query = request.query
        repo = (query.get("repo") or [""])[0]
        collection = (query.get("collection") or [""])[0]
        limit = int((query.get("limit") or ["50"])[0])
        with self._lock:
            live = [
                {"uri": p.uri, "cid": p.cid, "value": p.record}
                for p in reversed(self._posts.values())  # newest first, as the PDS lists them
                if not p.deleted and repo in {self._did, self._handle} and collection == POST_COLLECTION
            ]
        return Reply(200, {"records": live[:limit]})

    # -- helpers -------------------------------------------------------------------------------

    def _next_tid(self) -> str:
        # A TID: microseconds since the epoch and a clock id, base32-sortable, 13 characters.
        micros = max(int(self._clock() * 1_000_000), self._last_tid + 1)
        self._last_tid = micros
        value = (micros << 10) | 7
        out = ""
        for _ in range(13):
            out = _TID_ALPHABET[value & 31] + out
            value >>= 5
        return out

    def _as_dict(self, post: _Post) -> dict[str, Any]:
        record = post.record
        embed = record.get("embed") or {}
        images = [
            {
                "alt": image.get("alt"),
                "mime_type": image.get("image", {}).get("mimeType"),
                "size": image.get("image", {}).get("size"),
            }
            for image in embed.get("images", [])
        ]
        reply = record.get("reply")
        return {
            "uri": post.uri,
            "cid": post.cid,
            "rkey": post.rkey,
            "text": record.get("text"),
            "created_at": record.get("createdAt"),
            "langs": record.get("langs"),
            "facets": record.get("facets"),
            "reply": {"root": reply["root"]["uri"], "parent": reply["parent"]["uri"]} if reply else None,
            "images": images,
            "deleted": post.deleted,
            "recorded_at": datetime.fromtimestamp(self._clock(), UTC).isoformat(),
        }
