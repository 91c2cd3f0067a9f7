"""A fake X API v2 on loopback, strict enough that code passing against it passes against X.

The local stack and the adapter tests have no internet, and a fake that accepts anything would
hide the mistakes that only show up in production: a signature computed over the wrong URL,
a reused nonce, a clock out of step, a tweet too long by X's weighted count, a duplicate. So
this server verifies OAuth 1.0a exactly as X does (over ``https://api.twitter.com`` + path,
whatever host it is really listening on), answers with X's status codes and JSON error shapes,
and records every post for the dev console (``/dev/x``, ``/dev/x.json``).

It also serves X's v2 media upload (one request, or chunked initialize/append/finalize) and
alt text through ``/2/media/metadata``, with X's checks: an image type X takes, 5 MB for an
image, alt text of at most 1,000 characters, and media on a post that exists, is finished and
belongs to the posting account.

Tests steer it with ``fail_next``, ``delay_next`` (either optionally for one path only) and
``down``/``up``.
"""

from __future__ import annotations

import email.parser
import email.policy
import hmac
import json
import logging
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Protocol, Self, cast
from urllib.parse import parse_qs, urlsplit

from oauthlib.oauth1.rfc5849 import signature as oauth_signature
from oauthlib.oauth1.rfc5849 import utils as oauth_utils
from twitter_text import parse_tweet

log = logging.getLogger(__name__)

X_API_ORIGIN = "https://api.twitter.com"
MAX_WEIGHTED_LENGTH = 280
RATE_WINDOW_S = 15 * 60
_TWITTER_EPOCH_MS = 1288834974657
_FORM = "application/x-www-form-urlencoded"
_INVALID_REQUEST = "https://api.twitter.com/2/problems/invalid-request"
# What X's tweet_image / tweet_gif categories take, by the file's leading bytes: X looks at the
# file, not at the declared type.
_IMAGE_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"BM", "image/bmp"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
)
_IMAGE_TYPES = frozenset(
    {"image/jpeg", "image/pjpeg", "image/png", "image/webp", "image/gif", "image/bmp", "image/tiff"}
)
MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_GIF_BYTES = 15 * 1024 * 1024
MAX_SEGMENT_BYTES = 5 * 1024 * 1024
MAX_ALT_TEXT = 1000
MEDIA_EXPIRES_AFTER_S = 86400
_MEDIA_CATEGORIES = frozenset({"tweet_image", "tweet_gif"})
_TWEET_FIELDS = frozenset(
    {
        "text",
        "reply",
        "media",
        "quote_tweet_id",
        "reply_settings",
        "poll",
        "geo",
        "for_super_followers_only",
        "direct_message_deep_link",
        "nullcast",
    }
)


class OAuthKeys(Protocol):
    """Anything carrying the four OAuth 1.0a values, such as ``XCredentials``."""

    @property
    def consumer_key(self) -> str: ...
    @property
    def consumer_secret(self) -> str: ...
    @property
    def access_token(self) -> str: ...
    @property
    def access_token_secret(self) -> str: ...


@dataclass(frozen=True)
class _SignedRequest:
    """The four attributes oauthlib's ``verify_hmac_sha1`` reads from a request."""

    uri: str
    http_method: str
    params: list[tuple[str, str]]
    signature: str


