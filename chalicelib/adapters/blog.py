"""The static blog in S3: one page per story, media beside pages, and one list of every entry.

The list (``entries.json``) is updated, not rebuilt: a publish reads it, adds its entry and writes it
back on condition that nobody wrote it meanwhile (S3's If-Match / If-None-Match), so a story costs
the same few requests however big the blog grows. The index page and the feed are rendered from it.
Each story's page carries its own entry (a JSON data block), so the list can be rebuilt from the
pages if it is ever lost, without a second object per story.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from botocore.exceptions import ClientError

from ..domain.errors import Permanent, Retryable
from ..domain.story import Version
from ..domain.text import clean_line
from ..render import blog
from .ports import PostResult

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client


ENTRIES_KEY = "entries.json"
# The entry a story page carries (templates/blog/story.html); Jinja's ``tojson`` escapes "<", so the
# first "</script>" ends it.
_PAGE_ENTRY = re.compile(rb'<script type="application/json" id="entry">(.*?)</script>', re.DOTALL)
# Tries at the conditional write before giving the message back to the queue: each failure means
# another publish wrote the list in between, which takes milliseconds.
ENTRY_TRIES = 8
_LOST_RACE = frozenset({"PreconditionFailed", "ConditionalRequestConflict"})

Entries = list[dict[str, Any]]


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
        text = clean_line(version.text)
        summary = text if len(text) <= 200 else text[:197].rsplit(" ", 1)[0] + "…"
        entry = {
            "id": version.story_id,
            "title": clean_line(version.title),
            "summary": summary,
            "published_at": published_at.isoformat(),
        }
        html = blog(
            "story.html",
            version=version,
            images=images,
            published_label=_label(published_at),
            blog_title=self._title,
            org=self._org,
            root="../../",
            entry=entry,
        )
        self._put(folder + "index.html", html.encode(), "text/html; charset=utf-8")
        self._change_entries(lambda es: [*(e for e in es if e["id"] != version.story_id), entry])
        return PostResult(post_id=version.story_id, url=f"{self._base}{folder}")

    def _pages_entries(self) -> Entries:
        """Every story page's own entry, read one by one: for a blog that has no list yet, and for
        ``rebuild_index`` (which an operator runs if the list is ever lost). Pages written before
        the entry moved into them have it beside them, in ``entry.json``."""
        found: dict[str, dict[str, Any]] = {}
        for page in self._s3.get_paginator("list_objects_v2").paginate(
            Bucket=self._bucket, Prefix="stories/"
        ):
            for obj in page.get("Contents", []):
                key = obj["Key"]
                if key.count("/") != 2 or not key.endswith(("/index.html", "/entry.json")):
                    continue
                body = self._s3.get_object(Bucket=self._bucket, Key=key)["Body"].read()
                if key.endswith("/entry.json"):
                    entry = json.loads(body)
                elif match := _PAGE_ENTRY.search(body):
                    entry = json.loads(match.group(1))
                else:
                    continue
                found[str(entry["id"])] = entry
        return list(found.values())

    def _read_entries(self) -> tuple[Entries | None, str | None]:
        """The list and its ETag; (None, None) when there is no list yet."""
        try:
            got = self._s3.get_object(Bucket=self._bucket, Key=ENTRIES_KEY)
        except ClientError as e:
            if e.response.get("Error", {}).get("Code") in ("NoSuchKey", "404"):
                return None, None
            raise
        return list(json.loads(got["Body"].read())), str(got["ETag"])

    def _change_entries(self, change: Callable[[Entries], Entries]) -> None:
        """Apply ``change`` to the list with a conditional write, then render the index and the feed
        from the list as it stands; rendered again if another publish changed the list meanwhile."""
        for _ in range(ENTRY_TRIES):
            entries, etag = self._read_entries()
            new = change(self._pages_entries() if entries is None else entries)
            new.sort(key=lambda e: str(e["published_at"]), reverse=True)
            body = json.dumps(new).encode()
            try:
                written = self._put_entries(body, etag)
            except ClientError as e:
                if e.response.get("Error", {}).get("Code") in _LOST_RACE:
                    continue
                raise
            self._render_until_settled(new, str(written.get("ETag", "")))
            return
        raise Retryable("the blog's list of stories kept changing under this publish; trying again later")

    def _put_entries(self, body: bytes, etag: str | None) -> Mapping[str, Any]:
        """Write the list only if it is still the one read (If-Match), or still absent (If-None-Match)."""
        common: dict[str, Any] = {"Bucket": self._bucket, "Key": ENTRIES_KEY, "Body": body}
        if etag:
            return self._s3.put_object(
                **common, ContentType="application/json", ServerSideEncryption="AES256", IfMatch=etag
            )
        return self._s3.put_object(
            **common, ContentType="application/json", ServerSideEncryption="AES256", IfNoneMatch="*"
        )

    def _render_until_settled(self, entries: Entries, etag: str) -> None:
        # Two publishes can finish in either order: whichever renders last re-reads the list, so the
        # pages end up showing the list's last state, not one publish's view of it.
        for _ in range(ENTRY_TRIES):
            self._render(entries)
            latest, latest_etag = self._read_entries()
            if latest is None or latest_etag == etag:
                return
            entries, etag = latest, str(latest_etag)

    def rebuild_index(self) -> None:
        """Rebuild the list from every story page's own entry (for an operator, if the list is lost)."""
        self._change_entries(lambda _: self._pages_entries())

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
        self._change_entries(lambda es: [e for e in es if e["id"] != story_id])

    def _render(self, entries: Entries) -> None:
        shown = []
        for e in entries:
            shown.append(
                {
                    **e,
                    "title": clean_line(str(e["title"])),
                    "summary": clean_line(str(e["summary"])),
                    "published_label": _label(datetime.fromisoformat(str(e["published_at"]))),
                }
            )
        html = blog("index.html", entries=shown, blog_title=self._title, org=self._org, root="./")
        self._put("index.html", html.encode(), "text/html; charset=utf-8")
        updated = str(shown[0]["published_at"]) if shown else "1970-01-01T00:00:00+00:00"
        feed = blog(
            "feed.xml",
            entries=shown[:50],
            blog_title=self._title,
            org=self._org,
            base=self._base,
            updated=updated,
        )
        _require_well_formed(feed)
        self._put("feed.xml", feed.encode(), "application/atom+xml; charset=utf-8")


def _require_well_formed(feed: str) -> None:
    """Never replace a working feed with one that readers cannot parse; the publish is retried instead."""
    # Parsing our own rendering (not outside input), so the stdlib parser is safe here.
    from xml.etree import ElementTree

    try:
        ElementTree.fromstring(feed.encode())  # noqa: S314
    except ElementTree.ParseError as e:
        raise Permanent(f"the blog's Atom feed would not be well-formed XML ({e})") from e
