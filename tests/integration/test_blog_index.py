"""The blog's list of stories (its index page) is updated, not rebuilt: a publish costs the same few
requests however big the blog is, and publishes racing each other all end up on the index (on moto's
server and the fake)."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.adapters.blog import INDEX_KEY, StaticBlog, listed_entries
from chalicelib.domain.story import Version
from local.aws_resources import AwsClients, CreatedResources
from local.memory import MemoryS3

pytestmark = pytest.mark.integration
T0 = datetime(2026, 11, 1, 9, tzinfo=UTC)


def _version(n: int) -> Version:
    return Version(f"s-{n}", 1, f"Story {n}", f"What happened on day {n}.", "a", "email", T0)


def _listed(page: bytes) -> list[str]:
    entries = listed_entries(page.decode())
    assert entries is not None
    return [e["id"] for e in entries]


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
    # The story's page, the index page (which is the list) and the feed.
    assert costs[-1]["get_object"] <= 2 and costs[-1]["put_object"] <= 3
    assert _listed(s3.objects[INDEX_KEY])[:2] == ["s-40", "s-39"]


def test_an_index_page_that_is_not_the_list_is_rebuilt_from_the_story_pages() -> None:
    s3 = MemoryS3()
    site = _site(s3, "blog")
    for n in (1, 2):
        site.publish(_version(n), published_at=T0 + timedelta(hours=n), media={})
    # As a blog whose index was written before it carried the list, or was edited by hand.
    s3.objects[INDEX_KEY] = b"<html><body><h1>Our stories</h1><ul><li>Story 1</li></ul></body></html>"
    site.publish(_version(3), published_at=T0 + timedelta(hours=3), media={})
    assert _listed(s3.objects[INDEX_KEY]) == ["s-3", "s-2", "s-1"]


def test_the_index_page_gives_back_exactly_the_entries_it_shows() -> None:
    s3 = MemoryS3()
    site = _site(s3, "blog")
    odd = Version(
        "s-7", 1, 'Fish & chips, "Tom\'s" <b>café</b>', "Café & bar – 5 < 6 > 4 ‘ok’.", "a", "email", T0
    )
    site.publish(odd, published_at=T0, media={})
    entries = listed_entries(s3.objects[INDEX_KEY].decode())
    assert entries == [
        {
            "id": "s-7",
            "title": 'Fish & chips, "Tom\'s" <b>café</b>',
            "summary": "Café & bar – 5 < 6 > 4 ‘ok’.",
            "published_at": T0.isoformat(),
        }
    ]
    assert "<b>" not in s3.objects[INDEX_KEY].decode()  # shown as text, never as markup


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
    index = aws_clients.s3.get_object(Bucket=bucket, Key=INDEX_KEY)["Body"].read()
    assert {f"s-{n}" for n in range(100, 106)} <= set(_listed(index))
    assert all(f"Story {n}" in index.decode() for n in range(100, 106))
    feed = aws_clients.s3.get_object(Bucket=bucket, Key="feed.xml")["Body"].read().decode()
    assert all(f"Story {n}" in feed for n in range(100, 106))


def test_a_lost_list_is_rebuilt_from_the_story_pages_even_when_a_title_is_markup() -> None:
    s3 = MemoryS3()
    site = _site(s3, "blog")
    hostile = Version("s-9", 1, "</script><script>alert(1)</script>", "Day nine.", "a", "email", T0)
    site.publish(hostile, published_at=T0, media={})
    site.publish(_version(2), published_at=T0 + timedelta(hours=2), media={})
    page = s3.objects["stories/s-9/index.html"].decode()
    assert "<script" not in page  # the title is shown as text, and the entry is carried as markup
    assert not any(k.endswith("/entry.json") for k in s3.objects)
    del s3.objects[INDEX_KEY]
    site.rebuild_index()
    listed = listed_entries(s3.objects[INDEX_KEY].decode())
    assert listed is not None
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
    assert _listed(s3.objects[INDEX_KEY]) == ["s-2", "s-1"]