class OAuthVerifier:
    """Checks an OAuth 1.0a HMAC-SHA1 request the way X does; thread-safe.

    oauthlib's ``ResourceEndpoint`` could drive this, but its ``RequestValidator`` imposes
    key lengths and character sets that test keys do not meet and reports only valid/invalid;
    the fake wants each of X's checks explicit and the reason in its log. The cryptography
    (parameter collection, normalisation, base string, HMAC) is oauthlib's own.
    """

    def __init__(
        self,
        *,
        consumer_key: str,
        consumer_secret: str,
        access_token: str,
        access_token_secret: str,
        max_skew_s: float = 300,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._consumer_key = consumer_key
        self._consumer_secret = consumer_secret
        self._access_token = access_token
        self._access_token_secret = access_token_secret
        self._max_skew_s = max_skew_s
        self._clock = clock
        self._lock = threading.Lock()
        self._nonces: dict[tuple[str, str], float] = {}

    def verify(
        self, method: str, target: str, *, authorization: str | None, content_type: str | None, body: bytes
    ) -> str | None:
        """Return None when the request is properly signed, else why it is not.

        ``target`` is the request line's path and query; the signature is checked against
        ``https://api.twitter.com`` + target because that is the URL the client signed.
        """
        if not authorization or authorization[:6].lower() != "oauth ":
            return "no OAuth Authorization header"
        try:
            oauth = dict(oauth_utils.parse_authorization_header(authorization))
        except ValueError:
            return "malformed Authorization header"
        oauth = {k: oauth_utils.unescape(v) for k, v in oauth.items()}
        required = ("oauth_consumer_key", "oauth_token", "oauth_signature_method", "oauth_timestamp")
        missing = [k for k in (*required, "oauth_nonce", "oauth_signature") if not oauth.get(k)]
        if missing:
            return "missing " + ", ".join(missing)
        if oauth["oauth_signature_method"] != "HMAC-SHA1":
            return "unsupported signature method"
        if oauth.get("oauth_version", "1.0") != "1.0":
            return "unsupported OAuth version"
        if not hmac.compare_digest(oauth["oauth_consumer_key"], self._consumer_key):
            return "unknown consumer key"
        if not hmac.compare_digest(oauth["oauth_token"], self._access_token):
            return "unknown access token"
        try:
            timestamp = int(oauth["oauth_timestamp"])
        except ValueError:
            return "timestamp is not an integer"
        now = self._clock()
        if abs(now - timestamp) > self._max_skew_s:
            return f"timestamp is {now - timestamp:+.0f} s away from the server clock"

        query = urlsplit(target).query
        path = urlsplit(target).path
        is_form = (content_type or "").split(";")[0].strip().lower() == _FORM
        # RFC 5849 3.4.1.3.1: only a form-encoded body is signed; X ignores JSON bodies.
        form_body = body.decode("utf-8", "replace") if is_form and body else None
        try:
            params = oauth_signature.collect_parameters(
                uri_query=query,
                body=form_body,
                headers={"Authorization": authorization},
                exclude_oauth_signature=True,
            )
            request = _SignedRequest(
                uri=X_API_ORIGIN + path,
                http_method=method.upper(),
                params=params,
                signature=oauth["oauth_signature"],
            )
            valid = oauth_signature.verify_hmac_sha1(
                request, self._consumer_secret, self._access_token_secret
            )
        except ValueError:
            return "request cannot be normalised for signing"
        if not valid:
            return "signature mismatch"

        key = (oauth["oauth_nonce"], oauth["oauth_timestamp"])
        with self._lock:
            for old, seen_at in list(self._nonces.items()):
                if seen_at < now - 2 * self._max_skew_s:
                    del self._nonces[old]
            if key in self._nonces:
                return "nonce already used"
            self._nonces[key] = now
        return None


@dataclass
class _Post:
    id: str
    text: str
    reply_to: str | None
    media: list[str]
    created_at: str
    deleted: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "reply_to": self.reply_to,
            "media": list(self.media),
            "created_at": self.created_at,
            "deleted": self.deleted,
        }


@dataclass
class _Media:
    id: str
    owner: str
    media_type: str
    total_bytes: int
    created_at: float
    segments: dict[int, bytes] = field(default_factory=dict)
    size: int = 0
    finalized: bool = False
    alt_text: str | None = None
    chunked: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "media_key": f"3_{self.id}",
            "media_type": self.media_type,
            "size": self.size,
            "finalized": self.finalized,
            "chunked": self.chunked,
            "segments": len(self.segments),
            "alt_text": self.alt_text,
        }


def _sniff_image(data: bytes) -> str | None:
    for signature, media_type in _IMAGE_SIGNATURES:
        if data.startswith(signature):
            return media_type
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def _image_limit(media_type: str) -> int:
    return MAX_GIF_BYTES if media_type == "image/gif" else MAX_IMAGE_BYTES


def _multipart(content_type: str | None, body: bytes) -> dict[str, tuple[bytes, str | None]] | None:
    """Parse a multipart/form-data body into {name: (bytes, part content type)}; None if it is not one.

    The stdlib's MIME parser does the parsing; it only needs the header the HTTP layer consumed.
    """
    if (content_type or "").split(";")[0].strip().lower() != "multipart/form-data":
        return None
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        b"Content-Type: " + (content_type or "").encode("latin-1") + b"\r\n\r\n" + body
    )
    if not message.is_multipart():
        return None
    fields: dict[str, tuple[bytes, str | None]] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str):
            continue
        payload = part.get_payload(decode=True)
        part_type = part.get("Content-Type")
        fields[name] = (payload if isinstance(payload, bytes) else b"", str(part_type) if part_type else None)
    return fields


@dataclass
class _Reply:
    status: int
    body: Mapping[str, Any] | list[Any] | str | bytes | None
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0
    drop: bool = False  # close the connection without answering


@dataclass(frozen=True)
class _Fault:
    status: int
    headers: Mapping[str, str] | None
    body: Mapping[str, Any] | str | bytes | None
    path: str | None = None


@dataclass(frozen=True)
class _Delay:
    seconds: float
    after_accept: bool
    path: str | None = None


def _take(queue: list[Any], path: str) -> Any:
    """Pop the first fault or delay aimed at ``path`` (or at any path)."""
    for index, item in enumerate(queue):
        if item.path is None or item.path == path:
            return queue.pop(index)
    return None


@dataclass
class _Window:
    limit: int
    used: int = 0
    reset_at: int = 0


