"""The blog's list of stories is updated, not rebuilt: a publish costs the same few requests however big
the blog is, and publishes racing each other all end up on the index (on moto's server and the fake)."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.adapters.blog import ENTRIES_KEY, StaticBlog
from chalicelib.domain.story import Version
from local.aws_resources import AwsClients, CreatedResources
from local.memory import MemoryS3

pytestmark = pytest.mark.integration
T0 = datetime(2026, 11, 1, 9, tzinfo=UTC)


def _version(n: int) -> Version:
    return Version(f"s-{n}", 1, f"Story {n}", f"What happened on day {n}.", "a", "email", T0)


def _site(s3: object, bucket: str) -> StaticBlog:
    return StaticBlog(s3, bucket, base_url="https://blog.example.gov.uk/", title="Our stories", org="EBC")  # type: ignore[arg-type]


def test_a_publish_costs_the_same_requests_on_a_big_blog_as_on_a_small_one() -> None:
    s3 = MemoryS3()
    site = _site(s3, "blog")
    costs = []
    for n in range(1, 41):
        before = dict(s3.calls)
        site.publish(_version(n), published_at=T0 + timedelta(hours=n), media={})
        costs.append({k: v - before.get(k, 0) for k, v in s3.calls.items()})
    # The first publish finds no list and looks for pages; every later one reads and writes the list.
    assert all(c == costs[1] for c in costs[1:]), costs[1:5]
    assert costs[-1].get("list_objects_v2", 0) == 0
    # The page, the list, the index and the feed: the page carries its own entry for a rebuild.
    assert costs[-1]["get_object"] <= 2 and costs[-1]["put_object"] <= 4
    assert [e["id"] for e in json.loads(s3.objects[ENTRIES_KEY])][:2] == ["s-40", "s-39"]


def test_a_blog_from_before_the_list_gets_one_built_from_its_pages() -> None:
    s3 = MemoryS3()
    site = _site(s3, "blog")
    for n in (1, 2):
        site.publish(_version(n), published_at=T0 + timedelta(hours=n), media={})
    del s3.objects[ENTRIES_KEY]  # as a blog published before the list existed
    site.publish(_version(3), published_at=T0 + timedelta(hours=3), media={})
    assert [e["id"] for e in json.loads(s3.objects[ENTRIES_KEY])] == ["s-3", "s-2", "s-1"]


def test_racing_publishes_all_reach_the_list_and_the_index(
    aws_clients: AwsClients, created: CreatedResources
) -> None:
    bucket = created.resources.blog_bucket
    errors: list[BaseException] = []

    def publish(n: int) -> None:
        try:
            _site(aws_clients.s3, bucket).publish(_version(n), published_at=T0 + timedelta(hours=n), media={})
        except BaseException as e:
            errors.append(e)

    threads = [threading.Thread(target=publish, args=(n,)) for n in range(100, 106)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    listed = json.loads(aws_clients.s3.get_object(Bucket=bucket, Key=ENTRIES_KEY)["Body"].read())
    assert {f"s-{n}" for n in range(100, 106)} <= {e["id"] for e in listed}
    index = aws_clients.s3.get_object(Bucket=bucket, Key="index.html")["Body"].read().decode()
    assert all(f"Story {n}" in index for n in range(100, 106))


def test_a_lost_list_is_rebuilt_from_the_pages_even_when_a_title_tries_to_end_the_data_block() -> None:
    s3 = MemoryS3()
    site = _site(s3, "blog")
    hostile = Version("s-9", 1, "</script><script>alert(1)</script>", "Day nine.", "a", "email", T0)
    site.publish(hostile, published_at=T0, media={})
    site.publish(_version(2), published_at=T0 + timedelta(hours=2), media={})
    page = s3.objects["stories/s-9/index.html"].decode()
    assert page.count("<script") == 1  # the data block only: the title cannot open another
    assert not any(k.endswith("/entry.json") for k in s3.objects)
    del s3.objects[ENTRIES_KEY]
    site.rebuild_index()
    listed = json.loads(s3.objects[ENTRIES_KEY])
    assert [(e["id"], e["title"]) for e in listed] == [
        ("s-2", "Story 2"),
        ("s-9", "</script><script>alert(1)</script>"),
    ]


def test_a_page_from_before_the_entry_moved_into_it_is_still_listed_from_its_entry_file() -> None:
    s3 = MemoryS3()
    site = _site(s3, "blog")
    old = {"id": "s-1", "title": "Old story", "summary": "Old.", "published_at": T0.isoformat()}
    s3.objects["stories/s-1/index.html"] = b"<html><body><h1>Old story</h1></body></html>"
    s3.objects["stories/s-1/entry.json"] = json.dumps(old).encode()
    site.publish(_version(2), published_at=T0 + timedelta(hours=2), media={})
    assert [e["id"] for e in json.loads(s3.objects[ENTRIES_KEY])] == ["s-2", "s-1"]
