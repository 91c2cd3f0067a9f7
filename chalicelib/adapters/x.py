"""The X adapter: posts and deletes through tweepy and turns X's failures into the domain's errors.

It exists so that the publisher never sees tweepy or requests: it gets a ``PostResult``, a
``PublishError`` that says whether a retry can help, or ``UnknownOutcome`` when the post may
already be live. Only the publisher imports this module, so tweepy stays out of the cold start
of every other function.

The same transport also lets the local stack reach the fake X: tweepy hard-codes
``https://api.twitter.com`` (our own media calls use X's current ``https://api.x.com``), so a requests
adapter mounted for both prefixes swaps the origin after the OAuth 1.0a signature has been computed
over the real URL.

Images go up through X's v2 media endpoints, which tweepy 4.17 does not wrap (it has only the
deprecated v1.1 upload). They are called here on tweepy's own session with tweepy's own OAuth 1.0a
signer, so the timeout, the fake-X rewrite and the signature are exactly those of ``create_tweet``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import requests
import tweepy
from requests.adapters import HTTPAdapter
from urllib3.exceptions import ConnectTimeoutError, MaxRetryError, NewConnectionError

from ..domain.errors import PublishError, UnknownOutcome
from ..domain.story import MediaItem
from .credentials import Credentials
from .ports import PostResult

log = logging.getLogger(__name__)

CHANNEL = "x"
X_API_ORIGIN = "https://api.twitter.com"  # tweepy 4.17 hard-codes this host for its own calls
X_ORIGIN = "https://api.x.com"  # X's current host, which our own (media) calls use
# The transport tells a fake which origin a request was signed for (never sent to X itself).
SIGNED_ORIGIN_HEADER = "X-Signed-Origin"
POST_URL = "https://x.com/i/web/status/{id}"
RECONCILE_POSTS = 10  # recent posts read to reconcile a post whose answer was lost

MAX_IMAGES = 4
_MEDIA_CATEGORY = "tweet_image"
# How long an upload X is still processing is waited for; a Lambda's budget is better spent on a
# retry than on waiting past this.
PROCESSING_WAIT_S = 30.0


@dataclass(frozen=True, repr=False)
class XCredentials(Credentials, called="the X credentials secret"):
    """The OAuth 1.0a user-context keys of the organisation's X account."""

    # Even the consumer key and access token identify the account: no field is shown in a repr.
    consumer_key: str
    consumer_secret: str
    access_token: str
    access_token_secret: str


@dataclass(frozen=True)
class Chunking:
    """Which images go up with X's chunked upload, and in segments of what size.

    X takes images up to 5 MB in one request; the chunked upload is kept for the larger end of that
    range, where one lost multi-megabyte request costs the most to resend.
    """

    over_bytes: int = 2 * 1024 * 1024
    segment_bytes: int = 1024 * 1024

    def __post_init__(self) -> None:
        if self.segment_bytes <= 0:
            raise ValueError("segment_bytes must be positive")


