"""A fake WordPress REST API (``/wp-json/wp/v2``) on loopback for the WordPress adapter and the local stack.

It answers as WordPress does, including its quirks: Basic authentication with an application
password (spaces in it optional), ``{"code", "message", "data": {"status"}}`` error bodies,
``rest_invalid_param`` for a bad status, ``rest_post_invalid_id`` for a missing post, and 500
``rest_upload_sideload_error`` for a file type it will not take. Uploads need a
``Content-Disposition`` filename and an allowed image type; posts need a title or content, a
valid status and an existing featured image. Posts and media are recorded for tests.
"""

from __future__ import annotations

import base64
import hmac
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import Message
from typing import Any, Unpack

from .http_fake import HttpFake, HttpRequest, Reply, ServerOptions
from .images import sniff_image

API = "/wp-json/wp/v2"
STATUSES = ("publish", "future", "draft", "pending", "private")
_IMAGE_TYPES = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp"})


def _error(status: int, code: str, message: str, **data: Any) -> Reply:
    return Reply(status, {"code": code, "message": message, "data": {"status": status, **data}})


@dataclass
class _Media:
    id: int
    filename: str
    mime_type: str
    size: int
    alt_text: str = ""
    post: int | None = None
    deleted: bool = False


@dataclass
class _Post:
    id: int
    title: str
    content: str
    status: str
    featured_media: int
    date: str
    deleted: bool = False


