"""The Bluesky adapter: posts, threads, images and deletes through atproto's ``Client``, in domain terms.

The publisher sees a ``PostResult`` (the post's ``at://`` URI as its id), a ``PublishError`` that
says whether a retry can help, or ``UnknownOutcome`` when the post may exist. atproto is imported
here only, so functions that never publish do not load it.

Sessions: atproto refreshes the access token itself shortly before it expires. When the PDS
refuses a token the client still trusts (``ExpiredToken``: a revoked refresh token, a skewed
clock; ``InvalidToken``: one it cannot verify, as after its signing key changed), this adapter
logs in again with the app password once and repeats the call; a request refused for its token
was not carried out, so repeating it cannot post twice.

Posts carry what the Bluesky app itself would add: link, hashtag and @mention facets (a mention
points at the DID its handle resolves to, so it is only added for handles that resolve) and each
image's aspect ratio, read from the image with Pillow, so apps lay it out before loading it.
"""

from __future__ import annotations

import io
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import httpx
from atproto_client import Client, models
from atproto_client.exceptions import (
    AtProtocolError,
    BadRequestError,
    InvokeTimeoutError,
    ModelError,
    NetworkError,
    RateLimitExceededError,
    RequestErrorBase,
    UnauthorizedError,
)
from atproto_client.request import Request
from atproto_client.utils import facet_detection
from atproto_core.uri import AtUri

from ..domain.errors import PublishError, UnknownOutcome
from ..domain.story import MediaItem
from .credentials import SHOWN, URL, Credentials
from .ports import PostResult

log = logging.getLogger(__name__)

CHANNEL = "bluesky"
MAX_IMAGES = 4
POST_URL = "https://bsky.app/profile/{handle}/post/{rkey}"
# The PDS refuses these tokens without carrying the request out; a fresh login gets a good one.
SESSION_ERRORS = frozenset({"ExpiredToken", "InvalidToken"})
# EXIF orientations that turn the picture a quarter turn, so its shown width is the stored height.
_QUARTER_TURNS = frozenset({5, 6, 7, 8})
_T = TypeVar("_T")


@dataclass(frozen=True, repr=False)
class BlueskyCredentials(Credentials, called="the Bluesky secret"):
    """The PDS, the handle and an app password (never the account password) of the organisation."""

    service_url: str = field(metadata=URL)
    handle: str = field(metadata=SHOWN)
    app_password: str

    @classmethod
    def tidy(cls, values: dict[str, str]) -> dict[str, str]:
        return values | {"handle": values["handle"].lstrip("@")}  # as the apps show it: @name


@dataclass(frozen=True)
class _Ref:
    uri: str
    cid: str
    root_uri: str
    root_cid: str


