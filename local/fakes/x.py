"""A fake X API v2 on loopback, strict enough that code passing against it passes against X.

The local stack and the adapter tests have no internet, and a fake that accepts anything would
hide the mistakes that only show up in production: a signature computed over the wrong URL,
a reused nonce, a clock out of step, a tweet too long by X's weighted count, a duplicate. So
this server verifies OAuth 1.0a exactly as X does (over ``https://api.twitter.com`` + path,
whatever host it is really listening on), answers with X's status codes and JSON error shapes,
and records every post for the dev console (``/dev/x``, ``/dev/x.json``). Media uploads are
served by ``x_media``.

Tests steer it with ``fail_next``, ``delay_next`` (either optionally for one path only) and
``down``/``up``, from ``HttpFake``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Unpack

from twitter_text import parse_tweet

from .http_fake import HttpFake, HttpRequest, RateWindow, Reply, ServerOptions
from .oauth1 import SIGNED_ORIGIN_HEADER, OAuthKeys, OAuthVerifier
from .x_errors import invalid, json_object, page_not_found, problem
from .x_media import XMediaUploads

log = logging.getLogger(__name__)

MAX_WEIGHTED_LENGTH = 280
RATE_WINDOW_S = 15 * 60
_TWITTER_EPOCH_MS = 1288834974657
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


class FakeX(HttpFake):
    """The fake X API: one account, OAuth 1.0a verification, posts recorded in memory."""

    service = "fake-x"
    # One request a connection, as this fake has always answered: a delayed or dropped answer then
    # never leaves a half-used connection in the client's pool.
    protocol_version = "HTTP/1.0"

    def __init__(
        self,
        consumer_key: str,
        consumer_secret: str,
        access_token: str,
        access_token_secret: str,
        *,
        username: str = "realstories_dev",
        rate_limit: int = 300,
        **server: Unpack[ServerOptions],
    ) -> None:
        super().__init__(**server)
        self._verifier = OAuthVerifier(
            consumer_key=consumer_key,
            consumer_secret=consumer_secret,
            access_token=access_token,
            access_token_secret=access_token_secret,
            clock=self._clock,
        )
        self._username = username
        # X's access tokens start with the numeric id of the user they belong to.
        prefix = access_token.split("-", 1)[0]
        self._user_id = prefix if prefix.isdigit() else "1500000000000000000"
        self._rate_limit = rate_limit
        self._posts: list[_Post] = []
        self._uploads = XMediaUploads(
            self._user_id, lock=self._lock, next_id=self._next_id, clock=self._clock
        )
        self._rejections: list[dict[str, Any]] = []
        self._windows: dict[str, RateWindow] = {}
        self._sequence = 0

    @classmethod
    def for_credentials(cls, keys: OAuthKeys, **kwargs: Any) -> FakeX:
        return cls(
            keys.consumer_key, keys.consumer_secret, keys.access_token, keys.access_token_secret, **kwargs
        )

    @property
    def user_id(self) -> str:
        return self._user_id

    # -- records -----------------------------------------------------------------------------

    def posts(self) -> list[dict[str, Any]]:
        with self._lock:
            return [p.as_dict() for p in self._posts]

    def media(self) -> list[dict[str, Any]]:
        """Every upload, finished or not, with its alt text."""
        return self._uploads.records()

    def process_next_upload(self, *, polls: int, fail: bool = False) -> None:
        """Keep the next chunked upload processing until its ``polls``-th status check (then it is done)."""
        self._uploads.process_next(polls=polls, fail=fail)

    def add_foreign_media(self, media_type: str = "image/png") -> str:
        """Register a finished upload that belongs to another account; X refuses it on a post."""
        return self._uploads.add_foreign(media_type)

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
                    "media": self._uploads.records(),
                    "rejections": [dict(r) for r in self._rejections],
                },
                indent=2,
            )

    def reset(self) -> None:
        """Forget posts, media, rejections and pending faults (between tests sharing one server)."""
        with self._lock:
            super().reset()
            self._posts.clear()
            self._uploads.clear()
            self._rejections.clear()
            self._windows.clear()

    # -- request handling (called on the server's threads) ----------------------------------

    def fault_reply(self, status: int, body: Mapping[str, Any] | str | bytes | None) -> Reply:
        headers: dict[str, str] = {}
        if status == 429:
            reset = int(self._clock()) + RATE_WINDOW_S
            headers = {
                "x-rate-limit-limit": "0",
                "x-rate-limit-remaining": "0",
                "x-rate-limit-reset": str(reset),
            }
        return Reply(status, body if body is not None else problem(status), headers)

    def route(self, request: HttpRequest) -> Reply:
        method, target, content_type = request.method, request.target, request.header("Content-Type")
        reason = self._verifier.verify(
            method,
            target,
            authorization=request.header("Authorization"),
            content_type=content_type,
            body=request.body,
            signed_origin=request.header(SIGNED_ORIGIN_HEADER),
        )
        if reason is None:
            if method == "GET" and request.path.rstrip("/") == "/2/media/upload":
                return self._limited("media:status", lambda: self._uploads.status(request.query))
            return self._dispatch(method, request.path, content_type, request.body, request.query)
        log.info("fake X rejected a request", extra={"method": method, "target": target, "reason": reason})
        with self._lock:
            self._rejections.append(
                {"method": method, "path": request.path, "reason": reason, "at": self._iso_now()}
            )
        return Reply(401, problem(401, "Unauthorized"))

    def _dispatch(
        self, method: str, path: str, content_type: str | None, body: bytes, query: dict[str, list[str]]
    ) -> Reply:
        parts = path.rstrip("/").split("/")
        if method == "POST" and path.rstrip("/") == "/2/tweets":
            return self._limited("tweets:create", lambda: self._create(content_type, body))
        if method == "DELETE" and len(parts) == 4 and parts[:3] == ["", "2", "tweets"]:
            return self._limited("tweets:delete", lambda: self._delete(parts[3]))
        if method == "POST" and len(parts) >= 4 and parts[:3] == ["", "2", "media"]:
            return self._limited("media:write", lambda: self._uploads.route(parts[3:], content_type, body))
        if method == "GET" and len(parts) == 5 and parts[:3] == ["", "2", "users"] and parts[4] == "tweets":
            return self._limited("users:tweets", lambda: self._timeline(parts[3], query))
        if method == "GET" and path.rstrip("/") == "/2/users/me":
            return self._limited(
                "users:me",
                lambda: Reply(
                    200, {"data": {"id": self._user_id, "name": self._username, "username": self._username}}
                ),
            )
        return page_not_found()

    def _timeline(self, user_id: str, query: dict[str, list[str]]) -> Reply:
        """GET /2/users/:id/tweets: the account's recent posts, newest first (what reconciliation reads),
        ``max_results`` of them (5 to 100, 10 if not given), as X pages them and bills them."""
        if user_id != self._user_id:
            return Reply(404, problem(404, "Could not find user"))
        try:
            wanted = int(query.get("max_results", ["10"])[0])
        except ValueError:
            wanted = 0
        if not 5 <= wanted <= 100:
            return Reply(400, problem(400, "The `max_results` query parameter is not between 5 and 100"))
        with self._lock:
            live = [p for p in reversed(self._posts) if not p.deleted][:wanted]
            data = [{"id": p.id, "text": p.text} for p in live]
        return Reply(
            200,
            {"data": data, "meta": {"result_count": len(data)}} if data else {"meta": {"result_count": 0}},
        )

    def _limited(self, endpoint: str, action: Callable[[], Reply]) -> Reply:
        now = int(self._clock())
        with self._lock:
            window = self._windows.setdefault(endpoint, RateWindow(self._rate_limit, RATE_WINDOW_S))
            allowed = window.spend(now)
            headers = {
                "x-rate-limit-limit": str(window.limit),
                "x-rate-limit-remaining": str(window.remaining),
                "x-rate-limit-reset": str(int(window.reset_at)),
            }
        reply = action() if allowed else Reply(429, problem(429))
        reply.headers = {**headers, **reply.headers}
        return reply

    def _create(self, content_type: str | None, body: bytes) -> Reply:
        payload = json_object(content_type, body)
        if isinstance(payload, Reply):
            return payload
        unknown = sorted(set(payload) - _TWEET_FIELDS)
        if unknown:
            return invalid(f"The `{unknown[0]}` field is not allowed.", unknown[0], payload[unknown[0]])

        text = payload.get("text", "")
        if not isinstance(text, str):
            return invalid("`text` must be a string.", "text", text)
        media_ids: list[str] = []
        media = payload.get("media")
        if media is not None:
            ids = media.get("media_ids") if isinstance(media, dict) else None
            if (
                not isinstance(ids, list)
                or not 1 <= len(ids) <= 4
                or not all(isinstance(i, str) for i in ids)
            ):
                return invalid("`media.media_ids` must list 1 to 4 media ids.", "media.media_ids", ids)
            media_ids = list(ids)
        if not text and not media_ids:
            return invalid("Tweet text is empty.", "text", text)
        if parse_tweet(text).weightedLength > MAX_WEIGHTED_LENGTH:
            return invalid("Your Tweet text is too long.", "text", text)

        reply_to: str | None = None
        reply = payload.get("reply")
        if reply is not None:
            reply_to = reply.get("in_reply_to_tweet_id") if isinstance(reply, dict) else None
            if not isinstance(reply_to, str) or not reply_to.isdigit():
                return invalid(
                    "`reply.in_reply_to_tweet_id` must be a numeric string.",
                    "reply.in_reply_to_tweet_id",
                    reply_to,
                )

        with self._lock:
            for media_id in media_ids:
                if not self._uploads.attachable(media_id):
                    return invalid("Your media IDs are invalid.", "media.media_ids", media_id)
            live = [p for p in self._posts if not p.deleted]
            if reply_to is not None and not any(p.id == reply_to for p in live):
                return invalid(
                    "You attempted to reply to a Tweet that is deleted or not visible to you.",
                    "reply.in_reply_to_tweet_id",
                    reply_to,
                )
            if text and any(p.text == text for p in live):
                return Reply(
                    403, problem(403, "You are not allowed to create a Tweet with duplicate content.")
                )
            post = _Post(self._next_id(), text, reply_to, media_ids, self._iso_now())
            self._posts.append(post)
        log.info("fake X recorded a post", extra={"post_id": post.id, "reply_to": reply_to})
        return Reply(201, {"data": {"id": post.id, "text": post.text, "edit_history_tweet_ids": [post.id]}})

    def _delete(self, post_id: str) -> Reply:
        with self._lock:
            post = next((p for p in self._posts if p.id == post_id and not p.deleted), None)
            if post is not None:
                post.deleted = True
        if post is None:
            return Reply(
                404,
                problem(
                    404,
                    f"Could not find tweet with id: [{post_id}].",
                    title="Not Found Error",
                    type="https://api.twitter.com/2/problems/resource-not-found",
                ),
            )
        return Reply(200, {"data": {"deleted": True}})

    def _next_id(self) -> str:
        # Snowflake-shaped like X's ids (time in the high bits), so they stay unique across restarts.
        with self._lock:
            self._sequence = (self._sequence + 1) % 4096
            return str(((int(self._clock() * 1000) - _TWITTER_EPOCH_MS) << 22) | self._sequence)

    def _iso_now(self) -> str:
        return (
            datetime.fromtimestamp(self._clock(), UTC)
            .isoformat(timespec="milliseconds")
            .replace("+00:00", "Z")
        )