class FakeWordPress(HttpFake):
    """One WordPress site with one user who may publish and upload."""

    service = "fake-wordpress"

    def __init__(
        self,
        username: str,
        application_password: str,
        **server: Unpack[ServerOptions],
    ) -> None:
        super().__init__(**server)
        self._username = username
        # WordPress shows application passwords in groups of four and ignores the spaces.
        self._password = application_password.replace(" ", "")
        self._posts: dict[int, _Post] = {}
        self._media: dict[int, _Media] = {}
        self._next = 100

    # -- records -------------------------------------------------------------------------------

    def posts(self) -> list[dict[str, Any]]:
        with self._lock:
            return [dict(vars(p)) for p in self._posts.values()]

    def media(self) -> list[dict[str, Any]]:
        with self._lock:
            return [dict(vars(m)) for m in self._media.values()]

    # -- routing -------------------------------------------------------------------------------

    def fault_reply(self, status: int, body: Mapping[str, Any] | str | bytes | None) -> Reply:
        if body is not None:
            return Reply(status, body)
        if status == 503:
            return _error(503, "service_unavailable", "Service Unavailable")
        return _error(status, "internal_server_error", "There has been a critical error on this website.")

    def route(self, request: HttpRequest) -> Reply:
        path = request.path.rstrip("/")
        if not path.startswith(API):
            return _error(404, "rest_no_route", "No route was found matching the URL and request method.")
        problem = self._authenticate(request)
        if problem is not None:
            return problem
        parts = path[len(API) :].split("/")[1:]
        method = request.method
        if parts == ["media"]:
            if method == "POST":
                return self._upload(request)
            if method == "GET":
                return self._list_media(request)
        if len(parts) == 2 and parts[0] == "media" and parts[1].isdigit():
            media_id = int(parts[1])
            if method == "POST":
                return self._update_media(media_id, request)
            if method == "DELETE":
                return self._delete_media(media_id, request)
        if parts == ["posts"] and method == "POST":
            return self._create_post(request)
        if len(parts) == 2 and parts[0] == "posts" and parts[1].isdigit():
            post_id = int(parts[1])
            if method == "GET":
                return self._show_post(post_id)
            if method == "DELETE":
                return self._delete_post(post_id, request)
        return _error(404, "rest_no_route", "No route was found matching the URL and request method.")

    def _authenticate(self, request: HttpRequest) -> Reply | None:
        header = request.header("Authorization") or ""
        if not header.startswith("Basic "):
            return _error(401, "rest_not_logged_in", "You are not currently logged in.")
        try:
            user, _, password = base64.b64decode(header[6:]).decode("utf-8").partition(":")
        except ValueError:
            return _error(401, "rest_not_logged_in", "You are not currently logged in.")
        if user != self._username:
            return _error(401, "invalid_username", "Unknown username. Check again or try your email address.")
        if not hmac.compare_digest(password.replace(" ", ""), self._password):
            return _error(
                401, "incorrect_password", "The provided password is an invalid application password."
            )
        return None

    # -- media ---------------------------------------------------------------------------------

    def _upload(self, request: HttpRequest) -> Reply:
        if not request.body:
            return _error(400, "rest_upload_no_data", "No data supplied.")
        disposition = request.header("Content-Disposition")
        if not disposition:
            return _error(400, "rest_upload_no_content_disposition", "No Content-Disposition supplied.")
        parsed = Message()
        parsed["Content-Disposition"] = disposition
        filename = parsed.get_filename()
        if not filename:
            return _error(400, "rest_upload_invalid_disposition", "Invalid Content-Disposition supplied.")
        mime = request.content_type
        if mime not in _IMAGE_TYPES or sniff_image(request.body) != mime:
            return _error(
                500, "rest_upload_sideload_error", "Sorry, you are not allowed to upload this file type."
            )
        with self._lock:
            media = _Media(self._id(), filename, mime, len(request.body))
            self._media[media.id] = media
            return Reply(201, self._media_api(media))

    def _update_media(self, media_id: int, request: HttpRequest) -> Reply:
        body = request.json()
        if not isinstance(body, dict):
            return _error(400, "rest_invalid_json", "Invalid JSON body passed.")
        with self._lock:
            media = self._media.get(media_id)
            if media is None or media.deleted:
                return _error(404, "rest_post_invalid_id", "Invalid post ID.")
            if "alt_text" in body:
                if not isinstance(body["alt_text"], str):
                    return _error(
                        400,
                        "rest_invalid_param",
                        "Invalid parameter(s): alt_text",
                        params={"alt_text": "not a string"},
                    )
                media.alt_text = body["alt_text"]
            if "post" in body:
                if body["post"] not in self._posts:
                    return _error(
                        400, "rest_invalid_param", "Invalid parameter(s): post", params={"post": "invalid"}
                    )
                media.post = body["post"]
            return Reply(200, self._media_api(media))

    def _list_media(self, request: HttpRequest) -> Reply:
        parent = (request.query.get("parent") or [""])[0]
        with self._lock:
            items = [
                self._media_api(m)
                for m in self._media.values()
                if not m.deleted and (not parent or str(m.post) == parent)
            ]
        return Reply(200, items)

    def _delete_media(self, media_id: int, request: HttpRequest) -> Reply:
        if (request.query.get("force") or [""])[0] != "true":
            return _error(
                501, "rest_trash_not_supported", "Attachments do not support trashing. Set 'force' to true."
            )
        with self._lock:
            media = self._media.get(media_id)
            if media is None or media.deleted:
                return _error(404, "rest_post_invalid_id", "Invalid post ID.")
            media.deleted = True
            return Reply(200, {"deleted": True, "previous": self._media_api(media)})

    # -- posts ---------------------------------------------------------------------------------

    def _create_post(self, request: HttpRequest) -> Reply:
        body = request.json()
        if not isinstance(body, dict):
            return _error(400, "rest_invalid_json", "Invalid JSON body passed.")
        title, content = body.get("title", ""), body.get("content", "")
        status, featured = body.get("status", "draft"), body.get("featured_media", 0)
        if status not in STATUSES:
            return _error(
                400,
                "rest_invalid_param",
                "Invalid parameter(s): status",
                params={"status": f"status is not one of {', '.join(STATUSES)}."},
            )
        if not isinstance(title, str) or not isinstance(content, str):
            return _error(400, "rest_invalid_param", "Invalid parameter(s): title, content")
        if not title.strip() and not content.strip():
            return _error(400, "empty_content", "Content, title, and excerpt are empty.")
        with self._lock:
            if featured and (featured not in self._media or self._media[featured].deleted):
                return _error(400, "rest_invalid_featured_media", "Invalid featured media ID.")
            post = _Post(self._id(), title, content, status, int(featured or 0), self._now())
            self._posts[post.id] = post
            return Reply(201, self._post_api(post))

    def _show_post(self, post_id: int) -> Reply:
        with self._lock:
            post = self._posts.get(post_id)
            if post is None or post.deleted:
                return _error(404, "rest_post_invalid_id", "Invalid post ID.")
            return Reply(200, self._post_api(post))

    def _delete_post(self, post_id: int, request: HttpRequest) -> Reply:
        with self._lock:
            post = self._posts.get(post_id)
            if post is None or post.deleted:
                return _error(404, "rest_post_invalid_id", "Invalid post ID.")
            if (request.query.get("force") or [""])[0] != "true":
                post.status = "trash"
                return Reply(200, self._post_api(post))
            post.deleted = True
            return Reply(200, {"deleted": True, "previous": self._post_api(post)})

    # -- helpers -------------------------------------------------------------------------------

    def _media_api(self, media: _Media) -> dict[str, Any]:
        return {
            "id": media.id,
            "date": self._now(),
            "slug": media.filename.rsplit(".", 1)[0],
            "status": "inherit",
            "type": "attachment",
            "link": f"{self.base_url}/?attachment_id={media.id}",
            "title": {"rendered": media.filename},
            "alt_text": media.alt_text,
            "media_type": "image",
            "mime_type": media.mime_type,
            "post": media.post,
            "source_url": f"{self.base_url}/wp-content/uploads/{media.id}-{media.filename}",
        }

    def _post_api(self, post: _Post) -> dict[str, Any]:
        return {
            "id": post.id,
            "date": post.date,
            "status": post.status,
            "type": "post",
            "link": f"{self.base_url}/?p={post.id}",
            "title": {"raw": post.title, "rendered": post.title},
            "content": {"raw": post.content, "rendered": post.content, "protected": False},
            "featured_media": post.featured_media,
        }

    def _id(self) -> int:
        self._next += 1
        return self._next

    def _now(self) -> str:
        return datetime.fromtimestamp(self._clock(), UTC).strftime("%Y-%m-%dT%H:%M:%S")