class XTransportAdapter(HTTPAdapter):
    """A requests adapter for X's hosts (``api.twitter.com``, where tweepy 4.17 sends its calls, and
    ``api.x.com``, where our media calls go) that applies a default timeout and, on the local stack,
    sends the already-signed request to the fake X instead, saying which origin it was signed for.

    tweepy 4.17 passes no timeout to ``session.request`` and offers no way to change the host,
    so both have to be done below it. The OAuth 1.0a ``Authorization`` header is added while
    the request is prepared, before any adapter sees it, so it stays computed over the real
    X URL and the fake can verify exactly what X would.
    """

    def __init__(self, *, timeout_s: float, api_base_url: str | None = None) -> None:
        # The default max_retries (no read retries) matters: a transport-level retry of a
        # POST whose response was lost could post the same story twice.
        super().__init__()
        self._timeout_s = timeout_s
        self._target = api_base_url.rstrip("/") if api_base_url else None

    def send(  # the signature requests calls
        self,
        request: requests.PreparedRequest,
        stream: bool = False,
        timeout: float | tuple[float, float] | tuple[float, None] | None = None,
        verify: bool | str = True,
        cert: bytes | str | tuple[bytes | str, bytes | str] | None = None,
        proxies: Mapping[str, str] | None = None,
    ) -> requests.Response:
        if timeout is None:
            timeout = self._timeout_s
        url = request.url or ""
        origin = next((o for o in (X_API_ORIGIN, X_ORIGIN) if url.startswith(o + "/")), None)
        if self._target is not None and origin is not None:
            request = request.copy()
            request.url = self._target + url[len(origin) :]
            request.headers[SIGNED_ORIGIN_HEADER] = origin
            # Proxies were chosen for X's hosts; the fake lives on loopback.
            proxies = {}
        return super().send(
            request, stream=stream, timeout=timeout, verify=verify, cert=cert, proxies=proxies
        )


def mount_x_transport(
    session: requests.Session, *, timeout_s: float = 10.0, api_base_url: str | None = None
) -> None:
    """Route a session's X API calls through ``XTransportAdapter`` (timeout, optional fake X)."""
    adapter = XTransportAdapter(timeout_s=timeout_s, api_base_url=api_base_url)
    for origin in (X_API_ORIGIN, X_ORIGIN):
        session.mount(origin + "/", adapter)


def _quiet_oauth_debug_logs() -> None:
    # requests_oauthlib logs the signed Authorization header at DEBUG; a Lambda running at
    # DEBUG must still not ship the account's token and signatures to CloudWatch.
    for name in ("requests_oauthlib", "oauthlib"):
        logger = logging.getLogger(name)
        if logger.getEffectiveLevel() < logging.INFO:
            logger.setLevel(logging.INFO)


