"""A fake WordPress REST API (``/wp-json/wp/v2``) on loopback for the WordPress adapter and the local stack.

It answers as WordPress 6.1 does, checked by the same contract tests against Debian's WordPress:
a wrong application password makes the request anonymous (writes get 401 ``rest_cannot_create``,
``/users/me`` gets ``rest_not_logged_in``, public reads succeed); roles decide what a user may do
(a contributor gets 403 ``rest_cannot_publish``, and ``rest_cannot_create`` for uploads); uploads
are stored under ``/wp-content/uploads/YYYY/MM/`` by their sniffed type (a PNG sent as JPEG is
stored as ``.png``), ``-1`` on a clash, and may carry ``post`` and ``alt_text`` as query
parameters; an unknown ``featured_media`` is silently 0 and attaching to an unknown post is
accepted; a published post's link is ``/YYYY/MM/slug/``; rendered fields differ from raw ones;
deleting a trashed post without ``force`` is 410, and deleting a post detaches its media. Paths
outside the REST API get WordPress's HTML 404 page. Posts and media are recorded for tests.
"""

from __future__ import annotations

import base64
import hmac
import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import Message
from typing import Any, TypeVar, Unpack

from .http_fake import HttpFake, HttpRequest, Reply, ServerOptions
from .images import sniff_image

API = "/wp-json/wp/v2"
STATUSES = ("publish", "future", "draft", "pending", "private")
_EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/gif": "gif", "image/webp": "webp"}
_CAPABILITIES = {
    "administrator": {
        "publish_posts",
        "upload_files",
        "edit_posts",
        "delete_others_posts",
        "unfiltered_html",
    },
    "editor": {"publish_posts", "upload_files", "edit_posts", "delete_others_posts", "unfiltered_html"},
    "author": {"publish_posts", "upload_files", "edit_posts"},
    "contributor": {"edit_posts"},
}
_NOT_FOUND_PAGE = "<!DOCTYPE html><html><head><title>Page not found</title></head><body></body></html>"


def _error(status: int, code: str, message: str, **data: Any) -> Reply:
    return Reply(status, {"code": code, "message": message, "data": {"status": status, **data}})


def _cannot_create() -> Reply:
    return _error(401, "rest_cannot_create", "Sorry, you are not allowed to create posts as this user.")


def _texturize(text: str) -> str:
    """A small part of WordPress's wptexturize: curly quotes and ``&#038;`` outside tags."""
    out = []
    for piece in re.split(r"(<[^>]*>)", text):
        if piece.startswith("<"):
            out.append(piece)
            continue
        text_node = re.sub(r"&(?![#a-zA-Z0-9]+;)", "&#038;", piece)
        text_node = re.sub(r'"([^"]*)"', r"&#8220;\1&#8221;", text_node)
        out.append(text_node.replace("'", "&#8217;"))
    return "".join(out)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", html.unescape(text).lower()).strip("-")


@dataclass
class _User:
    id: int
    username: str
    password: str
    role: str


@dataclass
class _Media:
    id: int
    filename: str
    mime_type: str
    size: int
    path: str
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
    author: int
    slug: str = ""
    deleted: bool = False


_Live = TypeVar("_Live", _Media, _Post)


def _live(items: Mapping[int, _Live], item_id: int) -> _Live | None:
    """A post or media item WordPress still has (not deleted), by id."""
    found = items.get(item_id)
    return None if found is None or found.deleted else found


def _invalid_id() -> Reply:
    return _error(404, "rest_post_invalid_id", "Invalid post ID.")