class BlueskyChannel:
    """Publishes to one Bluesky account; logs in on first use, not when built."""

    name = CHANNEL

    def __init__(
        self,
        client: Client,
        creds: BlueskyCredentials,
        *,
        langs: Sequence[str] = ("en",),
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._client = client
        self._creds = creds
        self._langs = list(langs)
        self._clock = clock
        self._did: str | None = None
        self._handle = creds.handle
        # Replies need the parent's CID and its thread's root; posts made by this container
        # are remembered so a thread does not read back each part it just wrote.
        self._refs: dict[str, _Ref] = {}
        # Handles resolved for mention facets (None: did not resolve); a DID outlives a handle.
        self._dids: dict[str, str | None] = {}
        client.on_session_change(self._on_session)

    def __repr__(self) -> str:
        return f"BlueskyChannel(handle={self._handle!r})"

    @classmethod
    def from_credentials(
        cls, creds: BlueskyCredentials, *, timeout_s: float = 10, langs: Sequence[str] = ("en",)
    ) -> BlueskyChannel:
        client = Client(base_url=creds.service_url, request=Request(timeout=httpx.Timeout(timeout_s)))
        return cls(client, creds, langs=langs)

    # -- ChannelPoster -----------------------------------------------------------------------

    def post(self, text: str, *, reply_to: str | None = None, media: Sequence[MediaItem] = ()) -> PostResult:
        """Upload the images, then create the post; ``reply_to`` is the ``at://`` URI of the parent."""
        if len(media) > MAX_IMAGES:
            raise PublishError(
                CHANNEL, f"Bluesky takes at most {MAX_IMAGES} images per post", retryable=False
            )
        # Bluesky takes an image without alt text; Real Stories never publishes one.
        if any(not item.alt.strip() for item in media):
            raise PublishError(CHANNEL, "every image needs alt text before it is posted", retryable=False)
        try:
            embed = self._images(media) if media else None
            reply = self._reply_ref(reply_to) if reply_to else None
            facets = self._facets(text)
        except (AtProtocolError, httpx.HTTPError) as e:
            # Nothing is public yet: uploaded blobs that no record uses are discarded by the PDS.
            raise self._translate(e, before_post=True) from e

        def create() -> Any:
            return self._client.send_post(
                text,
                profile_identify=self._did,
                reply_to=reply,
                embed=embed,
                langs=self._langs,
                facets=facets or None,
            )

        try:
            created = self._authed(create)
        except (AtProtocolError, httpx.HTTPError) as e:
            raise self._translate(e, before_post=False) from e
        uri, cid = str(created.uri), str(created.cid)
        root = (reply.root.uri, reply.root.cid) if reply is not None else (uri, cid)
        self._refs[uri] = _Ref(uri, cid, *root)
        log.info("posted to Bluesky", extra={"post_id": uri, "reply_to": reply_to, "media": len(media)})
        return PostResult(
            post_id=uri, url=POST_URL.format(handle=self._handle, rkey=AtUri.from_str(uri).rkey)
        )

    def delete(self, post_id: str) -> None:
        """Delete a post by its ``at://`` URI; the PDS treats a missing record as deleted too."""
        try:
            self._authed(lambda: self._client.delete_post(post_id))
        except (AtProtocolError, httpx.HTTPError) as e:
            # A delete is idempotent, so even an unknown outcome may simply be retried.
            raise self._translate(e, before_post=True) from e
        self._refs.pop(post_id, None)
        log.info("deleted Bluesky post", extra={"post_id": post_id})

    # -- session -----------------------------------------------------------------------------

    def _login(self) -> None:
        self._did = None
        try:
            self._client.login(self._creds.handle, self._creds.app_password, fetch_bsky_profile=False)
        except UnauthorizedError as e:
            raise PublishError(CHANNEL, "Bluesky rejected the handle or app password", retryable=False) from e
        if self._did is None:
            raise PublishError(CHANNEL, "Bluesky answered the login without a DID", retryable=True)
        log.info("logged in to Bluesky", extra={"did": self._did})

    def _on_session(self, event: Any, session: Any) -> None:
        # atproto's public hook for created, refreshed and imported sessions: the only public
        # place the account's DID shows up without fetching the profile.
        self._did = str(session.did) or None
        self._handle = str(session.handle or self._handle)

    def _authed(self, action: Callable[[], _T]) -> _T:
        if self._did is None:
            self._login()
        try:
            return action()
        except (BadRequestError, UnauthorizedError) as e:
            reason = _xrpc_error(e)
            if reason not in SESSION_ERRORS:
                raise
        log.info("Bluesky refused the session token; logging in again", extra={"reason": reason})
        self._login()
        return action()

    # -- building the post -------------------------------------------------------------------

    def _images(self, media: Sequence[MediaItem]) -> Any:
        images = []
        for item in media:

            def upload(item: MediaItem = item) -> Any:
                # The namespace call, not Client.upload_blob, so the PDS is told the real type.
                return self._client.com.atproto.repo.upload_blob(
                    item.data, headers={"Content-Type": item.content_type}
                )

            blob = self._authed(upload).blob
            images.append(
                models.AppBskyEmbedImages.Image(
                    alt=item.alt, image=blob, aspect_ratio=_aspect_ratio(item.data)
                )
            )
        return models.AppBskyEmbedImages.Main(images=images)

    def _facets(self, text: str) -> list[Any]:
        """Links and hashtags as atproto's detector finds them, and mentions of handles that resolve."""
        facets = list(facet_detection.detect_facets(text))
        for mention in facet_detection.detect_mentions(text):
            did = self._resolve(mention.handle)
            if did is None:
                continue  # as in the Bluesky app: an unknown handle stays plain text
            facets.append(
                models.AppBskyRichtextFacet.Main(
                    features=[models.AppBskyRichtextFacet.Mention(did=did)],
                    index=models.AppBskyRichtextFacet.ByteSlice(
                        byte_start=mention.byte_start, byte_end=mention.byte_end
                    ),
                )
            )
        return sorted(facets, key=lambda facet: facet.index.byte_start)

    def _resolve(self, handle: str) -> str | None:
        key = handle.lower()
        if key not in self._dids:
            try:
                answer = self._authed(
                    lambda: self._client.com.atproto.identity.resolve_handle({"handle": key})
                )
                self._dids[key] = str(answer.did)
            except BadRequestError:
                # 400 (HandleNotFound): nobody holds the handle. Other answers (an outage) fail the
                # post so that it is retried with the mention intact.
                self._dids[key] = None
        return self._dids[key]

    def _reply_ref(self, parent_uri: str) -> Any:
        parent = self._refs.get(parent_uri) or self._read_ref(parent_uri)
        return models.AppBskyFeedPost.ReplyRef(
            root=models.ComAtprotoRepoStrongRef.Main(uri=parent.root_uri, cid=parent.root_cid),
            parent=models.ComAtprotoRepoStrongRef.Main(uri=parent.uri, cid=parent.cid),
        )

    def _read_ref(self, uri: str) -> _Ref:
        """Read a parent this container did not write (a retry in a new container) from the PDS."""
        at_uri = AtUri.from_str(uri)
        record = self._authed(lambda: self._client.get_post(at_uri.rkey, at_uri.hostname))
        reply = getattr(record.value, "reply", None)
        if reply is not None:
            return _Ref(str(record.uri), str(record.cid), str(reply.root.uri), str(reply.root.cid))
        return _Ref(str(record.uri), str(record.cid), str(record.uri), str(record.cid))

    # -- errors ------------------------------------------------------------------------------

    def _translate(self, e: Exception, *, before_post: bool) -> PublishError | UnknownOutcome:
        if isinstance(e, RateLimitExceededError):
            retry_after = e.retry_after
            if retry_after is None and e.reset_at is not None:
                retry_after = e.reset_at.timestamp() - self._clock()
            retry_after = max(1.0, retry_after) if retry_after is not None else None
            return PublishError(
                CHANNEL, "Bluesky rate limit reached", retryable=True, retry_after=retry_after
            )
        if (isinstance(e, RequestErrorBase) and e.response is None) or isinstance(e, httpx.HTTPError):
            return self._transport(e, before_post=before_post)
        if isinstance(e, UnauthorizedError):
            return PublishError(CHANNEL, f"Bluesky refused the session: {_xrpc_reason(e)}", retryable=False)
        if isinstance(e, RequestErrorBase):
            status = e.response.status_code
            if status >= 500 or status in {409, 502}:
                return PublishError(CHANNEL, f"Bluesky server error {status}", retryable=True)
            # 400 (InvalidRecord, BlobTooLarge, RecordNotFound), 413 and other 4xx: the same
            # request fails the same way.
            return PublishError(CHANNEL, _xrpc_reason(e), retryable=False)
        if isinstance(e, ModelError) and not before_post:
            return UnknownOutcome("Bluesky accepted the post but its answer could not be read")
        return PublishError(CHANNEL, f"atproto refused the request: {type(e).__name__}", retryable=False)

    def _transport(self, e: Exception, *, before_post: bool) -> PublishError | UnknownOutcome:
        # atproto wraps httpx's timeouts and network errors (the httpx error is the cause);
        # protocol errors such as a dropped connection come through unwrapped.
        cause = e.__cause__ if isinstance(e, AtProtocolError) else e
        never_sent = isinstance(cause, (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout))
        if before_post or never_sent:
            return PublishError(CHANNEL, f"request to Bluesky failed: {type(cause).__name__}", retryable=True)
        if isinstance(e, InvokeTimeoutError):
            return UnknownOutcome("Bluesky did not answer in time after the post was sent")
        if isinstance(e, NetworkError | httpx.HTTPError):
            return UnknownOutcome("the connection to Bluesky broke after the post was sent")
        return UnknownOutcome(f"Bluesky post outcome unknown: {type(e).__name__}")


def _aspect_ratio(data: bytes) -> Any:
    """The image's shown width and height, or None when Pillow cannot read its header."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            if image.getexif().get(0x0112) in _QUARTER_TURNS:
                width, height = height, width
    except (UnidentifiedImageError, OSError, ValueError):
        return None
    if width < 1 or height < 1:
        return None
    return models.AppBskyEmbedDefs.AspectRatio(width=width, height=height)


def _xrpc_error(e: RequestErrorBase) -> str | None:
    """The XRPC error name (``ExpiredToken``, ``InvalidRecord``): the protocol's own error type."""
    content = e.response.content if e.response is not None else None
    error = getattr(content, "error", None)
    return error if isinstance(error, str) else None


def _xrpc_reason(e: RequestErrorBase) -> str:
    content = e.response.content if e.response is not None else None
    message = getattr(content, "message", None)
    error = getattr(content, "error", None)
    if isinstance(message, str) and message:
        return message
    if isinstance(error, str) and error:
        return error
    return f"Bluesky answered HTTP {e.response.status_code if e.response is not None else '?'}"
