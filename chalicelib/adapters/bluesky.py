"""The Bluesky adapter: posts, threads, images and deletes over atproto's XRPC, in domain terms.

The publisher sees a ``PostResult`` (the post's ``at://`` URI as its id), a ``PublishError`` that
says whether a retry can help, or ``UnknownOutcome`` when the post may exist. atproto is imported
here only, so functions that never publish do not load it.

atproto's generated ``Client`` is not used: importing it loads every lexicon model (22-26 MB of the
publish function's 100 MB; see atproto_lean). ``Xrpc`` below is the little the Client did for the
seven calls made here, over atproto's own ``Request`` (httpx, with XRPC errors raised as atproto's
exception types) and atproto's models for the records and answers.

Sessions: the access token is refreshed with the refresh token shortly before it expires, as the
Client did. When the PDS refuses a token the client still trusts (``ExpiredToken``: a revoked
refresh token, a skewed clock; ``InvalidToken``: one it cannot verify, as after its signing key
changed), this adapter logs in again with the app password once and repeats the call; a request
refused for its token was not carried out, so repeating it cannot post twice.

Posts carry what the Bluesky app itself would add: link, hashtag and @mention facets (a mention
points at the DID its handle resolves to, so it is only added for handles that resolve) and each
image's aspect ratio, read from the image with Pillow, so apps lay it out before loading it.
"""

from __future__ import annotations

import base64
import binascii
import io
import json
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar
from urllib.parse import urlsplit

import httpx

from . import atproto_lean

# Before any atproto_client import: the package without its __init__, which would load the Client.
atproto_lean.install()

from atproto_client import models  # noqa: E402
from atproto_client.exceptions import (  # noqa: E402
    AtProtocolError,
    BadRequestError,
    InvokeTimeoutError,
    ModelError,
    NetworkError,
    RateLimitExceededError,
    RequestErrorBase,
    UnauthorizedError,
)
from atproto_client.models.utils import get_model_as_dict, get_model_as_json, get_response_model  # noqa: E402
from atproto_client.request import Request  # noqa: E402
from atproto_client.utils import facet_detection  # noqa: E402
from atproto_core.uri import AtUri  # noqa: E402

from ..domain.errors import PublishError, UnknownOutcome  # noqa: E402
from ..domain.story import MediaItem  # noqa: E402
from .credentials import SHOWN, URL, Credentials  # noqa: E402
from .ports import PostResult  # noqa: E402

log = logging.getLogger(__name__)

CHANNEL = "bluesky"
MAX_IMAGES = 4
POST_COLLECTION = "app.bsky.feed.post"
POST_URL = "https://bsky.app/profile/{handle}/post/{rkey}"
# The PDS refuses these tokens without carrying the request out; a fresh login gets a good one.
SESSION_ERRORS = frozenset({"ExpiredToken", "InvalidToken"})
# The Client's margin: the access token is refreshed this long before it expires.
REFRESH_EARLY_S = 15 * 60
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
class XrpcSession:
    """The account and its tokens, as createSession and refreshSession answer."""

    did: str
    handle: str
    access_jwt: str = field(repr=False)
    refresh_jwt: str = field(repr=False)