def _problem(status: int, detail: str | None = None, **extra: Any) -> dict[str, Any]:
    phrase = HTTPStatus(status).phrase
    return {"title": phrase, "type": "about:blank", "status": status, "detail": detail or phrase, **extra}


def _json_object(content_type: str | None, body: bytes) -> dict[str, Any] | _Reply:
    if (content_type or "").split(";")[0].strip().lower() != "application/json":
        return _Reply(400, _problem(400, "Request body must be JSON", type=_INVALID_REQUEST))
    try:
        payload = json.loads(body)
    except ValueError:
        return _Reply(400, _problem(400, "Request body is not valid JSON", type=_INVALID_REQUEST))
    if not isinstance(payload, dict):
        return _Reply(400, _problem(400, "Request body must be a JSON object", type=_INVALID_REQUEST))
    return payload


def _invalid(message: str, parameter: str, value: Any) -> _Reply:
    # X v2's validation answer: tweepy surfaces ``errors[].message`` as the reason.
    return _Reply(
        400,
        {
            "errors": [{"parameters": {parameter: [value]}, "message": message}],
            "title": "Invalid Request",
            "detail": "One or more parameters to your request was invalid.",
            "type": _INVALID_REQUEST,
        },
    )


class FakeX:
    """The fake X API: one account, OAuth 1.0a verification, posts recorded in memory."""

    def __init__(
        self,
        consumer_key: str,
        consumer_secret: str,
        access_token: str,
        access_token_secret: str,
        *,
        port: int = 0,
        host: str = "127.0.0.1",
        username: str = "realstories_dev",
        rate_limit: int = 300,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._verifier = OAuthVerifier(
            consumer_key=consumer_key,
            consumer_secret=consumer_secret,
            access_token=access_token,
            access_token_secret=access_token_secret,
            clock=clock,
        )
        self._host = host
        self._port = port
        self._username = username
        # X's access tokens start with the numeric id of the user they belong to.
        prefix = access_token.split("-", 1)[0]
        self._user_id = prefix if prefix.isdigit() else "1500000000000000000"
        self._rate_limit = rate_limit
        self._clock = clock
        self._lock = threading.Lock()
        self._posts: list[_Post] = []
        self._media: dict[str, _Media] = {}
        self._rejections: list[dict[str, Any]] = []
        self._faults: list[_Fault] = []
        self._delays: list[_Delay] = []
        self._windows: dict[str, _Window] = {}
        self._is_down = False
        self._sequence = 0
        self._stopping = threading.Event()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    @classmethod
    def for_credentials(cls, keys: OAuthKeys, **kwargs: Any) -> FakeX:
        return cls(
            keys.consumer_key, keys.consumer_secret, keys.access_token, keys.access_token_secret, **kwargs
        )

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> FakeX:
        if self._server is not None:
            return self
        self._stopping.clear()
        server = _Server((self._host, self._port), _Handler)
        server.fake = self
        self._server = server
        # A short poll interval keeps stop() quick; serve_forever only checks for shutdown between polls.
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="fake-x", daemon=True
        )
        self._thread.start()
        log.info("fake X listening", extra={"base_url": self.base_url})
        return self

    def stop(self) -> None:
        server, thread = self._server, self._thread
        if server is None:
            return
        self._stopping.set()  # wakes handlers sleeping in a delay
        server.shutdown()
        server.server_close()
        if thread is not None:
            thread.join(timeout=5)
        self._server = self._thread = None

    def __enter__(self) -> FakeX:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        if self._server is None:
            raise RuntimeError("FakeX is not started")
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def user_id(self) -> str:
        return self._user_id

    # -- fault injection ---------------------------------------------------------------------

    def fail_next(
        self,
        status: int,
        *,
        count: int = 1,
        headers: Mapping[str, str] | None = None,
        body: Mapping[str, Any] | str | bytes | None = None,
        path: str | None = None,
    ) -> None:
        """Answer the next ``count`` requests (to ``path`` only, if given) with ``status``.

        The body is X's JSON error unless ``body``. The requests are not processed: nothing is
        posted, uploaded or deleted.
        """
        with self._lock:
            self._faults.extend(_Fault(status, headers, body, path) for _ in range(count))

    def delay_next(self, seconds: float, *, after_accept: bool = True, path: str | None = None) -> None:
        """Hold the next response for ``seconds`` so the client times out.

        ``after_accept=True``: the request is processed (the post is recorded) and the answer
        comes late, as when X is slow to respond. ``after_accept=False``: the request is lost
        before X accepts it: nothing is recorded and the connection closes unanswered. Either
        way the client cannot tell which happened, which is the point. ``path`` aims the delay
        at one endpoint (``/2/tweets``) so earlier media uploads go through.
        """
        with self._lock:
            self._delays.append(_Delay(seconds, after_accept, path))

    def down(self) -> None:
        """Answer every request with 503 until ``up()``."""
        with self._lock:
            self._is_down = True

    def up(self) -> None:
        with self._lock:
            self._is_down = False

    # -- records -----------------------------------------------------------------------------

    def posts(self) -> list[dict[str, Any]]:
        with self._lock:
            return [p.as_dict() for p in self._posts]

    def media(self) -> list[dict[str, Any]]:
        """Every upload, finished or not, with its alt text."""
        with self._lock:
            return [m.as_dict() for m in self._media.values()]

    def add_foreign_media(self, media_type: str = "image/png") -> str:
        """Register a finished upload that belongs to another account; X refuses it on a post."""
        with self._lock:
            media = _Media(self._next_id(), "1", media_type, 8, self._clock(), size=8, finalized=True)
            self._media[media.id] = media
        return media.id

    def rejections(self) -> list[dict[str, Any]]:
        """Requests refused by the OAuth check, with the reason X would not have told you."""
        with self._lock:
            return [dict(r) for r in self._rejections]

    def as_json(self) -> str:
        with self._lock:
            return json.dumps(
                {
                    "account": {"id": self._user_id, "username": self._username},
                    "posts": [p.as_dict() for p in self._posts],
                    "media": [m.as_dict() for m in self._media.values()],
                    "rejections": [dict(r) for r in self._rejections],
                },
                indent=2,
            )

    def reset(self) -> None:
        """Forget posts, rejections and pending faults (between tests sharing one server)."""
        with self._lock:
            self._posts.clear()
            self._media.clear()
            self._rejections.clear()
            self._faults.clear()
            self._delays.clear()
            self._windows.clear()
            self._is_down = False

    # -- request handling (called on the server's threads) ----------------------------------

    def handle(
        self, method: str, target: str, *, authorization: str | None, content_type: str | None, body: bytes
    ) -> _Reply:
        path = urlsplit(target).path.rstrip("/")
        with self._lock:
            if self._is_down:
                return _Reply(503, _problem(503))
            fault: _Fault | None = _take(self._faults, path)
            delay: _Delay | None = _take(self._delays, path) if fault is None else None
        if fault is not None:
            return self._fault_reply(fault)
        if delay is not None and not delay.after_accept:
            return _Reply(0, None, delay_s=delay.seconds, drop=True)

        reason = self._verifier.verify(
            method, target, authorization=authorization, content_type=content_type, body=body
        )
        if reason is not None:
            log.info(
                "fake X rejected a request", extra={"method": method, "target": target, "reason": reason}
            )
            with self._lock:
                self._rejections.append(
                    {"method": method, "path": urlsplit(target).path, "reason": reason, "at": self._iso_now()}
                )
            reply = _Reply(401, _problem(401, "Unauthorized"))
        else:
            reply = self._route(method, urlsplit(target).path, content_type, body)
        if delay is not None:
            reply.delay_s = delay.seconds
        return reply

    def _route(self, method: str, path: str, content_type: str | None, body: bytes) -> _Reply:
        parts = path.rstrip("/").split("/")
        if method == "POST" and path.rstrip("/") == "/2/tweets":
            return self._limited("tweets:create", lambda: self._create(content_type, body))
        if method == "DELETE" and len(parts) == 4 and parts[:3] == ["", "2", "tweets"]:
            return self._limited("tweets:delete", lambda: self._delete(parts[3]))
        if method == "POST" and len(parts) >= 4 and parts[:3] == ["", "2", "media"]:
            return self._limited("media:write", lambda: self._media_route(parts[3:], content_type, body))
        if method == "GET" and len(parts) == 5 and parts[:3] == ["", "2", "users"] and parts[4] == "tweets":
            return self._limited("users:tweets", lambda: self._timeline(parts[3]))
        if method == "GET" and path.rstrip("/") == "/2/users/me":
            return self._limited(
                "users:me",
                lambda: _Reply(
                    200, {"data": {"id": self._user_id, "name": self._username, "username": self._username}}
                ),
            )
        return _Reply(404, {"errors": [{"message": "Sorry, that page does not exist", "code": 34}]})

    def _timeline(self, user_id: str) -> _Reply:
        """GET /2/users/:id/tweets: the account's recent posts, newest first (what reconciliation reads)."""
        if user_id != self._user_id:
            return _Reply(404, _problem(404, "Could not find user"))
        with self._lock:
            live = [p for p in reversed(self._posts) if not p.deleted][:100]
            data = [{"id": p.id, "text": p.text} for p in live]
        return _Reply(
            200,
            {"data": data, "meta": {"result_count": len(data)}} if data else {"meta": {"result_count": 0}},
        )

    def _limited(self, endpoint: str, action: Callable[[], _Reply]) -> _Reply:
        now = int(self._clock())
        with self._lock:
            window = self._windows.setdefault(endpoint, _Window(self._rate_limit))
            if now >= window.reset_at:
                window.used, window.reset_at = 0, now + RATE_WINDOW_S
            exhausted = window.used >= window.limit
            if not exhausted:
                window.used += 1
            headers = {
                "x-rate-limit-limit": str(window.limit),
                "x-rate-limit-remaining": str(window.limit - window.used),
                "x-rate-limit-reset": str(window.reset_at),
            }
        reply = _Reply(429, _problem(429)) if exhausted else action()
        reply.headers = {**headers, **reply.headers}
        return reply

    def _create(self, content_type: str | None, body: bytes) -> _Reply:
        if (content_type or "").split(";")[0].strip().lower() != "application/json":
            return _Reply(400, _problem(400, "Request body must be JSON", type=_INVALID_REQUEST))
        try:
            payload = json.loads(body)
        except ValueError:
            return _Reply(400, _problem(400, "Request body is not valid JSON", type=_INVALID_REQUEST))
        if not isinstance(payload, dict):
            return _Reply(400, _problem(400, "Request body must be a JSON object", type=_INVALID_REQUEST))
        unknown = sorted(set(payload) - _TWEET_FIELDS)
        if unknown:
            return _invalid(f"The `{unknown[0]}` field is not allowed.", unknown[0], payload[unknown[0]])

        text = payload.get("text", "")
        if not isinstance(text, str):
            return _invalid("`text` must be a string.", "text", text)
        media_ids: list[str] = []
        media = payload.get("media")
        if media is not None:
            ids = media.get("media_ids") if isinstance(media, dict) else None
            if (
                not isinstance(ids, list)
                or not 1 <= len(ids) <= 4
                or not all(isinstance(i, str) for i in ids)
            ):
                return _invalid("`media.media_ids` must list 1 to 4 media ids.", "media.media_ids", ids)
            media_ids = list(ids)
        if not text and not media_ids:
            return _invalid("Tweet text is empty.", "text", text)
        if parse_tweet(text).weightedLength > MAX_WEIGHTED_LENGTH:
            return _invalid("Your Tweet text is too long.", "text", text)

        reply_to: str | None = None
        reply = payload.get("reply")
        if reply is not None:
            reply_to = reply.get("in_reply_to_tweet_id") if isinstance(reply, dict) else None
            if not isinstance(reply_to, str) or not reply_to.isdigit():
                return _invalid(
                    "`reply.in_reply_to_tweet_id` must be a numeric string.",
                    "reply.in_reply_to_tweet_id",
                    reply_to,
                )

        with self._lock:
            for media_id in media_ids:
                known = self._media.get(media_id)
                if known is None or known.owner != self._user_id or not known.finalized:
                    return _invalid("Your media IDs are invalid.", "media.media_ids", media_id)
            live = [p for p in self._posts if not p.deleted]
            if reply_to is not None and not any(p.id == reply_to for p in live):
                return _invalid(
                    "You attempted to reply to a Tweet that is deleted or not visible to you.",
                    "reply.in_reply_to_tweet_id",
                    reply_to,
                )
            if text and any(p.text == text for p in live):
                return _Reply(
                    403, _problem(403, "You are not allowed to create a Tweet with duplicate content.")
                )
            post = _Post(self._next_id(), text, reply_to, media_ids, self._iso_now())
            self._posts.append(post)
        log.info("fake X recorded a post", extra={"post_id": post.id, "reply_to": reply_to})
        return _Reply(201, {"data": {"id": post.id, "text": post.text, "edit_history_tweet_ids": [post.id]}})

    # -- media ---------------------------------------------------------------------------------

    def _media_route(self, rest: list[str], content_type: str | None, body: bytes) -> _Reply:
        if rest == ["upload"]:
            return self._upload_simple(content_type, body)
        if rest == ["upload", "initialize"]:
            return self._upload_initialize(content_type, body)
        if len(rest) == 3 and rest[0] == "upload" and rest[2] == "append":
            return self._upload_append(rest[1], content_type, body)
        if len(rest) == 3 and rest[0] == "upload" and rest[2] == "finalize":
            return self._upload_finalize(rest[1])
        if rest == ["metadata"]:
            return self._metadata(content_type, body)
        return _Reply(404, {"errors": [{"message": "Sorry, that page does not exist", "code": 34}]})

    def _upload_simple(self, content_type: str | None, body: bytes) -> _Reply:
        fields = _multipart(content_type, body)
        if fields is None or "media" not in fields:
            return _invalid("A multipart `media` field is required.", "media", None)
        data, part_type = fields["media"]
        category = fields.get("media_category", (b"", None))[0].decode("utf-8", "replace") or None
        if category is not None and category not in _MEDIA_CATEGORIES:
            return _invalid(f"`{category}` is not a valid media category.", "media_category", category)
        declared = fields.get("media_type", (b"", None))[0].decode("utf-8", "replace") or part_type
        sniffed = _sniff_image(data)
        problem = self._check_image(declared, sniffed, len(data))
        if problem is not None:
            return problem
        with self._lock:
            media = _Media(
                self._next_id(),
                self._user_id,
                sniffed or "",
                len(data),
                self._clock(),
                segments={0: data},
                size=len(data),
                finalized=True,
            )
            self._media[media.id] = media
        return _Reply(200, {"data": self._media_body(media)})

    def _upload_initialize(self, content_type: str | None, body: bytes) -> _Reply:
        payload = _json_object(content_type, body)
        if isinstance(payload, _Reply):
            return payload
        media_type, total = payload.get("media_type"), payload.get("total_bytes")
        if not isinstance(total, int) or total <= 0:
            return _invalid("`total_bytes` must be a positive integer.", "total_bytes", total)
        category = payload.get("media_category")
        if category is not None and category not in _MEDIA_CATEGORIES:
            return _invalid(f"`{category}` is not a valid media category.", "media_category", category)
        problem = self._check_image(media_type if isinstance(media_type, str) else None, None, total)
        if problem is not None:
            return problem
        with self._lock:
            media = _Media(
                self._next_id(), self._user_id, str(media_type), total, self._clock(), chunked=True
            )
            self._media[media.id] = media
        return _Reply(
            200,
            {
                "data": {
                    "id": media.id,
                    "media_key": f"3_{media.id}",
                    "expires_after_secs": MEDIA_EXPIRES_AFTER_S,
                }
            },
        )

    def _upload_append(self, media_id: str, content_type: str | None, body: bytes) -> _Reply:
        fields = _multipart(content_type, body)
        if fields is None or "media" not in fields or "segment_index" not in fields:
            return _invalid("Multipart `media` and `segment_index` fields are required.", "media", None)
        try:
            index = int(fields["segment_index"][0])
        except ValueError:
            index = -1
        if not 0 <= index <= 999:
            return _invalid("`segment_index` must be between 0 and 999.", "segment_index", index)
        chunk = fields["media"][0]
        if len(chunk) > MAX_SEGMENT_BYTES:
            return _invalid("A segment must be at most 5 MB.", "media", len(chunk))
        with self._lock:
            media = self._media.get(media_id)
            if media is None or media.owner != self._user_id:
                return _invalid("The media id is invalid.", "id", media_id)
            if media.finalized:
                return _invalid("The upload is already finalized.", "id", media_id)
            received = sum(len(c) for i, c in media.segments.items() if i != index) + len(chunk)
            if received > media.total_bytes:
                return _invalid("More bytes were sent than `total_bytes` declared.", "media", received)
            media.segments[index] = chunk
        return _Reply(200, {"data": {"expires_at": int(media.created_at) + MEDIA_EXPIRES_AFTER_S}})

    def _upload_finalize(self, media_id: str) -> _Reply:
        with self._lock:
            media = self._media.get(media_id)
            if media is None or media.owner != self._user_id:
                return _invalid("The media id is invalid.", "id", media_id)
            data = b"".join(media.segments[i] for i in sorted(media.segments))
            if sorted(media.segments) != list(range(len(media.segments))) or len(data) != media.total_bytes:
                return _invalid("File size does not match `total_bytes`.", "id", media_id)
            sniffed = _sniff_image(data)
            if sniffed is None:
                return _invalid("The file is not a supported image.", "media", media_id)
            media.media_type = sniffed
            media.size = len(data)
            media.finalized = True
        return _Reply(200, {"data": self._media_body(media)})

    def _metadata(self, content_type: str | None, body: bytes) -> _Reply:
        payload = _json_object(content_type, body)
        if isinstance(payload, _Reply):
            return payload
        media_id = payload.get("id")
        metadata = payload.get("metadata")
        alt = metadata.get("alt_text") if isinstance(metadata, dict) else None
        text = alt.get("text") if isinstance(alt, dict) else None
        if not isinstance(text, str):
            return _invalid("`metadata.alt_text.text` must be a string.", "metadata.alt_text.text", text)
        if len(text) > MAX_ALT_TEXT:
            return _invalid(
                f"Alt text must be at most {MAX_ALT_TEXT} characters.", "metadata.alt_text.text", len(text)
            )
        with self._lock:
            media = self._media.get(media_id) if isinstance(media_id, str) else None
            if media is None or media.owner != self._user_id:
                return _invalid("The media id is invalid.", "id", media_id)
            media.alt_text = text
        return _Reply(200, {"data": {"id": media.id, "associated_metadata": {"alt_text": {"text": text}}}})

    def _check_image(self, declared: str | None, sniffed: str | None, size: int) -> _Reply | None:
        media_type = sniffed or declared
        if media_type not in _IMAGE_TYPES or (declared is not None and declared not in _IMAGE_TYPES):
            return _invalid("The media type is not supported.", "media_type", declared)
        limit = _image_limit(media_type)
        if size > limit:
            return _invalid(f"The file is larger than {limit} bytes.", "total_bytes", size)
        return None

    def _media_body(self, media: _Media) -> dict[str, Any]:
        return {
            "id": media.id,
            "media_key": f"3_{media.id}",
            "size": media.size,
            "expires_after_secs": MEDIA_EXPIRES_AFTER_S,
            "image": {"image_type": media.media_type},
        }

    def _delete(self, post_id: str) -> _Reply:
        with self._lock:
            post = next((p for p in self._posts if p.id == post_id and not p.deleted), None)
            if post is not None:
                post.deleted = True
        if post is None:
            return _Reply(
                404,
                _problem(
                    404,
                    f"Could not find tweet with id: [{post_id}].",
                    title="Not Found Error",
                    type="https://api.twitter.com/2/problems/resource-not-found",
                ),
            )
        return _Reply(200, {"data": {"deleted": True}})

    def _fault_reply(self, fault: _Fault) -> _Reply:
        headers: dict[str, str] = {}
        if fault.status == 429:
            reset = int(self._clock()) + RATE_WINDOW_S
            headers = {
                "x-rate-limit-limit": "0",
                "x-rate-limit-remaining": "0",
                "x-rate-limit-reset": str(reset),
            }
        headers.update(fault.headers or {})
        body = fault.body if fault.body is not None else _problem(fault.status)
        return _Reply(fault.status, body, headers)

    def _next_id(self) -> str:
        # Snowflake-shaped like X's ids (time in the high bits), so they stay unique across restarts.
        self._sequence = (self._sequence + 1) % 4096
        return str(((int(self._clock() * 1000) - _TWITTER_EPOCH_MS) << 22) | self._sequence)

    def _iso_now(self) -> str:
        return (
            datetime.fromtimestamp(self._clock(), UTC)
            .isoformat(timespec="milliseconds")
            .replace("+00:00", "Z")
        )

    def _wait(self, seconds: float) -> None:
        self._stopping.wait(seconds)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # A handler sleeping in delay_next must not hold up stop().
    block_on_close = False
    fake: FakeX


