"""The WordPress adapter: publishes a story to an organisation's WordPress blog over its REST API.

WordPress has no SDK the field agrees on; its REST API with an application password and
``requests`` is what the WordPress documentation itself shows. Images go to the media library
first (with their alt text), then one published post carries them; a takedown deletes the post
and the images, so a withdrawn story leaves no photo behind at its media URL.

Content is sanitised with nh3 before it is sent: the blog renders it as HTML for the public, and
an application password can publish ``unfiltered_html`` when the account is an administrator.
"""

from __future__ import annotations

import hashlib
import html
import logging
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Unpack
from urllib.parse import urlencode

import nh3
import requests
from urllib3.exceptions import ConnectTimeoutError, MaxRetryError, NewConnectionError

from ..domain.errors import PublishError, UnknownOutcome
from ..domain.story import MediaItem
from .credentials import SHOWN, URL, Credentials
from .ports import PostOptions, PostResult

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


@dataclass(frozen=True, repr=False)
class WordPressCredentials(Credentials, called="the WordPress secret"):
    """The blog's address and a user's application password (not their login password)."""

    base_url: str = field(metadata=URL)
    username: str = field(metadata=SHOWN)
    application_password: str


@dataclass(frozen=True)
class UploadTimeouts:
    """How long an upload may take: WordPress reads the file, then makes its smaller sizes.

    A 13.6 MiB photo took 7–16 s on a busy two-core server, so the allowance grows with the
    photo's size; the total keeps a story's uploads inside the publish function's 120 s.
    """

    base_s: float = 15.0
    per_mib_s: float = 2.5
    most_s: float = 60.0
    total_s: float = 90.0

    def for_size(self, size: int) -> float:
        return min(self.most_s, self.base_s + self.per_mib_s * size / 2**20)