class Xrpc:
    """XRPC over atproto's ``Request`` with the session glue of its ``Client`` (22 MB to import).

    As the Client: JSON bodies and query parameters from atproto's models and answers read into
    them, the access token on every call, refreshed ``REFRESH_EARLY_S`` before it expires, and after
    a login the PDS the account's DID document names (bsky.social hands over to the account's host).
    Not thread-safe; a publish function posts from one thread.
    """

    def __init__(
        self,
        service_url: str,
        *,
        request: Request | None = None,
        timeout_s: float = 10,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._base = _xrpc_base(service_url)
        self._request = request if request is not None else Request(timeout=httpx.Timeout(timeout_s))
        self._clock = clock
        self.session: XrpcSession | None = None

    def login(self, identifier: str, password: str) -> XrpcSession:
        """``com.atproto.server.createSession``; a failed login leaves no session."""
        self.session = None
        data = models.ComAtprotoServerCreateSession.Data(identifier=identifier, password=password)
        answer = self._post("com.atproto.server.createSession", data, {})
        return self._start(get_response_model(answer, models.ComAtprotoServerCreateSession.Response))

    def query(self, nsid: str, params: Any, answer: type[_T]) -> _T:
        """A GET with the model ``params`` as the query string; the JSON answer read into ``answer``."""
        headers = self._auth()
        response = self._request.get(self._base + nsid, params=get_model_as_dict(params), headers=headers)
        return get_response_model(response, answer)  # type: ignore[no-any-return]

    def procedure(self, nsid: str, data: Any, answer: type[_T], *, content_type: str | None = None) -> _T:
        """A POST of a model as JSON or of bytes as ``content_type``; ``answer`` ``bool`` reads none."""
        headers = self._auth()
        if content_type is not None:
            headers["Content-Type"] = content_type
        return get_response_model(self._post(nsid, data, headers), answer)  # type: ignore[no-any-return]

    def _post(self, nsid: str, data: Any, headers: dict[str, str]) -> Any:
        if data is not None and not isinstance(data, bytes):
            data = get_model_as_json(data)
            headers = {"Content-Type": "application/json", **headers}
        return self._request.post(self._base + nsid, content=data, headers=headers)

    def _auth(self) -> dict[str, str]:
        if self.session is None:
            return {}  # the PDS answers 401 AuthenticationRequired
        if _expiry(self.session.access_jwt) - REFRESH_EARLY_S < self._clock():
            answer = self._post(
                "com.atproto.server.refreshSession",
                None,
                {"Authorization": f"Bearer {self.session.refresh_jwt}"},
            )
            self._start(get_response_model(answer, models.ComAtprotoServerRefreshSession.Response))
            log.info("refreshed the Bluesky session")
        assert self.session is not None
        return {"Authorization": f"Bearer {self.session.access_jwt}"}

    def _start(self, answer: Any) -> XrpcSession:
        self.session = XrpcSession(
            str(answer.did), str(answer.handle), str(answer.access_jwt), str(answer.refresh_jwt)
        )
        pds = _pds_endpoint(answer.did_doc, self.session.did)
        if pds is not None:
            self._base = _xrpc_base(pds)
        return self.session


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
        xrpc: Xrpc,
        creds: BlueskyCredentials,
        *,
        langs: Sequence[str] = ("en",),
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._xrpc = xrpc
        self._creds = creds
        # As atproto's Client.send_post: a post names at least one language.
        self._langs = list(langs) or ["en"]
        self._clock = clock
        self._handle = creds.handle
        # Replies need the parent's CID and its thread's root; posts made by this container
        # are remembered so a thread does not read back each part it just wrote.
        self._refs: dict[str, _Ref] = {}
        # Handles resolved for mention facets (None: did not resolve); a DID outlives a handle.
        self._dids: dict[str, str | None] = {}

    def __repr__(self) -> str:
        return f"BlueskyChannel(handle={self._handle!r})"

    @classmethod
    def from_credentials(
        cls, creds: BlueskyCredentials, *, timeout_s: float = 10, langs: Sequence[str] = ("en",)
    ) -> BlueskyChannel:
        return cls(Xrpc(creds.service_url, timeout_s=timeout_s), creds, langs=langs)

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
            # What Client.send_post sent: the record, stamped when sent, created in the account's repo.
            record = models.AppBskyFeedPost.Record(
                created_at=datetime.now(UTC).isoformat(),
                text=text,
                reply=reply,
                embed=embed,
                langs=self._langs,
                facets=facets or None,
            )
            data = models.ComAtprotoRepoCreateRecord.Data(
                repo=self._did(), collection=POST_COLLECTION, record=record, validate_=True
            )
            return self._xrpc.procedure(
                "com.atproto.repo.createRecord", data, models.ComAtprotoRepoCreateRecord.Response
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
            at_uri = AtUri.from_str(post_id)
            data = models.ComAtprotoRepoDeleteRecord.Data(
                repo=at_uri.hostname, collection=POST_COLLECTION, rkey=at_uri.rkey
            )
            self._authed(lambda: self._xrpc.procedure("com.atproto.repo.deleteRecord", data, bool))
        except (AtProtocolError, httpx.HTTPError) as e:
            # A delete is idempotent, so even an unknown outcome may simply be retried.
            raise self._translate(e, before_post=True) from e
        self._refs.pop(post_id, None)
        log.info("deleted Bluesky post", extra={"post_id": post_id})

    # -- session -----------------------------------------------------------------------------

    def _login(self) -> None:
        try:
            session = self._xrpc.login(self._creds.handle, self._creds.app_password)
        except UnauthorizedError as e:
            raise PublishError(CHANNEL, "Bluesky rejected the handle or app password", retryable=False) from e
        if not session.did:
            self._xrpc.session = None
            raise PublishError(CHANNEL, "Bluesky answered the login without a DID", retryable=True)
        log.info("logged in to Bluesky", extra={"did": session.did})

    def _did(self) -> str:
        """The account's DID from its session; a login or refresh also tells its current handle."""
        session = self._xrpc.session
        assert session is not None, "called in _authed, which logs in first"
        self._handle = session.handle or self._handle
        return session.did

    def _authed(self, action: Callable[[], _T]) -> _T:
        if self._xrpc.session is None:
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
                # With the image's real type, which the PDS records as the blob's (not */*).
                return self._xrpc.procedure(
                    "com.atproto.repo.uploadBlob",
                    item.data,
                    models.ComAtprotoRepoUploadBlob.Response,
                    content_type=item.content_type,
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
                params = models.ComAtprotoIdentityResolveHandle.Params(handle=key)
                answer = self._authed(
                    lambda: self._xrpc.query(
                        "com.atproto.identity.resolveHandle",
                        params,
                        models.ComAtprotoIdentityResolveHandle.Response,
                    )
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
        params = models.ComAtprotoRepoGetRecord.Params(
            repo=at_uri.hostname, collection=POST_COLLECTION, rkey=at_uri.rkey
        )
        record = self._authed(
            lambda: self._xrpc.query(
                "com.atproto.repo.getRecord", params, models.ComAtprotoRepoGetRecord.Response
            )
        )
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


def _xrpc_base(service_url: str) -> str:
    """Where the XRPC methods are, as the Client took a service URL: with or without ``/xrpc``."""
    base = service_url.rstrip("/")
    return (base if base.endswith("/xrpc") else base + "/xrpc") + "/"


def _expiry(jwt: str) -> float:
    """When an access token expires (its ``exp`` claim, read not verified); never, if it cannot be read.

    A token that cannot be read is not refreshed ahead: the PDS's answer decides, as for any other.
    """
    try:
        payload = jwt.split(".")[1]
        exp = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))["exp"]
    except (IndexError, KeyError, TypeError, ValueError, binascii.Error):
        return float("inf")
    return float(exp) if isinstance(exp, int | float) else float("inf")


def _pds_endpoint(did_doc: Any, did: str) -> str | None:
    """The ``#atproto_pds`` service of a session's DID document, as the Client read it; None without one."""
    services = did_doc.get("service") if isinstance(did_doc, dict) else None
    for service in services if isinstance(services, list) else ():
        if not isinstance(service, dict) or service.get("type") != "AtprotoPersonalDataServer":
            continue
        if service.get("id") not in {"#atproto_pds", f"{did}#atproto_pds"}:
            continue
        endpoint = service.get("serviceEndpoint")
        if isinstance(endpoint, str) and urlsplit(endpoint).scheme in {"http", "https"}:
            return endpoint if urlsplit(endpoint).hostname else None
    return None