class TweepyX:
    """Posts to and deletes from X with a tweepy v2 ``Client`` using OAuth 1.0a user context."""

    name = CHANNEL

    def __init__(
        self,
        client: tweepy.Client,
        *,
        clock: Callable[[], float] = time.time,
        chunking: Chunking = Chunking(),
        sleep: Callable[[float], None] = time.sleep,
        processing_wait_s: float = PROCESSING_WAIT_S,
    ) -> None:
        """Wrap a client built elsewhere; call ``mount_x_transport`` on its session for a timeout.

        Images are uploaded as ``chunking`` says. An upload X is still processing is polled, sleeping
        as X asks, for at most ``processing_wait_s``.
        """
        self._client = client
        self._clock = clock
        self._sleep = sleep
        self._processing_wait_s = processing_wait_s
        self._chunking = chunking
        _quiet_oauth_debug_logs()

    @classmethod
    def from_credentials(
        cls,
        creds: XCredentials,
        *,
        api_base_url: str | None = None,
        timeout_s: float = 10,
        chunking: Chunking = Chunking(),
        sleep: Callable[[float], None] = time.sleep,
    ) -> TweepyX:
        """Build the client; ``api_base_url`` (local stack only) points it at the fake X."""
        client = tweepy.Client(
            consumer_key=creds.consumer_key,
            consumer_secret=creds.consumer_secret,
            access_token=creds.access_token,
            access_token_secret=creds.access_token_secret,
            # Sleeping inside a Lambda until the window resets burns its timeout; the
            # publisher re-queues with a delay instead.
            wait_on_rate_limit=False,
        )
        mount_x_transport(client.session, timeout_s=timeout_s, api_base_url=api_base_url)
        return cls(client, chunking=chunking, sleep=sleep)

    @property
    def client(self) -> tweepy.Client:
        return self._client

    def post(self, text: str, *, reply_to: str | None = None, media: Sequence[MediaItem] = ()) -> PostResult:
        """Upload the images (with their alt text), then create the post that carries them.

        A failed upload is always safe to retry: media that no post uses is never shown and
        X discards it. Only the final ``create_tweet`` can leave the outcome unknown.
        """
        if len(media) > MAX_IMAGES:
            raise PublishError(CHANNEL, f"X takes at most {MAX_IMAGES} images per post", retryable=False)
        media_ids = [self._upload(item) for item in media]
        try:
            response = self._client.create_tweet(
                text=text or None,
                in_reply_to_tweet_id=reply_to,
                media_ids=media_ids or None,
                user_auth=True,
            )
        except requests.exceptions.JSONDecodeError as e:
            # tweepy only parses the body itself on 2xx: X accepted the post but the answer is garbled.
            raise UnknownOutcome("X accepted the post but its response could not be read") from e
        except requests.ReadTimeout as e:
            raise UnknownOutcome("X did not answer in time after the post was sent") from e
        except requests.ConnectionError as e:
            if _failed_before_sending(e):
                raise PublishError(CHANNEL, "could not connect to X", retryable=True) from e
            raise UnknownOutcome("the connection to X broke after the post was sent") from e
        except requests.RequestException as e:
            raise PublishError(CHANNEL, f"request to X failed: {type(e).__name__}", retryable=True) from e
        except tweepy.TweepyException as e:
            raise self._translate(e) from e

        data = getattr(response, "data", None)
        post_id = data.get("id") if isinstance(data, dict) else None
        if not isinstance(post_id, str) or not post_id:
            raise UnknownOutcome("X answered success without a post id")
        log.info("posted to X", extra={"post_id": post_id, "reply_to": reply_to, "media": len(media_ids)})
        return PostResult(post_id=post_id, url=POST_URL.format(id=post_id))

    def find_recent(self, text: str) -> PostResult | None:
        """The account's recent post with exactly ``text``, if X has it: how an unknown outcome (a timeout
        after sending) is reconciled instead of posting again."""
        user_id = self._client.access_token.split("-", 1)[0]  # X access tokens start with the account id
        try:
            # X bills an owned read per post returned ($0.001): the post in doubt was sent moments ago, so
            # the ten most recent are enough (a thread posts one part at a time).
            response = self._client.get_users_tweets(user_id, max_results=RECONCILE_POSTS, user_auth=True)
        except requests.RequestException as e:
            raise PublishError(CHANNEL, f"request to X failed: {type(e).__name__}", retryable=True) from e
        except tweepy.TweepyException as e:
            raise self._translate(e) from e
        for tweet in getattr(response, "data", None) or []:
            if tweet.text == text:
                return PostResult(post_id=str(tweet.id), url=POST_URL.format(id=tweet.id))
        return None

    def delete(self, post_id: str) -> None:
        """Delete a post; a post X no longer knows counts as deleted, so takedowns can be repeated."""
        try:
            response = self._client.delete_tweet(post_id, user_auth=True)
        except tweepy.NotFound:
            log.info("X post already gone", extra={"post_id": post_id})
            return
        except (requests.ReadTimeout, requests.exceptions.JSONDecodeError) as e:
            # Unlike a post, a delete is idempotent: when in doubt, doing it again is safe.
            raise PublishError(CHANNEL, "X did not confirm the delete", retryable=True) from e
        except requests.RequestException as e:
            raise PublishError(CHANNEL, f"request to X failed: {type(e).__name__}", retryable=True) from e
        except tweepy.TweepyException as e:
            raise self._translate(e) from e

        data = getattr(response, "data", None)
        if not (isinstance(data, dict) and data.get("deleted") is True):
            raise PublishError(CHANNEL, "X did not delete the post", retryable=False)
        log.info("deleted X post", extra={"post_id": post_id})

    # -- media ---------------------------------------------------------------------------------

    def _upload(self, item: MediaItem) -> str:
        """Upload one image and set its alt text; return X's media id."""
        size = len(item.data)
        if size <= self._chunking.over_bytes:
            # X's one-shot upload takes the file and its category only (``additionalProperties: false``);
            # the file's own part carries its type.
            data = self._media_call(
                "/2/media/upload",
                files={"media": (item.filename or "image", item.data, item.content_type)},
                form={"media_category": _MEDIA_CATEGORY},
            )
            media_id = _media_id(data)
            self._await_processing(media_id, data)
        else:
            init = self._media_call(
                "/2/media/upload/initialize",
                json_body={
                    "media_type": item.content_type,
                    "total_bytes": size,
                    "media_category": _MEDIA_CATEGORY,
                },
            )
            media_id = _media_id(init)
            segment = self._chunking.segment_bytes
            for index, start in enumerate(range(0, size, segment)):
                chunk = item.data[start : start + segment]
                self._media_call(
                    f"/2/media/upload/{media_id}/append",
                    files={"media": ("chunk", chunk, "application/octet-stream")},
                    form={"segment_index": str(index)},
                )
            final = self._media_call(f"/2/media/upload/{media_id}/finalize")
            self._await_processing(media_id, final)
        if item.alt:
            self._media_call(
                "/2/media/metadata",
                json_body={"id": media_id, "metadata": {"alt_text": {"text": item.alt}}},
            )
        log.info("uploaded media to X", extra={"media_id": media_id, "bytes": size})
        return media_id

    def _await_processing(self, media_id: str, finalized: Mapping[str, Any]) -> None:
        """Wait until X has processed an upload: FINALIZE may answer ``pending`` or ``in_progress``,
        and then the upload's STATUS is polled, as often as X's ``check_after_secs`` says, until it
        has ``succeeded``. A ``failed`` state is X refusing the file; running out of time is retryable
        (the upload is not lost, but a retry uploads it again)."""
        deadline = self._clock() + self._processing_wait_s
        body = finalized
        while True:
            state, check_after = _processing_state(body)
            if state in (None, "succeeded"):
                return
            if state == "failed":
                raise PublishError(CHANNEL, "X could not process the image", retryable=False)
            wait = max(1.0, check_after)
            if self._clock() + wait > deadline:
                raise PublishError(CHANNEL, "X is still processing the image", retryable=True)
            self._sleep(wait)
            body = self._media_call(
                "/2/media/upload", method="GET", params={"command": "STATUS", "media_id": media_id}
            )

    def _media_call(
        self,
        path: str,
        *,
        method: str = "POST",
        params: Mapping[str, str] | None = None,
        files: Mapping[str, tuple[str, bytes, str]] | None = None,
        form: Mapping[str, str] | None = None,
        json_body: Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Call a v2 media endpoint the way tweepy's ``Client.request`` would, and read the JSON.

        Signed with tweepy's own OAuth 1.0a handler; multipart and JSON bodies are not part of
        an OAuth 1.0a signature, so only the URL (with its query) is signed, as X expects.
        """
        client = self._client
        auth = tweepy.OAuth1UserHandler(
            client.consumer_key, client.consumer_secret, client.access_token, client.access_token_secret
        ).apply_auth()
        try:
            with client.session.request(
                method,
                X_ORIGIN + path,
                params=params,
                files=files,
                data=form,
                json=json_body,
                headers={"User-Agent": client.user_agent},
                auth=auth,
            ) as response:
                if not 200 <= response.status_code < 300:
                    raise self._translate(_http_exception(response))
                body = response.json()
        except requests.exceptions.JSONDecodeError as e:
            reason = "X answered a media upload with an unreadable body"
            raise PublishError(CHANNEL, reason, retryable=True) from e
        except requests.RequestException as e:
            # Nothing is public until the post is created, so even a timeout here is retryable.
            reason = f"media upload to X failed: {type(e).__name__}"
            raise PublishError(CHANNEL, reason, retryable=True) from e
        if not isinstance(body, dict):
            raise PublishError(CHANNEL, "X answered a media upload with an unexpected body", retryable=True)
        return body

    def _translate(self, e: tweepy.TweepyException) -> PublishError:
        if isinstance(e, tweepy.TooManyRequests):
            retry_after: float | None = None
            if e.reset_time is not None:
                retry_after = max(1.0, float(e.reset_time) - self._clock())
            return PublishError(CHANNEL, "X rate limit reached", retryable=True, retry_after=retry_after)
        if isinstance(e, tweepy.TwitterServerError):
            return PublishError(
                CHANNEL,
                f"X server error {e.response.status_code}",
                retryable=True,
                retry_after=_retry_after_header(e.response),
            )
        if isinstance(e, tweepy.Unauthorized):
            return PublishError(CHANNEL, "X rejected the credentials", retryable=False)
        if isinstance(e, tweepy.HTTPException):
            # Forbidden (duplicate, suspended), BadRequest (too long, bad reply id), NotFound and
            # anything else 4xx: the same request will fail the same way.
            return PublishError(CHANNEL, _x_reason(e), retryable=False)
        return PublishError(CHANNEL, f"tweepy refused the request: {type(e).__name__}", retryable=False)


def _http_exception(response: requests.Response) -> tweepy.HTTPException:
    """The exception tweepy's ``Client.request`` raises for this status, so one translation serves both."""
    status = response.status_code
    if status == 429:
        reset = response.headers.get("x-rate-limit-reset")
        return tweepy.TooManyRequests(response, reset_time=int(reset) if reset and reset.isdigit() else None)
    by_status: dict[int, type[tweepy.HTTPException]] = {
        400: tweepy.BadRequest,
        401: tweepy.Unauthorized,
        403: tweepy.Forbidden,
        404: tweepy.NotFound,
    }
    if status >= 500:
        return tweepy.TwitterServerError(response)
    return by_status.get(status, tweepy.HTTPException)(response)


def _media_id(body: Mapping[str, Any]) -> str:
    data = body.get("data")
    media_id = data.get("id") if isinstance(data, dict) else None
    if not isinstance(media_id, str) or not media_id:
        raise PublishError(CHANNEL, "X answered a media upload without a media id", retryable=True)
    return media_id


def _processing_state(body: Mapping[str, Any]) -> tuple[str | None, float]:
    """X's processing state of an upload (None when it sends none: nothing to wait for) and how many
    seconds it asks to wait before the next look."""
    data = body.get("data")
    info = data.get("processing_info") if isinstance(data, dict) else None
    if not isinstance(info, dict):
        return None, 0.0
    state = info.get("state")
    check_after = info.get("check_after_secs")
    return (
        state if isinstance(state, str) else None,
        float(check_after) if isinstance(check_after, (int, float)) else 1.0,
    )


def _x_reason(e: tweepy.HTTPException) -> str:
    # tweepy has already pulled ``errors[].message`` (or ``detail``) out of X's JSON body.
    messages = [m for m in e.api_messages if isinstance(m, str) and m]
    if messages:
        return "; ".join(messages)
    return f"X answered HTTP {e.response.status_code}"


def _retry_after_header(response: Any) -> float | None:
    value = getattr(response, "headers", {}).get("retry-after")
    try:
        return max(1.0, float(value)) if value is not None else None
    except ValueError:
        return None


def _failed_before_sending(e: requests.ConnectionError) -> bool:
    """True when the connection was never made, so X cannot have seen the request.

    requests wraps urllib3's reason: a refused, unresolved or timed-out connect comes as
    ``MaxRetryError(reason=NewConnectionError | ConnectTimeoutError)``; a connection dropped
    after the request went out comes as a bare ``ProtocolError``.
    """
    if isinstance(e, (requests.ConnectTimeout, requests.exceptions.SSLError)):
        return True
    cause = e.args[0] if e.args else None
    return isinstance(cause, MaxRetryError) and isinstance(
        cause.reason, (NewConnectionError, ConnectTimeoutError)
    )
