"""The static blog in S3 on moto's server: pages, media, index, Atom feed, escaping and unpublishing."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime

import pytest

from chalicelib.adapters.blog import StaticBlog
from chalicelib.domain.story import Image, Version
from local.aws_resources import AwsClients, CreatedResources

pytestmark = pytest.mark.integration
ATOM = "{http://www.w3.org/2005/Atom}"


def body(clients: AwsClients, bucket: str, key: str) -> str:
    return clients.s3.get_object(Bucket=bucket, Key=key)["Body"].read().decode()


def test_a_story_gets_a_page_an_index_entry_and_a_feed_entry_and_can_be_removed(
    aws_clients: AwsClients, created: CreatedResources
) -> None:
    bucket = created.resources.blog_bucket
    site = StaticBlog(
        aws_clients.s3, bucket, base_url="https://blog.example.gov.uk/", title="Our stories", org="EBC"
    )
    img = Image(key="media/1-depot.jpg", content_type="image/jpeg", sha256="x", alt="The new depot at dawn")
    first = Version("s-1", 1, "New depot <opens>", "It opens <script>alert(1)</script> today.", "a", "email",
                    datetime(2026, 11, 1, tzinfo=UTC), images=(img,))  # fmt: skip
    second = Version("s-2", 1, "Library hours", "Longer hours from Monday.", "a", "email",
                     datetime(2026, 11, 2, tzinfo=UTC))  # fmt: skip
    result = site.publish(first, published_at=datetime(2026, 11, 1, 9, tzinfo=UTC), media={img.key: b"jpeg"})
    site.publish(second, published_at=datetime(2026, 11, 2, 9, tzinfo=UTC), media={})
    assert result.url == "https://blog.example.gov.uk/stories/s-1/"
    page = body(aws_clients, bucket, "stories/s-1/index.html")
    assert "<script>" not in page and "&lt;script&gt;" in page and "&lt;opens&gt;" in page
    assert 'alt="The new depot at dawn"' in page
    assert body(aws_clients, bucket, "stories/s-1/1-depot.jpg") == "jpeg"
    index = body(aws_clients, bucket, "index.html")
    assert index.index("Library hours") < index.index("New depot")  # newest first
    feed = ET.fromstring(body(aws_clients, bucket, "feed.xml"))
    assert [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")] == [
        "Library hours",
        "New depot <opens>",
    ]

    site.unpublish("s-1")
    keys = [o["Key"] for o in aws_clients.s3.list_objects_v2(Bucket=bucket).get("Contents", [])]
    assert not [k for k in keys if k.startswith("stories/s-1/")]
    assert "New depot" not in body(aws_clients, bucket, "index.html")
    assert len(ET.fromstring(body(aws_clients, bucket, "feed.xml")).findall(f"{ATOM}entry")) == 1
    site.unpublish("s-1")  # again: nothing left to do, no error