class _Handler(BaseHTTPRequestHandler):
    server_version = "FakeX/1.0"

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    def do_PUT(self) -> None:
        self._serve("PUT")

    def do_DELETE(self) -> None:
        self._serve("DELETE")

    def _serve(self, method: str) -> None:
        fake = cast(_Server, self.server).fake
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0 or self.headers.get("Transfer-Encoding"):
            self._write(_Reply(411, _problem(411)))
            return
        body = self.rfile.read(length) if length else b""
        reply = fake.handle(
            method,
            self.path,
            authorization=self.headers.get("Authorization"),
            content_type=self.headers.get("Content-Type"),
            body=body,
        )
        if reply.delay_s:
            fake._wait(reply.delay_s)
        if reply.drop:
            self.close_connection = True
            return
        self._write(reply)

    def _write(self, reply: _Reply) -> None:
        if reply.body is None:
            data = b""
        elif isinstance(reply.body, bytes):
            data = reply.body
        elif isinstance(reply.body, str):
            data = reply.body.encode("utf-8")
        else:
            data = json.dumps(reply.body).encode("utf-8")
        try:
            self.send_response(reply.status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            # The client gave up (a timeout test); X would not notice either.
            log.debug("fake X client went away before the response")

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("fake X: " + format, *args)


# -- a base for the other channels' fakes ------------------------------------------------------------


@dataclass(frozen=True)
class HttpRequest:
    """One request as a fake sees it: the request line, the headers and the whole body."""

    method: str
    target: str
    headers: Mapping[str, str]
    body: bytes

    @property
    def path(self) -> str:
        return urlsplit(self.target).path

    @property
    def query(self) -> dict[str, list[str]]:
        return parse_qs(urlsplit(self.target).query, keep_blank_values=True)

    def header(self, name: str) -> str | None:
        lowered = name.lower()
        return next((v for k, v in self.headers.items() if k.lower() == lowered), None)

    @property
    def content_type(self) -> str:
        return (self.header("Content-Type") or "").split(";")[0].strip().lower()

    def json(self) -> Any:
        """The JSON body, or None when it is not JSON."""
        if self.content_type != "application/json":
            return None
        try:
            return json.loads(self.body)
        except ValueError:
            return None

    def form(self) -> dict[str, list[str]]:
        """Form fields from a urlencoded or multipart body (file parts excluded)."""
        if self.content_type == _FORM:
            return parse_qs(self.body.decode("utf-8", "replace"), keep_blank_values=True)
        fields = _multipart(self.header("Content-Type"), self.body) or {}
        return {
            k: [v.decode("utf-8", "replace")] for k, (v, part_type) in fields.items() if part_type is None
        }

    def files(self) -> dict[str, tuple[bytes, str | None]]:
        """Multipart parts that carry a content type (the uploaded files)."""
        fields = _multipart(self.header("Content-Type"), self.body) or {}
        return {k: v for k, v in fields.items() if v[1] is not None}


Reply = _Reply


class HttpFake:
    """Lifecycle and fault injection shared by the Mastodon, Bluesky and WordPress fakes.

    Subclasses implement ``route``; ``fault_reply`` shapes an injected error as that service would.
    Faults and delays work as on ``FakeX``: ``fail_next`` answers without processing,
    ``delay_next`` holds the answer (after processing, or instead of it), ``down``/``up``.
    """

    service = "fake"

    def __init__(
        self, *, host: str = "127.0.0.1", port: int = 0, clock: Callable[[], float] = time.time
    ) -> None:
        self._host = host
        self._port = port
        self._clock = clock
        self._lock = threading.RLock()
        self._faults: list[_Fault] = []
        self._delays: list[_Delay] = []
        self._is_down = False
        self._stopping = threading.Event()
        self._server: _GenericServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> Self:
        if self._server is not None:
            return self
        self._stopping.clear()
        server = _GenericServer((self._host, self._port), _GenericHandler)
        server.fake = self
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, name=self.service, daemon=True
        )
        self._thread.start()
        log.info("%s listening", self.service, extra={"base_url": self.base_url})
        return self

    def stop(self) -> None:
        server, thread = self._server, self._thread
        if server is None:
            return
        self._stopping.set()
        server.shutdown()
        server.server_close()
        if thread is not None:
            thread.join(timeout=5)
        self._server = self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        if self._server is None:
            raise RuntimeError(f"{type(self).__name__} is not started")
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    # -- fault injection ---------------------------------------------------------------------

    def fail_next(
        self,
        status: int,
        *,
        count: int = 1,
        headers: Mapping[str, str] | None = None,
        body: Mapping[str, Any] | str | bytes | None = None,
        path: str | None = None,
    ) -> None:
        """Answer the next ``count`` requests (to ``path`` only, if given) with ``status``, unprocessed."""
        with self._lock:
            self._faults.extend(_Fault(status, headers, body, path) for _ in range(count))

    def delay_next(self, seconds: float, *, after_accept: bool = True, path: str | None = None) -> None:
        """Hold the next answer (to ``path`` only, if given) for ``seconds``.

        ``after_accept=True`` processes the request first (the post exists, the answer is late);
        ``after_accept=False`` drops it unprocessed and closes the connection.
        """
        with self._lock:
            self._delays.append(_Delay(seconds, after_accept, path))

    def down(self) -> None:
        with self._lock:
            self._is_down = True

    def up(self) -> None:
        with self._lock:
            self._is_down = False

    # -- request handling --------------------------------------------------------------------

    def handle(self, request: HttpRequest) -> _Reply:
        path = request.path.rstrip("/")
        with self._lock:
            if self._is_down:
                return self.fault_reply(503, None)
            fault: _Fault | None = _take(self._faults, path)
            delay: _Delay | None = _take(self._delays, path) if fault is None else None
        if fault is not None:
            reply = self.fault_reply(fault.status, fault.body)
            reply.headers.update(fault.headers or {})
            return reply
        if delay is not None and not delay.after_accept:
            return _Reply(0, None, delay_s=delay.seconds, drop=True)
        reply = self.route(request)
        if delay is not None:
            reply.delay_s = delay.seconds
        return reply

    def route(self, request: HttpRequest) -> _Reply:
        raise NotImplementedError

    def fault_reply(self, status: int, body: Mapping[str, Any] | str | bytes | None) -> _Reply:
        return _Reply(status, body if body is not None else {"error": HTTPStatus(status).phrase})

    def _wait(self, seconds: float) -> None:
        self._stopping.wait(seconds)


