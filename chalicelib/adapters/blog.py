"""The static blog in S3: one page per story, an index built from what is published, media beside pages."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..domain.errors import Permanent
from ..domain.story import Version
from ..domain.text import clean_line
from ..render import blog
from .ports import PostResult

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client


def _label(at: datetime) -> str:
    return at.strftime("%-d %B %Y")


class StaticBlog:
    """Writes are idempotent: the same version always produces the same objects at the same keys."""

    def __init__(self, s3: S3Client, bucket: str, *, base_url: str, title: str, org: str) -> None:
        self._s3 = s3
        self._bucket = bucket
        self._base = base_url if base_url.endswith("/") else base_url + "/"
        self._title = title
        self._org = org

    def _put(self, key: str, body: bytes, content_type: str) -> None:
        self._s3.put_object(
            Bucket=self._bucket, Key=key, Body=body, ContentType=content_type, ServerSideEncryption="AES256"
        )

    def publish(self, version: Version, *, published_at: datetime, media: Mapping[str, bytes]) -> PostResult:
        folder = f"stories/{version.story_id}/"
        images = []
        for img in version.images:
            name = img.key.rsplit("/", 1)[-1]
            self._put(folder + name, media[img.key], img.content_type)
            images.append({"src": name, "alt": img.alt})
        html = blog(
            "story.html",
            version=version,
            images=images,
            published_label=_label(published_at),
            blog_title=self._title,
            org=self._org,
            root="../../",
        )
        self._put(folder + "index.html", html.encode(), "text/html; charset=utf-8")
        text = clean_line(version.text)
        summary = text if len(text) <= 200 else text[:197].rsplit(" ", 1)[0] + "…"
        entry = {
            "id": version.story_id,
            "title": clean_line(version.title),
            "summary": summary,
            "published_at": published_at.isoformat(),
        }
        self._put(folder + "entry.json", json.dumps(entry).encode(), "application/json")
        self.rebuild_index()
        return PostResult(post_id=version.story_id, url=f"{self._base}{folder}")

    def _entries(self) -> list[dict[str, Any]]:
        entries = []
        for page in self._s3.get_paginator("list_objects_v2").paginate(
            Bucket=self._bucket, Prefix="stories/"
        ):
            for obj in page.get("Contents", []):
                if obj["Key"].endswith("/entry.json"):
                    body = self._s3.get_object(Bucket=self._bucket, Key=obj["Key"])["Body"].read()
                    entries.append(json.loads(body))
        entries.sort(key=lambda e: str(e["published_at"]), reverse=True)
        return entries

    def unpublish(self, story_id: str) -> None:
        folder = f"stories/{story_id}/"
        keys = [
            obj["Key"]
            for page in self._s3.get_paginator("list_objects_v2").paginate(Bucket=self._bucket, Prefix=folder)
            for obj in page.get("Contents", [])
        ]
        for i in range(0, len(keys), 1000):
            self._s3.delete_objects(
                Bucket=self._bucket,
                Delete={"Objects": [{"Key": k} for k in keys[i : i + 1000]], "Quiet": True},
            )
        self.rebuild_index()

    def rebuild_index(self) -> None:
        # Built from the entries actually present, so concurrent publishes converge on the full list:
        # a second pass catches an entry written while the first was rendering.
        seen: list[str] | None = None
        for _ in range(2):
            entries = self._entries()
            ids = [str(e["id"]) for e in entries]
            if ids == seen:
                break
            for e in entries:
                e["title"], e["summary"] = clean_line(str(e["title"])), clean_line(str(e["summary"]))
                e["published_label"] = _label(datetime.fromisoformat(str(e["published_at"])))
            html = blog("index.html", entries=entries, blog_title=self._title, org=self._org, root="./")
            self._put("index.html", html.encode(), "text/html; charset=utf-8")
            updated = str(entries[0]["published_at"]) if entries else "1970-01-01T00:00:00+00:00"
            feed = blog(
                "feed.xml",
                entries=entries[:50],
                blog_title=self._title,
                org=self._org,
                base=self._base,
                updated=updated,
            )
            _require_well_formed(feed)
            self._put("feed.xml", feed.encode(), "application/atom+xml; charset=utf-8")
            seen = ids


def _require_well_formed(feed: str) -> None:
    """Never replace a working feed with one that readers cannot parse; the publish is retried instead."""
    # Parsing our own rendering (not outside input), so the stdlib parser is safe here.
    from xml.etree import ElementTree

    try:
        ElementTree.fromstring(feed.encode())  # noqa: S314
    except ElementTree.ParseError as e:
        raise Permanent(f"the blog's Atom feed would not be well-formed XML ({e})") from e
