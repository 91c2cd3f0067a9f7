"""X API v2's media upload and alt text for the fake X, with X's checks on type, size and ownership.

It serves ``/2/media/upload`` in one request or chunked (initialize, append, finalize), its
status (``GET /2/media/upload?command=STATUS&media_id=``) and alt text through ``/2/media/metadata``,
with the request bodies X's OpenAPI description defines: the one-shot upload takes ``media`` and
``media_category`` (required) and nothing else, initialize only its five fields. Then X's checks: an
image type X takes (X looks at the file, not at the declared type), 5 MB for an image, segments of
at most 5 MB, alt text of at most 1,000 characters. A post may carry only media that exist, are
finished (processing included) and belong to the account.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .http_fake import Reply, parse_multipart
from .images import sniff_image
from .x_errors import invalid, json_object, page_not_found

_IMAGE_TYPES = frozenset(
    {"image/jpeg", "image/pjpeg", "image/png", "image/webp", "image/gif", "image/bmp", "image/tiff"}
)
MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_GIF_BYTES = 15 * 1024 * 1024
MAX_SEGMENT_BYTES = 5 * 1024 * 1024
MAX_ALT_TEXT = 1000
MEDIA_EXPIRES_AFTER_S = 86400
# X's OpenAPI description: the one-shot upload's categories and fields (``additionalProperties: false``).
_ONE_SHOT_CATEGORIES = frozenset(
    {"tweet_image", "tweet_video", "tweet_gif", "dm_image", "dm_video", "dm_gif", "subtitles"}
)
_ONE_SHOT_FIELDS = frozenset({"media", "media_category", "additional_owners"})
_INITIALIZE_CATEGORIES = _ONE_SHOT_CATEGORIES | {"amplify_video"}
_INITIALIZE_FIELDS = frozenset({"additional_owners", "media_category", "media_type", "shared", "total_bytes"})


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
    # Status polls left before X's processing of a finalized upload succeeds (0: nothing to wait for).
    processing_polls: int = 0
    processing_failed: bool = False

    @property
    def ready(self) -> bool:
        return self.finalized and self.processing_polls == 0 and not self.processing_failed

    def processing_info(self) -> dict[str, Any] | None:
        if self.processing_polls > 0:
            return {"state": "in_progress", "check_after_secs": 1, "progress_percent": 50}
        if self.processing_failed:
            return {"state": "failed", "progress_percent": 0}
        return None

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

    def as_api(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "media_key": f"3_{self.id}",
            "size": self.size,
            "expires_after_secs": MEDIA_EXPIRES_AFTER_S,
            "image": {"image_type": self.media_type},
        }
        info = self.processing_info()
        if info is not None:
            data["processing_info"] = info
        return data


def _image_limit(media_type: str) -> int:
    return MAX_GIF_BYTES if media_type == "image/gif" else MAX_IMAGE_BYTES


def _check_image(declared: str | None, sniffed: str | None, size: int) -> Reply | None:
    media_type = sniffed or declared
    if media_type not in _IMAGE_TYPES or (declared is not None and declared not in _IMAGE_TYPES):
        return invalid("The media type is not supported.", "media_type", declared)
    limit = _image_limit(media_type)
    if size > limit:
        return invalid(f"The file is larger than {limit} bytes.", "total_bytes", size)
    return None


class XMediaUploads:
    """One account's uploads; shares the fake X's lock so a post and its media are checked together."""

    def __init__(
        self,
        owner: str,
        *,
        lock: threading.RLock,
        next_id: Callable[[], str],
        clock: Callable[[], float],
    ) -> None:
        self._owner = owner
        self._lock = lock
        self._next_id = next_id
        self._clock = clock
        self._media: dict[str, _Media] = {}
        self._processing_polls = 0
        self._processing_fails = False

    # -- what the fake X and its tests read ---------------------------------------------------

    def records(self) -> list[dict[str, Any]]:
        with self._lock:
            return [m.as_dict() for m in self._media.values()]

    def attachable(self, media_id: str) -> bool:
        """Whether a post by the account may carry ``media_id``: it exists, is its own and is finished."""
        with self._lock:
            known = self._media.get(media_id)
            return known is not None and known.owner == self._owner and known.ready

    def add_foreign(self, media_type: str) -> str:
        with self._lock:
            media = _Media(self._next_id(), "1", media_type, 8, self._clock(), size=8, finalized=True)
            self._media[media.id] = media
        return media.id

    def process_next(self, *, polls: int, fail: bool = False) -> None:
        """Make the next chunked upload still processing when finalized (``pending``), as X does for media
        it has to process: ``in_progress`` until the ``polls``-th status check, which finds it
        ``succeeded`` (or ``failed``)."""
        with self._lock:
            self._processing_polls = polls
            self._processing_fails = fail

    def clear(self) -> None:
        with self._lock:
            self._media.clear()
            self._processing_polls = 0
            self._processing_fails = False

    # -- endpoints under /2/media -------------------------------------------------------------

    def status(self, query: dict[str, list[str]]) -> Reply:
        """GET /2/media/upload?command=STATUS&media_id=...: how X's processing of an upload is going."""
        command = query.get("command", ["STATUS"])[-1]
        if command != "STATUS":
            return invalid(f"`{command}` is not a valid command.", "command", command)
        media_id = query.get("media_id", [""])[-1]
        if not media_id.isdigit():
            return invalid("`media_id` is required and must be numeric.", "media_id", media_id)
        with self._lock:
            media = self._own(media_id)
            if media is None or not media.finalized:
                return invalid("The media id is invalid.", "media_id", media_id)
            if media.processing_polls > 0:
                media.processing_polls -= 1
            data = media.as_api()
            if media.processing_polls == 0 and not media.processing_failed and media.chunked:
                data["processing_info"] = {"state": "succeeded", "progress_percent": 100}
        return Reply(200, {"data": data})

    def route(self, rest: list[str], content_type: str | None, body: bytes) -> Reply:
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
        return page_not_found()

    def _upload_simple(self, content_type: str | None, body: bytes) -> Reply:
        fields = parse_multipart(content_type, body)
        if fields is None or "media" not in fields:
            return invalid("A multipart `media` field is required.", "media", None)
        unknown = sorted(set(fields) - _ONE_SHOT_FIELDS)
        if unknown:
            return invalid(f"The `{unknown[0]}` field is not allowed.", unknown[0], None)
        data, part_type = fields["media"]
        category = fields.get("media_category", (b"", None))[0].decode("utf-8", "replace") or None
        if category is None:
            return invalid("The `media_category` field is required.", "media_category", None)
        if category not in _ONE_SHOT_CATEGORIES:
            return invalid(f"`{category}` is not a valid media category.", "media_category", category)
        declared = part_type
        sniffed = sniff_image(data)
        problem = _check_image(declared, sniffed, len(data))
        if problem is not None:
            return problem
        with self._lock:
            media = _Media(
                self._next_id(),
                self._owner,
                sniffed or "",
                len(data),
                self._clock(),
                segments={0: data},
                size=len(data),
                finalized=True,
            )
            self._media[media.id] = media
        return Reply(200, {"data": media.as_api()})

    def _upload_initialize(self, content_type: str | None, body: bytes) -> Reply:
        payload = json_object(content_type, body)
        if isinstance(payload, Reply):
            return payload
        unknown = sorted(set(payload) - _INITIALIZE_FIELDS)
        if unknown:
            return invalid(f"The `{unknown[0]}` field is not allowed.", unknown[0], payload[unknown[0]])
        media_type, total = payload.get("media_type"), payload.get("total_bytes")
        if not isinstance(total, int) or total <= 0:
            return invalid("`total_bytes` must be a positive integer.", "total_bytes", total)
        category = payload.get("media_category")
        if category is not None and category not in _INITIALIZE_CATEGORIES:
            return invalid(f"`{category}` is not a valid media category.", "media_category", category)
        problem = _check_image(media_type if isinstance(media_type, str) else None, None, total)
        if problem is not None:
            return problem
        with self._lock:
            media = _Media(self._next_id(), self._owner, str(media_type), total, self._clock(), chunked=True)
            self._media[media.id] = media
        return Reply(
            200,
            {
                "data": {
                    "id": media.id,
                    "media_key": f"3_{media.id}",
                    "expires_after_secs": MEDIA_EXPIRES_AFTER_S,
                }
            },
        )

    def _upload_append(self, media_id: str, content_type: str | None, body: bytes) -> Reply:
        fields = parse_multipart(content_type, body)
        if fields is None or "media" not in fields or "segment_index" not in fields:
            return invalid("Multipart `media` and `segment_index` fields are required.", "media", None)
        try:
            index = int(fields["segment_index"][0])
        except ValueError:
            index = -1
        if not 0 <= index <= 999:
            return invalid("`segment_index` must be between 0 and 999.", "segment_index", index)
        chunk = fields["media"][0]
        if len(chunk) > MAX_SEGMENT_BYTES:
            return invalid("A segment must be at most 5 MB.", "media", len(chunk))
        with self._lock:
            media = self._own(media_id)
            if media is None:
                return invalid("The media id is invalid.", "id", media_id)
            if media.finalized:
                return invalid("The upload is already finalized.", "id", media_id)
            received = sum(len(c) for i, c in media.segments.items() if i != index) + len(chunk)
            if received > media.total_bytes:
                return invalid("More bytes were sent than `total_bytes` declared.", "media", received)
            media.segments[index] = chunk
        return Reply(200, {"data": {"expires_at": int(media.created_at) + MEDIA_EXPIRES_AFTER_S}})

    def _upload_finalize(self, media_id: str) -> Reply:
        with self._lock:
            media = self._own(media_id)
            if media is None:
                return invalid("The media id is invalid.", "id", media_id)
            data = b"".join(media.segments[i] for i in sorted(media.segments))
            if sorted(media.segments) != list(range(len(media.segments))) or len(data) != media.total_bytes:
                return invalid("File size does not match `total_bytes`.", "id", media_id)
            sniffed = sniff_image(data)
            if sniffed is None:
                return invalid("The file is not a supported image.", "media", media_id)
            media.media_type = sniffed
            media.size = len(data)
            media.finalized = True
            media.processing_polls, media.processing_failed = self._processing_polls, self._processing_fails
            if media.processing_failed and media.processing_polls == 0:
                media.processing_polls = 1  # a failure shows once its processing has been polled
            self._processing_polls, self._processing_fails = 0, False
            if media.processing_polls > 0:
                # X answers FINALIZE with ``pending`` while processing has yet to start.
                return Reply(
                    200,
                    {
                        "data": media.as_api()
                        | {"processing_info": {"state": "pending", "check_after_secs": 1}}
                    },
                )
        return Reply(200, {"data": media.as_api()})

    def _metadata(self, content_type: str | None, body: bytes) -> Reply:
        payload = json_object(content_type, body)
        if isinstance(payload, Reply):
            return payload
        media_id = payload.get("id")
        metadata = payload.get("metadata")
        alt = metadata.get("alt_text") if isinstance(metadata, dict) else None
        text = alt.get("text") if isinstance(alt, dict) else None
        if not isinstance(text, str):
            return invalid("`metadata.alt_text.text` must be a string.", "metadata.alt_text.text", text)
        if len(text) > MAX_ALT_TEXT:
            return invalid(
                f"Alt text must be at most {MAX_ALT_TEXT} characters.", "metadata.alt_text.text", len(text)
            )
        with self._lock:
            media = self._own(media_id) if isinstance(media_id, str) else None
            if media is None:
                return invalid("The media id is invalid.", "id", media_id)
            media.alt_text = text
        return Reply(200, {"data": {"id": media.id, "associated_metadata": {"alt_text": {"text": text}}}})

    def _own(self, media_id: str) -> _Media | None:
        """The account's own upload called ``media_id``; another account's is as good as unknown."""
        media = self._media.get(media_id)
        return media if media is not None and media.owner == self._owner else None
