"""Queue messages are parsed once at the boundary; anything unexpected is a BadMessage, not a crash."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chalicelib.domain.errors import BadMessage
from chalicelib.services.messages import StoryRef, check_refs, notice, s3_objects

EVENTS = Path(__file__).resolve().parents[1] / "events"


def s3_event(key: str, bucket: str = "b") -> str:
    """S3's notification as S3 writes it (every field), naming ``key`` in ``bucket``."""
    event = json.loads((EVENTS / "s3_object_created.json").read_text())
    event["Records"][0]["s3"]["bucket"]["name"] = bucket
    event["Records"][0]["s3"]["object"]["key"] = key
    return json.dumps(event)


def test_s3_test_events_are_skipped() -> None:
    assert s3_objects(json.dumps({"Event": "s3:TestEvent", "Bucket": "b"})) == []


def test_s3_keys_are_url_decoded() -> None:
    assert s3_objects(s3_event("raw/email/a+b%2Bc"))[0].key == "raw/email/a b+c"


def test_story_json_events_become_story_refs() -> None:
    assert check_refs(s3_event("stories/abc/v2/story.json")) == [StoryRef("abc", 2)]
    assert check_refs(s3_event("stories/abc/v2/media/1-a.jpg")) == []


def test_direct_check_messages_are_understood() -> None:
    assert check_refs(json.dumps({"story_id": "abc", "version": 3})) == [StoryRef("abc", 3)]


@pytest.mark.parametrize("body", ["", "not json", "[]", '{"Records": [{}]}', '{"hello": 1}'])
def test_garbage_is_a_bad_message(body: str) -> None:
    with pytest.raises(BadMessage):
        check_refs(body) if body != "[]" else s3_objects(body)


def test_unknown_notice_kinds_are_bad_messages() -> None:
    with pytest.raises(BadMessage):
        notice(json.dumps({"kind": "party", "story_id": "a", "version": 1}))