class WordPressChannel:
    """Publishes stories as WordPress posts with images from the media library.

    A post is made as a draft first and every image is uploaded attached to it, so nothing we
    upload is ever unattached: an upload WordPress stored after we stopped waiting is found by
    its parent. The draft carries an invisible marker derived from the story's text, so a later
    attempt finds what an earlier one left (drafts and their images, removed) or published (the
    post, returned instead of publishing twice). The post id we return also records the ids of
    the images, so a takedown deletes them even when WordPress no longer has them attached.
    """

    name = CHANNEL

    def __init__(
        self,
        session: requests.Session,
        base_url: str,
        *,
        timeout_s: float = 10,
        uploads: UploadTimeouts = UploadTimeouts(),
    ) -> None:
        """``session`` carries the authentication (see ``from_credentials``)."""
        self._session = session
        self._api = base_url.rstrip("/") + API
        self._timeout_s = timeout_s
        self._uploads = uploads

    def __repr__(self) -> str:
        return f"WordPressChannel(api={self._api!r})"

    @classmethod
    def from_credentials(
        cls, creds: WordPressCredentials, *, timeout_s: float = 10, uploads: UploadTimeouts = UploadTimeouts()
    ) -> WordPressChannel:
        session = requests.Session()
        session.auth = (creds.username, creds.application_password)
        session.headers["Accept"] = "application/json"
        return cls(session, creds.base_url, timeout_s=timeout_s, uploads=uploads)

    # -- publishing --------------------------------------------------------------------------

    def publish_story(
        self, title: str, body_html: str, media: Sequence[MediaItem] = (), *, key: str | None = None
    ) -> PostResult:
        """Publish one post whose content shows every image once, each with its alt text.

        ``key`` identifies the story across attempts (by default its title and body).
        """
        key = key or _key(title + "\n" + body_html)
        self._check_user()
        earlier = self._clear_leftovers(key)
        if earlier is not None:
            return earlier
        marker = _marker(key)
        draft = self._call(
            "POST", "/posts", json_body={"title": _title(title), "content": marker, "status": "draft"}
        )
        draft_id = _int(draft.get("id"), "a draft without an id")
        uploaded: list[tuple[int, str]] = []
        deadline = time.monotonic() + self._uploads.total_s
        try:
            for item in media:
                uploaded.append(self._upload(item, draft_id, deadline))
        except PublishError as e:
            self._abandon(draft_id, keep_draft=e.retryable)
            raise
        # No featured image: themes show it above the content as well, and the content is the one
        # place where every image appears, in order, with the alt text we give it.
        figures = "".join(
            f'<figure class="wp-block-image"><img src="{html.escape(url)}" alt="{html.escape(item.alt)}"'
            f' class="wp-image-{media_id}"></figure>'
            for (media_id, url), item in zip(uploaded, media, strict=True)
        )
        payload = {
            "title": _title(title),
            "content": marker + nh3.clean(body_html + figures),
            "status": "publish",
        }
        body = self._call("POST", f"/posts/{draft_id}", json_body=payload, creates=True)
        link = body.get("link")
        if body.get("status") != "publish" or not isinstance(link, str):
            raise UnknownOutcome("WordPress answered the post without a published status and link")
        media_ids = [media_id for media_id, _ in uploaded]
        log.info("published to WordPress", extra={"post_id": draft_id, "media": len(media_ids)})
        return PostResult(post_id=_post_ref(draft_id, media_ids), url=link)

    def post(self, text: str, *, title: str | None = None, **options: Unpack[PostOptions]) -> PostResult:
        """The ``TitledPoster`` port: text becomes paragraphs under ``title``.

        Without a title the first line is the title and is not repeated as the first paragraph.
        """
        media = options.get("media", ())
        if options.get("reply_to") is not None:
            raise PublishError(CHANNEL, "WordPress posts cannot reply to each other", retryable=False)
        body = text.strip()
        if title is None or not title.strip():
            first, _, body = body.partition("\n")
            title, body = first.strip() or "Untitled", body.strip()
        paragraphs = [p.strip() for p in body.split("\n\n") if p.strip()]
        body_html = "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)
        return self.publish_story(title, body_html, media, key=_key(text.strip()))

    def find_recent(self, text: str) -> PostResult | None:
        """The post an earlier attempt published for ``text`` and never heard back about, if any."""
        return self._find(_key(text.strip()), published=True)

    def delete(self, post_id: str) -> None:
        """Delete the post and its images: those we recorded and those still attached to it.

        What is already gone counts as deleted, so a takedown can be repeated.
        """
        number, recorded = _parse_post_ref(post_id)
        attached = self._attached(number)
        for media_id in dict.fromkeys([*recorded, *attached]):
            self._call("DELETE", f"/media/{media_id}?force=true", missing_ok=True)
        self._call("DELETE", f"/posts/{number}?force=true", missing_ok=True)
        log.info("deleted WordPress post", extra={"post_id": number, "media": len(set(recorded + attached))})

    # -- helpers -----------------------------------------------------------------------------

    def _check_user(self) -> None:
        """Refuse early, before anything is made, when the account cannot publish with images."""
        me = self._call("GET", "/users/me?context=edit")
        caps = me.get("capabilities")
        if not isinstance(caps, dict):
            return  # an older WordPress that does not say: its refusals will say instead
        lacking = [c for c in ("publish_posts", "upload_files") if not caps.get(c)]
        if lacking:
            roles = ", ".join(r for r in me.get("roles", []) if isinstance(r, str)) or "none"
            raise PublishError(
                CHANNEL,
                f"the WordPress user {me.get('username', '?')} (role: {roles}) lacks {', '.join(lacking)};"
                " it needs the Author role or higher",
                retryable=False,
            )

    def _find(self, key: str, *, published: bool) -> PostResult | None:
        statuses = "publish" if published else "publish,draft"
        found = self._call(
            "GET", f"/posts?search={_search_term(key)}&status={statuses}&context=edit&per_page=20"
        )
        for item in found.get("items", []):
            if not isinstance(item, dict) or _marker(key) not in _raw(item.get("content")):
                continue
            number = _int(item.get("id"), "a post without an id")
            if item.get("status") == "publish" and isinstance(item.get("link"), str):
                return PostResult(post_id=_post_ref(number, self._attached(number)), url=item["link"])
        return None

    def _clear_leftovers(self, key: str) -> PostResult | None:
        """Remove drafts (and their images) an earlier attempt left; return its post if it published."""
        published = self._find(key, published=True)
        if published is not None:
            return published
        found = self._call("GET", f"/posts?search={_search_term(key)}&status=draft&context=edit&per_page=20")
        for item in found.get("items", []):
            if isinstance(item, dict) and _marker(key) in _raw(item.get("content")):
                self._abandon(_int(item.get("id"), "a draft without an id"), keep_draft=False)
        return None

    def _abandon(self, draft_id: int, *, keep_draft: bool) -> None:
        """Delete what an attempt uploaded; keep the draft when a retry will come to look again.

        WordPress may still store an upload we stopped waiting for after this has run: the draft
        it is attached to is how the retry finds it.
        """
        try:
            for media_id in self._attached(draft_id):
                self._call("DELETE", f"/media/{media_id}?force=true", missing_ok=True)
            if not keep_draft:
                self._call("DELETE", f"/posts/{draft_id}?force=true", missing_ok=True)
        except PublishError as e:
            log.warning(
                "could not remove what a failed WordPress attempt uploaded; the next attempt will",
                extra={"post_id": draft_id, "reason": e.reason},
            )

    def _attached(self, post_id: int) -> list[int]:
        listing = self._call("GET", f"/media?parent={post_id}&per_page=100&context=edit")
        return [
            i["id"] for i in listing.get("items", []) if isinstance(i, dict) and isinstance(i.get("id"), int)
        ]

    def _upload(self, item: MediaItem, draft_id: int, deadline: float) -> tuple[int, str]:
        extension = _EXTENSIONS.get(item.content_type, "bin")
        filename = item.filename or f"image.{extension}"
        # A quoted filename with only safe characters: it goes into a header as typed.
        safe = "".join(c if c.isalnum() or c in "._-" else "-" for c in filename) or f"image.{extension}"
        left = deadline - time.monotonic()
        if left < 1:
            raise PublishError(CHANNEL, "WordPress took too long over this story's uploads", retryable=True)
        # The image is attached to the draft, and its alt text set, by the upload itself.
        query = urlencode({"post": draft_id, "alt_text": item.alt})
        body = self._call(
            "POST",
            f"/media?{query}",
            data=item.data,
            headers={
                "Content-Type": item.content_type,
                "Content-Disposition": f'attachment; filename="{safe}"',
            },
            timeout_s=min(left, self._uploads.for_size(len(item.data))),
        )
        media_id, url = body.get("id"), body.get("source_url")
        if not isinstance(media_id, int) or not isinstance(url, str):
            raise PublishError(CHANNEL, "WordPress answered an upload without an id", retryable=True)
        if item.alt and body.get("alt_text") != item.alt:
            self._call("POST", f"/media/{media_id}", json_body={"alt_text": item.alt})
        return media_id, url

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
        timeout_s: float | None = None,
    ) -> dict[str, Any]:
        """One REST call; ``creates`` marks the request whose lost answer leaves the outcome unknown."""
        read_s = timeout_s or self._timeout_s
        try:
            response = self._session.request(
                method,
                self._api + path,
                json=json_body,
                data=data,
                headers=dict(headers or {}),
                timeout=(self._timeout_s, read_s),
                allow_redirects=False,
            )
        except requests.ReadTimeout as e:
            if creates:
                raise UnknownOutcome("WordPress did not answer in time after the post was sent") from e
            raise PublishError(CHANNEL, f"WordPress did not answer in {read_s:g} s", retryable=True) from e
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
        if response.is_redirect or 300 <= response.status_code < 400:
            # Nothing was done at the address we asked; asking again cannot help until the secret changes.
            raise PublishError(
                CHANNEL,
                f"WordPress answered HTTP {response.status_code} redirecting to "
                f"{response.headers.get('Location', '?')!r}: set base_url in the WordPress secret to the "
                "site's address (https, final host)",
                retryable=False,
            )
        if missing_ok and response.status_code in {404, 410}:
            return {}
        try:
            body = response.json()
        except requests.exceptions.JSONDecodeError as e:
            if creates and response.ok:
                raise UnknownOutcome("WordPress accepted the post but its answer could not be read") from e
            if response.status_code < 500 and response.status_code not in (401, 429):
                raise PublishError(
                    CHANNEL,
                    f"WordPress answered HTTP {response.status_code} with "
                    f"{response.headers.get('Content-Type') or 'no content type'}, not its REST API's JSON:"
                    " check base_url in the WordPress secret",
                    retryable=False,
                ) from e
            body = None
        if not response.ok:
            raise _refusal(response, body)
        if isinstance(body, list):
            return {"items": body}
        if not isinstance(body, dict):
            if creates:
                raise UnknownOutcome("WordPress answered the post with an unexpected body")
            raise PublishError(CHANNEL, "WordPress answered with an unexpected body", retryable=False)
        return body


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def _marker(key: str) -> str:
    # A block of a type no plugin registers: WordPress keeps it, shows readers nothing for it, and
    # (the content having a block) does not wrap the content's own paragraphs again.
    return f'<!-- wp:real-stories/key {{"key":"{key}"}} /-->'


def _search_term(key: str) -> str:
    return key


def _title(title: str) -> str:
    return html.escape(title.strip()[:MAX_TITLE], quote=False)


def _raw(field: Any) -> str:
    raw = field.get("raw") if isinstance(field, dict) else None
    return raw if isinstance(raw, str) else ""


def _int(value: Any, what: str) -> int:
    if not isinstance(value, int):
        raise PublishError(CHANNEL, f"WordPress answered with {what}", retryable=True)
    return value


def _post_ref(post_id: int, media_ids: Sequence[int]) -> str:
    """``"123"`` or ``"123:45,46"``: the post and the images uploaded for it."""
    return f"{post_id}:{','.join(map(str, media_ids))}" if media_ids else str(post_id)


def _parse_post_ref(ref: str) -> tuple[int, list[int]]:
    number, _, media = ref.partition(":")
    try:
        return int(number), [int(m) for m in media.split(",") if m]
    except ValueError:
        raise PublishError(CHANNEL, f"{ref!r} is not a WordPress post id", retryable=False) from None


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
