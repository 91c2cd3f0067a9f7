"""The Mastodon adapter: posts, replies, images and deletes through Mastodon.py, in domain terms.

The publisher sees a ``PostResult``, a ``PublishError`` that says whether a retry can help, or
``UnknownOutcome`` when the status may already be public. Mastodon.py is imported here only, so
functions that never publish do not load it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Unpack

import requests
from mastodon import (
    Mastodon,
    MastodonAPIError,
    MastodonError,
    MastodonIllegalArgumentError,
    MastodonNetworkError,
    MastodonNotFoundError,
    MastodonRatelimitError,
    MastodonServerError,
    MastodonUnauthorizedError,
)
from urllib3.exceptions import ConnectTimeoutError, MaxRetryError, NewConnectionError

from ..domain.errors import PublishError, UnknownOutcome
from ..domain.story import MediaItem
from .credentials import URL, Credentials
from .ports import PostOptions, PostResult

log = logging.getLogger(__name__)

CHANNEL = "mastodon"
MAX_IMAGES = 4
# Mastodon.py picks endpoints by server version; pinning a floor every supported instance meets
# saves the /api/v1/instance round trip on each cold start.
MASTODON_VERSION = "4.0.0"


@dataclass(frozen=True, repr=False)
class MastodonCredentials(Credentials, called="the Mastodon secret"):
    """The instance and the access token of the organisation's Mastodon account."""

    api_base_url: str = field(metadata=URL)
    access_token: str