class _GenericServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    fake: HttpFake


class _GenericHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self._serve("GET")

    def do_HEAD(self) -> None:
        self._serve("HEAD")

    def do_POST(self) -> None:
        self._serve("POST")

    def do_PUT(self) -> None:
        self._serve("PUT")

    def do_PATCH(self) -> None:
        self._serve("PATCH")

    def do_DELETE(self) -> None:
        self._serve("DELETE")

    def _serve(self, method: str) -> None:
        fake = cast(_GenericServer, self.server).fake
        self.server_version = type(fake).__name__
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0 or self.headers.get("Transfer-Encoding"):
            self._write(_Reply(411, {"error": "Length Required"}))
            return
        body = self.rfile.read(length) if length else b""
        request = HttpRequest(method, self.path, dict(self.headers.items()), body)
        reply = fake.handle(request)
        if reply.delay_s:
            fake._wait(reply.delay_s)
        if reply.drop:
            self.close_connection = True
            return
        self._write(reply)

    def _write(self, reply: _Reply) -> None:
        content_type = "application/json; charset=utf-8"
        if reply.body is None:
            data = b""
        elif isinstance(reply.body, bytes):
            data, content_type = reply.body, "application/octet-stream"
        elif isinstance(reply.body, str):
            data, content_type = reply.body.encode("utf-8"), "text/html; charset=utf-8"
        else:
            data = json.dumps(reply.body).encode("utf-8")
        try:
            self.send_response(reply.status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            log.debug("fake client went away before the response")

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("fake: " + format, *args)
