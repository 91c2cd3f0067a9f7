"""The fakes' own helpers (what tests read back from them), which the contract suite does not cover."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from chalicelib.adapters.ports import OutgoingEmail
from chalicelib.domain.errors import ConfigError
from local.memory import MemoryMailer, MemoryQueues, MemoryRawStore, MemoryS3, MemoryStoryStore


def test_memory_queues_record_bodies_per_queue_and_drain_forgets_them() -> None:
    queues = MemoryQueues()
    queues.send("notify", {"kind": "receipt"})
    queues.send("publish", {"story_id": "s-1"}, delay_s=60)
    queues.send("notify", {"kind": "confirm"})
    assert queues.bodies("notify") == [{"kind": "receipt"}, {"kind": "confirm"}]
    assert [m.delay_s for m in queues.messages] == [0, 60, 0]
    assert queues.drain("notify") == [{"kind": "receipt"}, {"kind": "confirm"}]
    assert queues.bodies("notify") == []
    assert queues.bodies("publish") == [{"story_id": "s-1"}]


def test_memory_queues_keep_a_copy_so_later_changes_to_the_body_do_not_leak_in() -> None:
    queues = MemoryQueues()
    body = {"ids": [1]}
    queues.send("checks", body)
    body["ids"].append(2)
    assert queues.bodies("checks") == [{"ids": [1]}]


def test_memory_queues_know_only_the_given_queue_keys() -> None:
    queues = MemoryQueues(known=["only"])
    queues.send("only", {})
    with pytest.raises(ConfigError):
        queues.send("publish", {})


def test_memory_mailer_finds_a_sent_email_by_its_id() -> None:
    mailer = MemoryMailer()
    first = OutgoingEmail(to=("a@example.gov.uk",), subject="one", text="1", sender="s@example.gov.uk")
    second = OutgoingEmail(to=("b@example.gov.uk",), subject="two", text="2", sender="s@example.gov.uk")
    ids = [mailer.send(first), mailer.send(second)]
    assert len(set(ids)) == 2
    assert mailer.by_id(ids[1]) == second
    assert mailer.sent == [first, second]


def test_memory_stores_keep_the_s3_key_layout_and_content_type() -> None:
    stories = MemoryStoryStore()
    stories.put_media("s-1", 2, "1-a.png", b"png", "image/png")
    assert stories.objects == {"stories/s-1/v2/media/1-a.png": (b"png", "image/png")}
    raw = MemoryRawStore()
    raw.put_raw("raw/form/x.json", b"{}", "application/json")
    assert raw.objects["raw/form/x.json"] == (b"{}", "application/json")


def test_memory_s3_answers_the_calls_the_static_blog_makes() -> None:
    s3 = MemoryS3()
    s3.put_object(Bucket="b", Key="stories/s-1/index.html", Body=b"<p>1</p>", ContentType="text/html")
    s3.put_object(Bucket="b", Key="stories/s-1/entry.json", Body=b"{}", ContentType="application/json")
    s3.put_object(Bucket="b", Key="index.html", Body=b"<p>all</p>", ContentType="text/html")
    assert s3.get_object(Bucket="b", Key="index.html")["Body"].read() == b"<p>all</p>"
    pages = s3.get_paginator("list_objects_v2").paginate(Bucket="b", Prefix="stories/s-1/")
    assert [o["Key"] for page in pages for o in page.get("Contents", [])] == [
        "stories/s-1/entry.json",
        "stories/s-1/index.html",
    ]
    s3.delete_objects(Bucket="b", Delete={"Objects": [{"Key": "stories/s-1/entry.json"}], "Quiet": True})
    assert sorted(s3.objects) == ["index.html", "stories/s-1/index.html"]
    # As in S3: a prefix that matches nothing gives a page without Contents, a missing key NoSuchKey.
    assert s3.get_paginator("list_objects_v2").paginate(Bucket="b", Prefix="nothing/") == [{}]
    with pytest.raises(ClientError, match="NoSuchKey"):
        s3.get_object(Bucket="b", Key="stories/s-1/entry.json")