class MastodonChannel:
    """Publishes to one Mastodon account with a ``Mastodon`` client built elsewhere."""

    name = CHANNEL

    def __init__(
        self,
        api: Mastodon,
        *,
        visibility: str = "public",
        processing_polls: int = 10,
        poll_interval_s: float = 1.0,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        """``processing_polls`` bounds the wait for an image Mastodon is still processing."""
        self._api = api
        self._visibility = visibility
        self._processing_polls = processing_polls
        self._poll_interval_s = poll_interval_s
        self._clock = clock
        self._sleep = sleep

    @classmethod
    def from_credentials(
        cls, creds: MastodonCredentials, *, timeout_s: float = 10, visibility: str = "public"
    ) -> MastodonChannel:
        api = Mastodon(
            access_token=creds.access_token,
            api_base_url=creds.api_base_url,
            request_timeout=timeout_s,
            # "wait" would sleep inside the Lambda until the window resets; the publisher
            # re-queues with a delay instead.
            ratelimit_method="throw",
            mastodon_version=MASTODON_VERSION,
            version_check_mode="created",
        )
        return cls(api, visibility=visibility)

    def post(
        self, text: str, *, idempotency_key: str | None = None, **options: Unpack[PostOptions]
    ) -> PostResult:
        """Upload the images with their descriptions, then post the status (the ``IdempotentPoster`` port).

        ``idempotency_key`` (for example story, version, channel and part) makes Mastodon answer
        a repeat within an hour with the status it already made instead of a second one.
        """
        reply_to, media = options.get("reply_to"), options.get("media", ())
        if len(media) > MAX_IMAGES:
            raise PublishError(
                CHANNEL, f"Mastodon takes at most {MAX_IMAGES} images per status", retryable=False
            )
        media_ids = [self._upload(item) for item in media]
        try:
            status = self._api.status_post(
                text,
                in_reply_to_id=reply_to,
                media_ids=media_ids or None,
                visibility=self._visibility,
                idempotency_key=idempotency_key,
            )
        except MastodonNetworkError as e:
            if _failed_before_sending(e):
                raise PublishError(CHANNEL, "could not connect to Mastodon", retryable=True) from e
            raise UnknownOutcome("Mastodon did not answer after the status was sent") from e
        except MastodonError as e:
            raise self._translate(e, "post") from e
        post_id = str(status.get("id") or "") if isinstance(status, dict) else ""
        if not post_id:
            raise UnknownOutcome("Mastodon answered success without a status id")
        url = str(status.get("url") or status.get("uri") or "")
        log.info(
            "posted to Mastodon", extra={"post_id": post_id, "reply_to": reply_to, "media": len(media_ids)}
        )
        return PostResult(post_id=post_id, url=url)

    def delete(self, post_id: str) -> None:
        """Delete a status; one Mastodon no longer has counts as deleted, so takedowns can repeat."""
        try:
            self._api.status_delete(post_id)
        except MastodonNotFoundError:
            log.info("Mastodon status already gone", extra={"post_id": post_id})
            return
        except MastodonNetworkError as e:
            # A delete is idempotent: when in doubt, doing it again is safe.
            raise PublishError(CHANNEL, "Mastodon did not confirm the delete", retryable=True) from e
        except MastodonError as e:
            raise self._translate(e, "delete") from e
        log.info("deleted Mastodon status", extra={"post_id": post_id})

    def _upload(self, item: MediaItem) -> str:
        try:
            attachment = self._api.media_post(
                item.data,
                mime_type=item.content_type,
                description=item.alt or None,
                file_name=item.filename or None,
            )
            polls = 0
            # Mastodon answers 202 with no url while it processes; a status cannot carry it yet.
            while attachment.get("url") is None and polls < self._processing_polls:
                polls += 1
                self._sleep(self._poll_interval_s)
                attachment = self._api.media(attachment["id"])
        except MastodonNetworkError as e:
            # Unattached media is never shown, so a failed upload can always be retried.
            raise PublishError(CHANNEL, "image upload to Mastodon failed", retryable=True) from e
        except MastodonError as e:
            raise self._translate(e, "upload") from e
        if attachment.get("url") is None:
            raise PublishError(
                CHANNEL, "Mastodon is still processing the image", retryable=True, retry_after=30
            )
        return str(attachment["id"])

    def _translate(self, e: MastodonError, action: str) -> PublishError:
        if isinstance(e, MastodonRatelimitError):
            reset = getattr(self._api, "ratelimit_reset", None)
            retry_after = max(1.0, float(reset) - self._clock()) if isinstance(reset, (int, float)) else None
            return PublishError(
                CHANNEL, "Mastodon rate limit reached", retryable=True, retry_after=retry_after
            )
        if isinstance(e, MastodonServerError):
            return PublishError(CHANNEL, f"Mastodon server error {_status(e)}", retryable=True)
        if isinstance(e, MastodonUnauthorizedError):
            return PublishError(CHANNEL, "Mastodon rejected the access token", retryable=False)
        if isinstance(e, MastodonIllegalArgumentError):
            return PublishError(
                CHANNEL, f"Mastodon.py refused the {action}: {type(e).__name__}", retryable=False
            )
        if isinstance(e, MastodonAPIError):
            # 404 (reply target gone), 422 (too long, bad media) and other 4xx: the same request
            # fails the same way.
            return PublishError(CHANNEL, _reason(e), retryable=False)
        return PublishError(CHANNEL, f"Mastodon {action} failed: {type(e).__name__}", retryable=False)


def _status(e: MastodonError) -> Any:
    # Mastodon.py raises API errors as (message, status code, reason phrase, server's error text).
    return e.args[1] if len(e.args) > 1 else "?"


def _reason(e: MastodonError) -> str:
    detail = e.args[3] if len(e.args) > 3 else None
    if isinstance(detail, str) and detail:
        return detail
    return f"Mastodon answered HTTP {_status(e)}"


def _failed_before_sending(e: MastodonNetworkError) -> bool:
    """True when the connection was never made, so the instance cannot have seen the request.

    Mastodon.py raises ``MastodonNetworkError`` inside its ``except`` for the requests error, so
    that error is the implicit ``__context__``. The same urllib3 reasons as in the X adapter tell
    a refused or timed-out connect from a request lost after it went out.
    """
    cause = e.__cause__ or e.__context__
    if isinstance(cause, (requests.ConnectTimeout, requests.exceptions.SSLError)):
        return True
    if not isinstance(cause, requests.ConnectionError) or isinstance(cause, requests.ReadTimeout):
        return False
    reason = cause.args[0] if cause.args else None
    return isinstance(reason, MaxRetryError) and isinstance(
        reason.reason, (NewConnectionError, ConnectTimeoutError)
    )
