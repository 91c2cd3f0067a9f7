"""The static blog in S3: one page per story, media beside pages, and an index page that is the list.

The index page is the list of every entry: its markup marks each entry (microformats' h-entry), so a
publish reads the page, adds its entry and writes the page back on condition that nobody wrote it
meanwhile (S3's If-Match / If-None-Match). A story costs the same few requests however big the blog
grows, and no second object has to be kept in step with the page. The feed is rendered from the same
list. Each story's page carries its own entry the same way (its summary as the page's description), so the
list can be rebuilt from the pages if the index is ever lost or edited by hand.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import datetime
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any

from botocore.exceptions import ClientError

from ..domain.errors import Permanent, Retryable
from ..domain.story import Version
from ..domain.text import clean_line
from ..render import blog
from .ports import PostResult

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client


INDEX_KEY = "index.html"
# Tries at the conditional write before giving the message back to the queue: each failure means
# another publish wrote the list in between, which takes milliseconds.
ENTRY_TRIES = 8
_LOST_RACE = frozenset({"PreconditionFailed", "ConditionalRequestConflict"})

Entries = list[dict[str, Any]]


def _label(at: datetime) -> str:
    return at.strftime("%-d %B %Y")


class _ListedEntries(HTMLParser):
    """The entries a page marks (microformats' h-entry: templates/blog/index.html and story.html),
    read back from its markup.

    The stdlib's parser is enough for markup this module writes itself; it undoes the template's
    escaping exactly (``convert_charrefs``).
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.count: int | None = None  # the list's own count; None on a page that is not the list
        self.entries: Entries = []
        self.description = ""  # a story page's summary
        self._field = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        classes = a.get("class", "").split()
        if tag == "meta" and a.get("name") == "description":
            self.description = a.get("content", "")
        elif a.get("id") == "entries" and a.get("data-count", "").isdigit():
            self.count = int(a["data-count"])
        elif "h-entry" in classes:
            self.entries.append({"id": a.get("data-id", ""), "title": "", "summary": "", "published_at": ""})
        elif self.entries and "dt-published" in classes:
            self.entries[-1]["published_at"] = a.get("datetime", "")
        elif self.entries:
            self._field = "title" if "p-name" in classes else "summary" if "p-summary" in classes else ""

    def handle_endtag(self, tag: str) -> None:
        self._field = ""

    def handle_data(self, data: str) -> None:
        if self._field:
            self.entries[-1][self._field] += data


def page_entry(page: str) -> dict[str, Any] | None:
    """The entry a story page carries, or None for a page that carries none."""
    parser = _ListedEntries()
    parser.feed(page)
    parser.close()
    if parser.count is not None or len(parser.entries) != 1 or not parser.entries[0]["id"]:
        return None
    return {**parser.entries[0], "summary": parser.description}


def listed_entries(page: str) -> Entries | None:
    """The entries an index page lists, newest first; None when the page does not carry a whole list
    (one written before the index was the list, or edited by hand)."""
    parser = _ListedEntries()
    parser.feed(page)
    parser.close()
    if parser.count is None or parser.count != len(parser.entries):
        return None
    return parser.entries


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
                entry = (
                    json.loads(body)
                    if key.endswith("/entry.json")
                    else page_entry(body.decode("utf-8", "replace"))
                )
                if entry is not None:
                    found[str(entry["id"])] = entry
        return list(found.values())

    def _read_entries(self) -> tuple[Entries | None, str | None]:
        """The list the index page carries and the page's ETag: (None, None) when there is no index
        page yet, (None, ETag) when the page does not carry a whole list."""
        try:
            got = self._s3.get_object(Bucket=self._bucket, Key=INDEX_KEY)
        except ClientError as e:
            if e.response.get("Error", {}).get("Code") in ("NoSuchKey", "404"):
                return None, None
            raise
        return listed_entries(got["Body"].read().decode("utf-8", "replace")), str(got["ETag"])

    def _change_entries(self, change: Callable[[Entries], Entries]) -> None:
        """Apply ``change`` to the list with a conditional write of the index page, then render the
        feed from the list as it stands; rendered again if another publish changed the list meanwhile."""
        for _ in range(ENTRY_TRIES):
            entries, etag = self._read_entries()
            new = change(self._pages_entries() if entries is None else entries)
            new.sort(key=lambda e: str(e["published_at"]), reverse=True)
            try:
                written = self._put_index(new, etag)
            except ClientError as e:
                if e.response.get("Error", {}).get("Code") in _LOST_RACE:
                    continue
                raise
            self._feed_until_settled(new, str(written.get("ETag", "")))
            return
        raise Retryable("the blog's list of stories kept changing under this publish; trying again later")

    def _put_index(self, entries: Entries, etag: str | None) -> Mapping[str, Any]:
        """Write the index page only if it is still the one read (If-Match), or still absent
        (If-None-Match)."""
        html = blog("index.html", entries=_shown(entries), blog_title=self._title, org=self._org, root="./")
        common: dict[str, Any] = {
            "Bucket": self._bucket,
            "Key": INDEX_KEY,
            "Body": html.encode(),
            "ContentType": "text/html; charset=utf-8",
            "ServerSideEncryption": "AES256",
        }
        if etag:
            return self._s3.put_object(**common, IfMatch=etag)
        return self._s3.put_object(**common, IfNoneMatch="*")

    def _feed_until_settled(self, entries: Entries, etag: str) -> None:
        # Two publishes can finish in either order: whichever writes the feed last re-reads the list,
        # so the feed ends up showing the list's last state, not one publish's view of it.
        for _ in range(ENTRY_TRIES):
            self._put_feed(entries)
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

    def _put_feed(self, entries: Entries) -> None:
        shown = _shown(entries)
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


def _shown(entries: Entries) -> Entries:
    """The entries as the index page and the feed show them."""
    return [
        {
            **e,
            "title": clean_line(str(e["title"])),
            "summary": clean_line(str(e["summary"])),
            "published_label": _label(datetime.fromisoformat(str(e["published_at"]))),
        }
        for e in entries
    ]


def _require_well_formed(feed: str) -> None:
    """Never replace a working feed with one that readers cannot parse; the publish is retried instead."""
    # Parsing our own rendering (not outside input), so the stdlib parser is safe here.
    from xml.etree import ElementTree

    try:
        ElementTree.fromstring(feed.encode())  # noqa: S314
    except ElementTree.ParseError as e:
        raise Permanent(f"the blog's Atom feed would not be well-formed XML ({e})") from e
