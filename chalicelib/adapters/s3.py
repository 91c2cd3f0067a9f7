"""The two buckets behind RawStore and StoryStore, so services never see boto3 or S3 key layouts.

The stories bucket's layout is part of the contract with the checks queue: ``story.json`` is what
the S3 → SQS notification matches, so it is written by ``put_version`` alone, after the media.
"""

from __future__ import annotations

import json
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

from ..definition import REJECTED_TAG_KEY, REJECTED_TAG_VALUE
from ..domain.errors import NotFound
from ..domain.findings import Inspection, Verdict
from ..domain.story import Version
from .aws_common import aws_call

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client

JSON_TYPE = "application/json; charset=utf-8"
_MISSING = frozenset({"NoSuchKey", "404", "NotFound"})
_TRANSIENT = frozenset({"SlowDown", "ServiceUnavailable", "InternalError", "RequestTimeout"})


def version_prefix(story_id: str, number: int) -> str:
    return f"stories/{story_id}/v{number}/"


def version_key(story_id: str, number: int) -> str:
    return version_prefix(story_id, number) + "story.json"


def findings_key(story_id: str, number: int) -> str:
    return version_prefix(story_id, number) + "findings.json"


def inspection_key(story_id: str, number: int) -> str:
    return version_prefix(story_id, number) + "photos.json"


def media_name(name: str) -> str:
    """The media key relative to the version's folder (what ``Image.key`` holds)."""
    # A slash would nest the object under another folder, and ".." is a literal key segment in S3
    # that readers may still treat as a path: refuse both rather than store something surprising.
    if not name or "/" in name or "\\" in name or name in {".", ".."}:
        raise ValueError(f"media name must be a plain file name, got {name!r}")
    return f"media/{name}"


def media_key(story_id: str, number: int, name: str) -> str:
    return version_prefix(story_id, number) + media_name(name)


def version_body(version: Version) -> bytes:
    return json.dumps(version.to_dict(), ensure_ascii=False, sort_keys=True).encode("utf-8")


def findings_body(verdict: Verdict) -> bytes:
    return json.dumps(verdict.to_dict(), ensure_ascii=False, sort_keys=True).encode("utf-8")


def inspection_body(inspection: Inspection) -> bytes:
    return json.dumps(inspection.to_dict(), ensure_ascii=False, sort_keys=True).encode("utf-8")


class _Bucket:
    """Get, put and tag whole objects, translating S3's errors into the domain's."""

    def __init__(self, s3: S3Client, bucket: str) -> None:
        self.s3 = s3
        self.bucket = bucket

    def _call(self, verb: str, key: str, *, may_be_missing: bool) -> AbstractContextManager[None]:
        return aws_call(
            f"s3 {verb} {self.bucket}/{key}",
            transient=_TRANSIENT,
            missing=_MISSING if may_be_missing else frozenset(),
            when_missing=NotFound(f"no object s3://{self.bucket}/{key}"),
        )

    def put(self, key: str, data: bytes, content_type: str) -> None:
        with self._call("put", key, may_be_missing=False):
            self.s3.put_object(
                Bucket=self.bucket,
                Key=key,
                Body=data,
                ContentType=content_type,
                ServerSideEncryption="AES256",
            )

    def get(self, key: str) -> bytes:
        with self._call("get", key, may_be_missing=True):
            response: Any = self.s3.get_object(Bucket=self.bucket, Key=key)
        body: bytes = response["Body"].read()
        return body

    def tag(self, key: str, tags: dict[str, str]) -> None:
        with self._call("tag", key, may_be_missing=True):
            self.s3.put_object_tagging(
                Bucket=self.bucket,
                Key=key,
                Tagging={"TagSet": [{"Key": k, "Value": v} for k, v in tags.items()]},
            )


class S3RawStore:
    """The intake bucket: raw emails and forms exactly as they arrived."""

    def __init__(self, s3: S3Client, bucket: str) -> None:
        self._bucket = _Bucket(s3, bucket)

    def get_raw(self, key: str) -> bytes:
        return self._bucket.get(key)

    def put_raw(self, key: str, data: bytes, content_type: str) -> None:
        self._bucket.put(key, data, content_type)

    def mark_rejected(self, key: str) -> None:
        self._bucket.tag(key, {REJECTED_TAG_KEY: REJECTED_TAG_VALUE})


class S3StoryStore:
    """The stories bucket: ``stories/<id>/v<n>/{story.json, findings.json, photos.json, media/<name>}``."""

    def __init__(self, s3: S3Client, bucket: str) -> None:
        self._bucket = _Bucket(s3, bucket)

    def put_media(self, story_id: str, number: int, name: str, data: bytes, content_type: str) -> str:
        """Store one image and return its key relative to the version's folder (``media/<name>``)."""
        self._bucket.put(media_key(story_id, number, name), data, content_type)
        return media_name(name)

    def get_media(self, story_id: str, number: int, name: str) -> bytes:
        return self._bucket.get(media_key(story_id, number, name))

    def put_version(self, version: Version) -> None:
        self._bucket.put(version_key(version.story_id, version.number), version_body(version), JSON_TYPE)

    def get_version(self, story_id: str, number: int) -> Version:
        return Version.from_dict(json.loads(self._bucket.get(version_key(story_id, number))))

    def _json_or_none(self, key: str) -> Any:
        """The JSON object at ``key``, or None when nothing was written there yet."""
        try:
            return json.loads(self._bucket.get(key))
        except NotFound:
            return None

    def put_findings(self, story_id: str, number: int, verdict: Verdict) -> None:
        self._bucket.put(findings_key(story_id, number), findings_body(verdict), JSON_TYPE)

    def get_findings(self, story_id: str, number: int) -> Verdict | None:
        found = self._json_or_none(findings_key(story_id, number))
        return None if found is None else Verdict.from_dict(found)

    def put_inspection(self, story_id: str, number: int, inspection: Inspection) -> None:
        self._bucket.put(inspection_key(story_id, number), inspection_body(inspection), JSON_TYPE)

    def get_inspection(self, story_id: str, number: int) -> Inspection | None:
        found = self._json_or_none(inspection_key(story_id, number))
        return None if found is None else Inspection.from_dict(found)
