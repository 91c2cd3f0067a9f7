"""Records to and from plain dicts: what the S3 objects and the DynamoDB items hold."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from chalicelib.domain.findings import Finding, Severity, Verdict
from chalicelib.domain.plain import from_plain, plain_value, to_plain
from chalicelib.domain.states import State
from chalicelib.domain.story import AuditEvent, Image, Post, StoryRecord, Version

AT = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)


def test_a_version_round_trips_with_its_images_and_content_hash() -> None:
    version = Version(
        "s-1",
        2,
        "Title",
        "Text",
        "a@example.gov.uk",
        "email",
        AT,
        (Image("media/1.jpg", "image/jpeg", "ab", alt="A cat"),),
    )
    plain = version.to_dict()
    assert plain["created_at"] == AT.isoformat()
    assert plain["images"] == [
        {
            "key": "media/1.jpg",
            "content_type": "image/jpeg",
            "sha256": "ab",
            "alt": "A cat",
            "shows_child": False,
            "consent": False,
        }
    ]
    assert plain["content_hash"] == version.content_hash
    assert Version.from_dict(plain) == version


def test_a_finding_about_the_text_has_no_image_key_and_reads_back() -> None:
    verdict = Verdict(
        (
            Finding("PII-NAME", Severity.BLOCK, 0, 4, "a name"),
            Finding("A11Y-ALT", Severity.WARN, 0, 0, "alt", image=0),
        )
    )
    plain = verdict.to_dict()
    assert plain["decision"] == "block"
    assert plain["findings"][0] == {
        "check": "PII-NAME",
        "severity": "BLOCK",
        "start": 0,
        "end": 4,
        "reason": "a name",
    }
    assert plain["findings"][1]["image"] == 0
    assert Verdict.from_dict(plain) == verdict


def test_dynamodb_numbers_and_absent_optional_fields_read_as_their_types() -> None:
    record = StoryRecord(
        "s-1",
        State.PUBLISHED,
        3,
        "h",
        "a@example.gov.uk",
        "A",
        "T",
        "form",
        "raw/form/s-1.json",
        AT,
        AT,
        posts=(Post("x", 1, "99", "https://x.com/i/web/status/99"),),
        extra={"k": "v"},
    )
    item = to_plain(record, drop_none=True)
    assert "publish_at" not in item
    item["version"] = Decimal(3)
    item["posts"][0]["part"] = Decimal(1)
    assert from_plain(StoryRecord, item) == record


def test_a_missing_field_without_a_default_is_an_error_unless_given() -> None:
    event = AuditEvent("s-1", AT, "ingest", "receive", None, State.RECEIVED, 1, "h")
    plain = to_plain(event, drop_none=True)
    assert "from_state" not in plain
    del plain["content_hash"]
    with pytest.raises(KeyError, match="content_hash"):
        from_plain(AuditEvent, plain)
    assert from_plain(AuditEvent, plain, missing={"content_hash": ""}) == AuditEvent(
        "s-1", AT, "ingest", "receive", None, State.RECEIVED, 1, ""
    )


def test_a_single_value_is_made_plain_as_in_a_record() -> None:
    assert plain_value(State.APPROVED) == "APPROVED"
    assert plain_value(AT) == AT.isoformat()
    assert plain_value((Post("x", 1, "9", "u"),)) == [{"channel": "x", "part": 1, "post_id": "9", "url": "u"}]
