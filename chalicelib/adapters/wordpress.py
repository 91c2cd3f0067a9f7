"""The WordPress adapter: publishes a story to an organisation's WordPress blog over its REST API.

WordPress has no SDK the field agrees on; its REST API with an application password and
``requests`` is what the WordPress documentation itself shows. Images go to the media library
first (with their alt text), then one published post carries them; a takedown deletes the post
and the images, so a withdrawn story leaves no photo behind at its media URL.

Content is sanitised with nh3 before it is sent: the blog renders it as HTML for the public, and
an application password can publish ``unfiltered_html`` when the account is an administrator.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import nh3
import requests
from urllib3.exceptions import ConnectTimeoutError, MaxRetryError, NewConnectionError

from ..domain.errors import ConfigError, PublishError, UnknownOutcome
from .credentials import Credentials
from .ports import MediaItem, PostResult

log = logging.getLogger(__name__)

CHANNEL = "wordpress"
API = "/wp-json/wp/v2"
MAX_TITLE = 200
_EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/gif": "gif", "image/webp": "webp"}
# WordPress answers some refusals with 500 (a file type it will not take); its error code, the
# API's own typed error, says that retrying cannot help.
_PERMANENT_CODES = frozenset(
    {"rest_upload_sideload_error", "rest_upload_file_too_big", "rest_upload_unknown_error"}
)


class WordPressCredentialsError(ConfigError, ValueError):
    """When the WordPress secret is not JSON with a non-empty base_url, username and application_password."""


@dataclass(frozen=True, repr=False)
class WordPressCredentials(
    Credentials,
    called="the WordPress secret",
    error=WordPressCredentialsError,
    shown=("base_url", "username"),
    urls=("base_url",),
):
    """The blog's address and a user's application password (not their login password)."""

    base_url: str
    username: str
    application_password: str


class WordPressChannel:
    """Publishes stories as WordPress posts with images from the media library."""

    name = CHANNEL

    def __init__(self, session: requests.Session, base_url: str, *, timeout_s: float = 10) -> None:
        """``session`` carries the authentication (see ``from_credentials``)."""
        self._session = session
        self._api = base_url.rstrip("/") + API
        self._timeout_s = timeout_s

    def __repr__(self) -> str:
        return f"WordPressChannel(api={self._api!r})"

    @classmethod
    def from_credentials(cls, creds: WordPressCredentials, *, timeout_s: float = 10) -> WordPressChannel:
        session = requests.Session()
        session.auth = (creds.username, creds.application_password)
        session.headers["Accept"] = "application/json"
        return cls(session, creds.base_url, timeout_s=timeout_s)

    # -- publishing --------------------------------------------------------------------------

    def publish_story(self, title: str, body_html: str, media: Sequence[MediaItem] = ()) -> PostResult:
        """Upload the images, then publish one post: the first image is the featured image."""
        uploaded = [self._upload(item) for item in media]
        figures = "".join(
            f'<figure><img src="{html.escape(url)}" alt="{html.escape(item.alt)}"></figure>'
            for (_, url), item in zip(uploaded, media, strict=True)
        )
        payload: dict[str, Any] = {
            "title": html.escape(title.strip()[:MAX_TITLE], quote=False),
            "content": nh3.clean(body_html + figures),
            "status": "publish",
        }
        if uploaded:
            payload["featured_media"] = uploaded[0][0]
        body = self._call("POST", "/posts", json_body=payload, creates=True)
        post_id = body.get("id")
        link = body.get("link")
        if not isinstance(post_id, int) or not isinstance(link, str):
            raise UnknownOutcome("WordPress answered success without a post id and link")
        self._attach([media_id for media_id, _ in uploaded], post_id)
        log.info("published to WordPress", extra={"post_id": post_id, "media": len(uploaded)})
        return PostResult(post_id=str(post_id), url=link)

    def post(
        self,
        text: str,
        *,
        reply_to: str | None = None,
        media: Sequence[MediaItem] = (),
        title: str | None = None,
    ) -> PostResult:
        """The ``ChannelPoster`` shape: text becomes paragraphs; the title is ``title`` or the first line."""
        if reply_to is not None:
            raise PublishError(CHANNEL, "WordPress posts cannot reply to each other", retryable=False)
        paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
        body_html = "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)
        first_line = text.strip().splitlines()[0] if text.strip() else "Untitled"
        return self.publish_story(title or first_line, body_html, media)

    def delete(self, post_id: str) -> None:
        """Delete the post and the images attached to it; what is already gone counts as deleted."""
        listing = self._call("GET", f"/media?parent={post_id}&per_page=100&context=edit")
        items = listing.get("items", []) if isinstance(listing, dict) else []
        for item in items:
            if isinstance(item, dict) and isinstance(item.get("id"), int):
                self._call("DELETE", f"/media/{item['id']}?force=true", missing_ok=True)
        self._call("DELETE", f"/posts/{post_id}?force=true", missing_ok=True)
        log.info("deleted WordPress post", extra={"post_id": post_id, "media": len(items)})

    # -- helpers -----------------------------------------------------------------------------

    def _upload(self, item: MediaItem) -> tuple[int, str]:
        extension = _EXTENSIONS.get(item.content_type, "bin")
        filename = item.name or f"image.{extension}"
        # A quoted filename with only safe characters: it goes into a header as typed.
        safe = "".join(c if c.isalnum() or c in "._-" else "-" for c in filename) or f"image.{extension}"
        body = self._call(
            "POST",
            "/media",
            data=item.data,
            headers={
                "Content-Type": item.content_type,
                "Content-Disposition": f'attachment; filename="{safe}"',
            },
        )
        media_id, url = body.get("id"), body.get("source_url")
        if not isinstance(media_id, int) or not isinstance(url, str):
            raise PublishError(CHANNEL, "WordPress answered an upload without an id", retryable=True)
        if item.alt:
            self._call("POST", f"/media/{media_id}", json_body={"alt_text": item.alt})
        return media_id, url

    def _attach(self, media_ids: Sequence[int], post_id: int) -> None:
        # Attaching lets a takedown find the images. The post is already public, so a failure
        # here must not be reported as a failed publish: it is logged and left.
        for media_id in media_ids:
            try:
                self._call("POST", f"/media/{media_id}", json_body={"post": post_id})
            except PublishError as e:
                log.warning(
                    "could not attach WordPress media to its post",
                    extra={"media_id": media_id, "post_id": post_id, "reason": e.reason},
                )

    def _call(
        self,
        method: str,
        path: str,
        *,
        json_body: Mapping[str, Any] | None = None,
        data: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        creates: bool = False,
        missing_ok: bool = False,
    ) -> dict[str, Any]:
        """One REST call; ``creates`` marks the request whose lost answer leaves the outcome unknown."""
        try:
            response = self._session.request(
                method,
                self._api + path,
                json=json_body,
                data=data,
                headers=dict(headers or {}),
                timeout=self._timeout_s,
                allow_redirects=False,
            )
        except requests.ReadTimeout as e:
            if creates:
                raise UnknownOutcome("WordPress did not answer in time after the post was sent") from e
            raise PublishError(CHANNEL, "WordPress did not answer in time", retryable=True) from e
        except requests.ConnectionError as e:
            if creates and not _failed_before_sending(e):
                raise UnknownOutcome("WordPress did not answer after the post was sent") from e
            raise PublishError(
                CHANNEL, f"request to WordPress failed: {type(e).__name__}", retryable=True
            ) from e
        except requests.RequestException as e:
            raise PublishError(
                CHANNEL, f"request to WordPress failed: {type(e).__name__}", retryable=True
            ) from e
        if missing_ok and response.status_code in {404, 410}:
            return {}
        try:
            body = response.json()
        except requests.exceptions.JSONDecodeError as e:
            if creates and response.ok:
                raise UnknownOutcome("WordPress accepted the post but its answer could not be read") from e
            body = None
        if not response.ok:
            raise _refusal(response, body)
        if isinstance(body, list):
            return {"items": body}
        if not isinstance(body, dict):
            if creates:
                raise UnknownOutcome("WordPress answered the post with an unexpected body")
            raise PublishError(CHANNEL, "WordPress answered with an unexpected body", retryable=True)
        return body


def _refusal(response: requests.Response, body: Any) -> PublishError:
    status = response.status_code
    code = body.get("code") if isinstance(body, dict) else None
    message = body.get("message") if isinstance(body, dict) else None
    reason = (
        f"{code}: {message}"
        if isinstance(code, str) and isinstance(message, str)
        else f"WordPress HTTP {status}"
    )
    if status == 401:
        return PublishError(CHANNEL, "WordPress rejected the application password", retryable=False)
    if status == 429:
        return PublishError(
            CHANNEL, "WordPress rate limit reached", retryable=True, retry_after=_retry_after(response)
        )
    if status >= 500 and code not in _PERMANENT_CODES:
        return PublishError(CHANNEL, reason, retryable=True, retry_after=_retry_after(response))
    return PublishError(CHANNEL, reason, retryable=False)


def _retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After")
    try:
        return max(1.0, float(value)) if value is not None else None
    except ValueError:
        return None


def _failed_before_sending(e: requests.ConnectionError) -> bool:
    """True when the connection was never made (the same test as the X adapter's)."""
    if isinstance(e, (requests.ConnectTimeout, requests.exceptions.SSLError)):
        return True
    if isinstance(e, requests.ReadTimeout):
        return False
    cause = e.args[0] if e.args else None
    return isinstance(cause, MaxRetryError) and isinstance(
        cause.reason, (NewConnectionError, ConnectTimeoutError)
    )