class FakeWordPress(HttpFake):
    """One WordPress site; its first user (an author unless told) is the one the app publishes as."""

    service = "fake-wordpress"

    def __init__(
        self,
        username: str,
        application_password: str,
        role: str = "author",
        **server: Unpack[ServerOptions],
    ) -> None:
        super().__init__(**server)
        self._users: dict[str, _User] = {}
        self._posts: dict[int, _Post] = {}
        self._media: dict[int, _Media] = {}
        self._next = 100
        self.add_user(username, application_password, role)

    def add_user(self, username: str, application_password: str, role: str) -> None:
        """Another account, e.g. an editor who deletes posts inside WordPress, or a contributor."""
        with self._lock:
            # WordPress shows application passwords in groups of four and ignores the spaces.
            self._users[username] = _User(self._id(), username, application_password.replace(" ", ""), role)

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
        if request.method == "GET" and path.startswith("/wp-content/uploads/"):
            return self._file(path)
        if not path.startswith(API):
            return Reply(404, _NOT_FOUND_PAGE)
        user = self._authenticate(request)
        parts = path[len(API) :].split("/")[1:]
        method = request.method
        if parts == ["users", "me"] and method == "GET":
            return self._me(user)
        if parts == ["media"]:
            if method == "POST":
                return self._upload(request, user)
            if method == "GET":
                return self._list_media(request)
        if len(parts) == 2 and parts[0] == "media" and parts[1].isdigit():
            media_id = int(parts[1])
            if method == "GET":
                return self._show_media(media_id)
            if method == "POST":
                return self._update_media(media_id, request, user)
            if method == "DELETE":
                return self._delete_media(media_id, request, user)
        if parts == ["posts"]:
            if method == "POST":
                return self._create_post(request, user)
            if method == "GET":
                return self._list_posts(request, user)
        if len(parts) == 2 and parts[0] == "posts" and parts[1].isdigit():
            post_id = int(parts[1])
            if method == "GET":
                return self._show_post(post_id)
            if method == "POST":
                return self._update_post(post_id, request, user)
            if method == "DELETE":
                return self._delete_post(post_id, request, user)
        return _error(404, "rest_no_route", "No route was found matching the URL and request method.")

    def _authenticate(self, request: HttpRequest) -> _User | None:
        """The user, or None: WordPress treats a wrong application password as no login at all."""
        header = request.header("Authorization") or ""
        if not header.startswith("Basic "):
            return None
        try:
            name, _, password = base64.b64decode(header[6:]).decode("utf-8").partition(":")
        except ValueError:
            return None
        with self._lock:
            user = self._users.get(name)
        if user is None or not hmac.compare_digest(password.replace(" ", ""), user.password):
            return None
        return user

    @staticmethod
    def _can(user: _User | None, capability: str) -> bool:
        return user is not None and capability in _CAPABILITIES.get(user.role, set())

    def _me(self, user: _User | None) -> Reply:
        if user is None:
            return _error(401, "rest_not_logged_in", "You are not currently logged in.")
        return Reply(
            200,
            {
                "id": user.id,
                "username": user.username,
                "slug": user.username,
                "roles": [user.role],
                "capabilities": dict.fromkeys(sorted(_CAPABILITIES.get(user.role, set())), True),
            },
        )

    def _file(self, path: str) -> Reply:
        with self._lock:
            found = any(m.path == path and not m.deleted for m in self._media.values())
        return Reply(200, b"image") if found else Reply(404, _NOT_FOUND_PAGE)

    # -- media ---------------------------------------------------------------------------------

    def _upload(self, request: HttpRequest, user: _User | None) -> Reply:
        if user is None:
            return _cannot_create()
        if not self._can(user, "upload_files"):
            return _error(
                403, "rest_cannot_create", "Sorry, you are not allowed to create posts as this user."
            )
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
        # WordPress trusts the bytes, not the header: a PNG sent as JPEG is stored as a PNG.
        mime = sniff_image(request.body)
        if request.content_type not in _EXTENSIONS or mime is None:
            return _error(
                500, "rest_upload_sideload_error", "Sorry, you are not allowed to upload this file type."
            )
        stem = _slug(filename.rsplit(".", 1)[0]) or "image"
        query = {k: v[0] for k, v in request.query.items()}
        with self._lock:
            folder = "/wp-content/uploads/" + datetime.fromtimestamp(self._clock(), UTC).strftime("%Y/%m/")
            taken = {m.path for m in self._media.values()}
            name, n = f"{stem}.{_EXTENSIONS[mime]}", 0
            while folder + name in taken:
                n += 1
                name = f"{stem}-{n}.{_EXTENSIONS[mime]}"
            parent = int(query["post"]) if query.get("post", "").isdigit() else None
            media = _Media(
                self._id(), name, mime, len(request.body), folder + name, query.get("alt_text", "")
            )
            media.post = parent or None
            self._media[media.id] = media
            return Reply(201, self._media_api(media))

    def _show_media(self, media_id: int) -> Reply:
        with self._lock:
            media = _live(self._media, media_id)
            if media is None:
                return _invalid_id()
            return Reply(200, self._media_api(media))

    def _update_media(self, media_id: int, request: HttpRequest, user: _User | None) -> Reply:
        if user is None:
            return _error(401, "rest_cannot_edit", "Sorry, you are not allowed to edit this post.")
        body = request.json()
        if not isinstance(body, dict):
            return _error(400, "rest_invalid_json", "Invalid JSON body passed.")
        with self._lock:
            media = _live(self._media, media_id)
            if media is None:
                return _invalid_id()
            if "alt_text" in body:
                if not isinstance(body["alt_text"], str):
                    return _error(
                        400,
                        "rest_invalid_param",
                        "Invalid parameter(s): alt_text",
                        params={"alt_text": "alt_text is not of type string."},
                    )
                media.alt_text = body["alt_text"]
            if "post" in body and isinstance(body["post"], int):
                # WordPress does not check that the post exists.
                media.post = body["post"] or None
            return Reply(200, self._media_api(media))

    def _list_media(self, request: HttpRequest) -> Reply:
        parent = (request.query.get("parent") or [""])[0]
        with self._lock:
            items = [
                self._media_api(m)
                for m in self._media.values()
                if not m.deleted and (not parent or str(m.post or 0) == parent)
            ]
        return Reply(200, items)

    def _delete_media(self, media_id: int, request: HttpRequest, user: _User | None) -> Reply:
        if user is None:
            return _error(401, "rest_cannot_delete", "Sorry, you are not allowed to delete this post.")
        with self._lock:
            media = _live(self._media, media_id)
            if media is None:
                return _invalid_id()
            if (request.query.get("force") or [""])[0] != "true":
                return _error(
                    501,
                    "rest_trash_not_supported",
                    "The post does not support trashing. Set 'force=true' to delete.",
                )
            media.deleted = True
            return Reply(200, {"deleted": True, "previous": self._media_api(media)})

    # -- posts ---------------------------------------------------------------------------------

    def _check_post_fields(self, body: dict[str, Any], user: _User) -> Reply | None:
        status = body.get("status", "draft")
        if status not in STATUSES:
            return _error(
                400,
                "rest_invalid_param",
                "Invalid parameter(s): status",
                params={"status": "status is not one of publish, future, draft, pending, and private."},
            )
        if status in ("publish", "future", "private") and not self._can(user, "publish_posts"):
            return _error(
                403, "rest_cannot_publish", "Sorry, you are not allowed to publish posts in this post type."
            )
        for name in ("title", "content"):
            if name in body and not isinstance(body[name], str):
                return _error(400, "rest_invalid_param", f"Invalid parameter(s): {name}")
        return None

    def _create_post(self, request: HttpRequest, user: _User | None) -> Reply:
        if user is None:
            return _cannot_create()
        body = request.json()
        if not isinstance(body, dict):
            return _error(400, "rest_invalid_json", "Invalid JSON body passed.")
        problem = self._check_post_fields(body, user)
        if problem is not None:
            return problem
        title, content = body.get("title", ""), body.get("content", "")
        if not title.strip() and not content.strip():
            return _error(400, "empty_content", "Content, title, and excerpt are empty.")
        with self._lock:
            post = _Post(self._id(), title, content, body.get("status", "draft"), 0, self._now(), user.id)
            self._set_featured(post, body.get("featured_media", 0))
            self._publish_slug(post)
            self._posts[post.id] = post
            return Reply(201, self._post_api(post))

    def _update_post(self, post_id: int, request: HttpRequest, user: _User | None) -> Reply:
        if user is None:
            return _error(401, "rest_cannot_edit", "Sorry, you are not allowed to edit this post.")
        body = request.json()
        if not isinstance(body, dict):
            return _error(400, "rest_invalid_json", "Invalid JSON body passed.")
        problem = self._check_post_fields(body, user)
        if problem is not None:
            return problem
        with self._lock:
            post = _live(self._posts, post_id)
            if post is None:
                return _invalid_id()
            post.title = body.get("title", post.title)
            post.content = body.get("content", post.content)
            post.status = body.get("status", post.status)
            if "featured_media" in body:
                self._set_featured(post, body["featured_media"])
            self._publish_slug(post)
            return Reply(200, self._post_api(post))

    def _list_posts(self, request: HttpRequest, user: _User | None) -> Reply:
        query = {k: v[0] for k, v in request.query.items()}
        statuses = query.get("status", "publish").split(",")
        if statuses != ["publish"] and not self._can(user, "edit_posts"):
            return _error(
                400,
                "rest_invalid_param",
                "Invalid parameter(s): status",
                params={"status": "Status is forbidden."},
            )
        search = query.get("search", "").lower()
        with self._lock:
            items = [
                self._post_api(p)
                for p in self._posts.values()
                if not p.deleted
                and p.status in statuses
                and (not search or search in p.title.lower() or search in p.content.lower())
            ]
        return Reply(200, items)

    def _show_post(self, post_id: int) -> Reply:
        with self._lock:
            post = _live(self._posts, post_id)
            if post is None:
                return _invalid_id()
            return Reply(200, self._post_api(post))

    def _delete_post(self, post_id: int, request: HttpRequest, user: _User | None) -> Reply:
        if user is None:
            return _error(401, "rest_cannot_delete", "Sorry, you are not allowed to delete this post.")
        with self._lock:
            post = _live(self._posts, post_id)
            if post is None:
                return _invalid_id()
            if post.author != user.id and not self._can(user, "delete_others_posts"):
                return _error(403, "rest_cannot_delete", "Sorry, you are not allowed to delete this post.")
            if (request.query.get("force") or [""])[0] != "true":
                if post.status == "trash":
                    return _error(410, "rest_already_trashed", "The post has already been deleted.")
                post.status = "trash"
                return Reply(200, self._post_api(post))
            post.deleted = True
            # As wp_delete_post does: the post's media stay, unattached.
            for media in self._media.values():
                if media.post == post.id:
                    media.post = None
            return Reply(200, {"deleted": True, "previous": self._post_api(post)})

    # -- helpers -------------------------------------------------------------------------------

    def _set_featured(self, post: _Post, featured: Any) -> None:
        # WordPress quietly drops a featured image it does not know.
        known = isinstance(featured, int) and featured in self._media and not self._media[featured].deleted
        post.featured_media = featured if known else 0

    def _publish_slug(self, post: _Post) -> None:
        if post.status == "publish" and not post.slug:
            base = _slug(post.title) or str(post.id)
            taken = {p.slug for p in self._posts.values() if p is not post and not p.deleted}
            slug, n = base, 1
            while slug in taken:
                n += 1
                slug = f"{base}-{n}"
            post.slug = slug

    def _media_api(self, media: _Media) -> dict[str, Any]:
        stem = media.filename.rsplit(".", 1)[0]
        return {
            "id": media.id,
            "date": self._now(),
            "slug": stem,
            "status": "inherit",
            "type": "attachment",
            "link": f"{self.base_url}/?attachment_id={media.id}",
            "title": {"raw": stem, "rendered": _texturize(stem)},
            "alt_text": media.alt_text,
            "media_type": "image",
            "mime_type": media.mime_type,
            "post": media.post,
            "source_url": f"{self.base_url}{media.path}",
        }

    def _post_api(self, post: _Post) -> dict[str, Any]:
        if post.status == "publish":
            link = f"{self.base_url}/{post.date[:4]}/{post.date[5:7]}/{post.slug}/"
        else:
            link = f"{self.base_url}/?p={post.id}"
        if "<!-- wp:" in post.content:
            # Block content: the block comments render as their blocks (nothing, for an unknown
            # self-closing one) and WordPress does not add paragraphs.
            rendered = re.sub(r"<!-- /?wp:.*?-->", "", post.content, flags=re.S)
        else:
            # WordPress wraps a line of inline content (a bare <img>) in a paragraph when it renders.
            rendered = re.sub(
                r"(<figure[^>]*>.*?</figure>)|(<img [^>]*>)",
                lambda m: m.group(1) or f"<p>{m.group(2)}</p>",
                post.content,
                flags=re.S,
            )
        return {
            "id": post.id,
            "date": post.date,
            "slug": post.slug,
            "status": post.status,
            "type": "post",
            "link": link,
            "author": post.author,
            "title": {"raw": post.title, "rendered": _texturize(post.title)},
            "content": {"raw": post.content, "rendered": _texturize(rendered) + "\n", "protected": False},
            "featured_media": post.featured_media,
        }

    def _id(self) -> int:
        self._next += 1
        return self._next

    def _now(self) -> str:
        return datetime.fromtimestamp(self._clock(), UTC).strftime("%Y-%m-%dT%H:%M:%S")
