"""One Bluesky contract, run against the fake PDS and atproto's real PDS, so the fake cannot drift.

Every test posts with the adapter (or speaks XRPC itself where the contract is the service's) and
reads the result back from the service over XRPC, never from the fake's own records.
"""

from __future__ import annotations

import io
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

import httpx
import pytest
from atproto_client.exceptions import RequestErrorBase
from PIL import Image

from chalicelib.adapters.bluesky import BlueskyChannel, BlueskyCredentials, Xrpc
from chalicelib.domain.errors import PublishError
from chalicelib.domain.story import MediaItem
from local.fakes.bluesky import FakeBluesky
from tests.integration.bluesky_pds import PdsNotInstalled, RealPds, running_pds

pytestmark = pytest.mark.integration

POST = "app.bsky.feed.post"


@pytest.fixture(scope="session")
def real_pds(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RealPds]:
    try:
        with running_pds(tmp_path_factory.mktemp("pds")) as pds:
            yield pds
    except PdsNotInstalled as e:
        pytest.skip(str(e))


@pytest.fixture(scope="session")
def fake_pds() -> Iterator[RealPds]:
    password = secrets.token_urlsafe(12)
    mentioned = "did:plc:realstoriesmentioned"
    with FakeBluesky("realstories.test", password, others={"mentioned.test": mentioned}) as fake:
        yield RealPds(
            service_url=fake.base_url,
            handle="realstories.test",
            did=fake.did,
            app_password=password,
            mention_handle="mentioned.test",
            mention_did=mentioned,
        )


@dataclass
class Service:
    """The PDS under test as the contract sees it: post through the adapter, read back over XRPC."""

    pds: RealPds

    def channel(self, xrpc: Xrpc | None = None) -> BlueskyChannel:
        creds = BlueskyCredentials(
            service_url=self.pds.service_url, handle=self.pds.handle, app_password=self.pds.app_password
        )
        if xrpc is None:
            return BlueskyChannel.from_credentials(creds, timeout_s=30)
        return BlueskyChannel(xrpc, creds)

    def xrpc(self) -> httpx.Client:
        return httpx.Client(base_url=self.pds.service_url + "/xrpc/", timeout=30)

    def record(self, uri: str) -> dict[str, Any]:
        did, collection, rkey = uri.removeprefix("at://").split("/")
        with self.xrpc() as http:
            answer = http.get(
                "com.atproto.repo.getRecord", params={"repo": did, "collection": collection, "rkey": rkey}
            )
        assert answer.status_code == 200, answer.text
        body: dict[str, Any] = answer.json()
        return body

    def post_count(self) -> int:
        with self.xrpc() as http:
            answer = http.get(
                "com.atproto.repo.listRecords",
                params={"repo": self.pds.did, "collection": POST, "limit": 100},
            )
        return len(answer.json()["records"])

    def login(self) -> dict[str, Any]:
        with self.xrpc() as http:
            answer = http.post(
                "com.atproto.server.createSession",
                json={"identifier": self.pds.handle, "password": self.pds.app_password},
            )
        assert answer.status_code == 200, answer.text
        body: dict[str, Any] = answer.json()
        return body


@pytest.fixture(params=["fake", "real"])
def service(request: pytest.FixtureRequest) -> Service:
    return Service(request.getfixturevalue(f"{request.param}_pds"))


def picture(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (240, 200, 0)).save(out, format="PNG")
    return out.getvalue()


def xrpc_error(caught: pytest.ExceptionInfo[PublishError]) -> tuple[int, str]:
    cause = caught.value.__cause__
    assert isinstance(cause, RequestErrorBase) and cause.response is not None
    return cause.response.status_code, str(getattr(cause.response.content, "error", None))


def untyped(value: Any) -> Any:
    """The record without ``$type`` keys, which the client may or may not write on nested objects."""
    if isinstance(value, dict):
        return {k: untyped(v) for k, v in value.items() if k != "$type"}
    if isinstance(value, list):
        return [untyped(v) for v in value]
    return value


def sliced(text: str, facet: dict[str, Any]) -> str:
    index = facet["index"]
    return text.encode("utf-8")[index["byteStart"] : index["byteEnd"]].decode("utf-8")


# -- what a post carries -------------------------------------------------------------------------


def test_a_post_with_two_images_carries_alt_text_and_aspect_ratios(service: Service) -> None:
    result = service.channel().post(
        "Fresh paint on the community centre.",
        media=[
            MediaItem(picture(30, 20), "image/png", "A yellow front door"),
            MediaItem(picture(9, 16), "image/png", "Volunteers holding paint rollers"),
        ],
    )

    images = service.record(result.post_id)["value"]["embed"]["images"]
    assert [i["alt"] for i in images] == ["A yellow front door", "Volunteers holding paint rollers"]
    assert [untyped(i["aspectRatio"]) for i in images] == [
        {"width": 30, "height": 20},
        {"width": 9, "height": 16},
    ]
    assert [i["image"]["mimeType"] for i in images] == ["image/png", "image/png"]


def test_a_thread_carries_root_and_parent_refs(service: Service) -> None:
    bluesky = service.channel()
    first = bluesky.post("1/3 Night shift at the call centre.")
    second = bluesky.post("2/3 Calls peak at ten.", reply_to=first.post_id)
    third = bluesky.post("3/3 Quiet by three.", reply_to=second.post_id)

    root, middle, last = (service.record(p.post_id) for p in (first, second, third))
    assert untyped(middle["value"]["reply"]) == {
        "root": {"uri": root["uri"], "cid": root["cid"]},
        "parent": {"uri": root["uri"], "cid": root["cid"]},
    }
    assert untyped(last["value"]["reply"]) == {
        "root": {"uri": root["uri"], "cid": root["cid"]},
        "parent": {"uri": middle["uri"], "cid": middle["cid"]},
    }


def test_links_hashtags_and_mentions_have_byte_offsets_in_multibyte_text(service: Service) -> None:
    mention = service.pds.mention_handle
    text = (
        f"Café ☕ with @{mention} 👍🏽 at https://example.gov/stories/42 — #Straße "
        "and @nobody-here.test, who has no account"
    )

    result = service.channel().post(text)

    facets = service.record(result.post_id)["value"]["facets"]
    found = {(f["features"][0]["$type"], sliced(text, f)): f["features"][0] for f in facets}
    assert found == {
        ("app.bsky.richtext.facet#mention", f"@{mention}"): {
            "$type": "app.bsky.richtext.facet#mention",
            "did": service.pds.mention_did,
        },
        ("app.bsky.richtext.facet#link", "https://example.gov/stories/42"): {
            "$type": "app.bsky.richtext.facet#link",
            "uri": "https://example.gov/stories/42",
        },
        ("app.bsky.richtext.facet#tag", "#Straße"): {"$type": "app.bsky.richtext.facet#tag", "tag": "Straße"},
    }


# -- what the service refuses ------------------------------------------------------------------


def test_301_graphemes_are_refused_as_an_invalid_request(service: Service) -> None:
    before = service.post_count()

    with pytest.raises(PublishError) as caught:
        service.channel().post("a" * 301)

    assert not caught.value.retryable
    assert "maximum 300" in caught.value.reason
    assert xrpc_error(caught) == (400, "InvalidRequest")
    assert service.post_count() == before


def test_an_image_blob_over_two_million_bytes_is_refused_as_an_invalid_request(service: Service) -> None:
    big = picture(8, 8)
    big += b"\0" * (2_000_001 - len(big))

    with pytest.raises(PublishError) as caught:
        service.channel().post("big", media=[MediaItem(big, "image/png", "A large picture")])

    assert not caught.value.retryable
    assert "blob too big (maximum 2000000" in caught.value.reason
    assert xrpc_error(caught) == (400, "InvalidRequest")


def test_an_upload_over_5_mib_is_refused_with_413(service: Service) -> None:
    huge = picture(8, 8)
    huge += b"\0" * (5 * 1024 * 1024 + 1 - len(huge))

    with pytest.raises(PublishError) as caught:
        service.channel().post("huge", media=[MediaItem(huge, "image/png", "A huge picture")])

    assert not caught.value.retryable
    assert xrpc_error(caught)[0] == 413


def test_the_service_takes_an_empty_alt_but_the_adapter_sends_nothing_without_one(service: Service) -> None:
    session = service.login()
    auth = {"Authorization": f"Bearer {session['accessJwt']}"}
    with service.xrpc() as http:
        blob = http.post(
            "com.atproto.repo.uploadBlob",
            content=picture(8, 8),
            headers={**auth, "Content-Type": "image/png"},
        ).json()["blob"]
        record = {
            "$type": POST,
            "text": "no alt",
            "createdAt": "2025-01-01T00:00:00.000Z",
            "embed": {"$type": "app.bsky.embed.images", "images": [{"alt": "", "image": blob}]},
        }
        taken = http.post(
            "com.atproto.repo.createRecord",
            json={"repo": session["did"], "collection": POST, "record": record},
            headers=auth,
        )
    assert taken.status_code == 200, taken.text
    before = service.post_count()

    with pytest.raises(PublishError) as caught:
        service.channel().post("no alt", media=[MediaItem(picture(8, 8), "image/png", " ")])

    assert not caught.value.retryable
    assert caught.value.__cause__ is None
    assert service.post_count() == before


# -- sessions ----------------------------------------------------------------------------------


def test_a_token_the_service_cannot_verify_leads_to_a_fresh_login_and_one_post(service: Service) -> None:
    xrpc = Xrpc(service.pds.service_url)
    bluesky = service.channel(xrpc)
    bluesky.post("before")
    assert xrpc.session is not None
    access = xrpc.session.access_jwt
    forged = access[:-8] + ("A" * 8 if not access.endswith("A" * 8) else "B" * 8)
    xrpc.session = replace(xrpc.session, access_jwt=forged)  # as a rotated key would
    before = service.post_count()

    result = bluesky.post("after")

    assert service.post_count() == before + 1
    assert service.record(result.post_id)["value"]["text"] == "after"
    # The forged token was replaced by a fresh login's. (Not necessarily different from the first token:
    # a login in the same second as the first gets the very same claims, so the very same JWT.)
    assert xrpc.session is not None
    assert xrpc.session.access_jwt != forged


def test_a_refresh_token_may_be_used_twice(service: Service) -> None:
    refresh = service.login()["refreshJwt"]

    with service.xrpc() as http:
        answers = [
            http.post("com.atproto.server.refreshSession", headers={"Authorization": f"Bearer {refresh}"})
            for _ in range(2)
        ]

    assert [a.status_code for a in answers] == [200, 200]
    assert all(a.json()["accessJwt"] for a in answers)


def test_a_reply_to_a_post_the_service_has_never_seen_is_accepted(service: Service) -> None:
    session = service.login()
    elsewhere = {
        "uri": "at://did:plc:somebodyelsewhere/app.bsky.feed.post/3kabcdefghij2",
        "cid": "bafyreie5737gdxlw5i64vzichcalba3z2v5n6icifvx5xytvske7mr3hpm",
    }
    record = {
        "$type": POST,
        "text": "a reply",
        "createdAt": "2025-01-01T00:00:00.000Z",
        "reply": {"root": elsewhere, "parent": elsewhere},
    }

    with service.xrpc() as http:
        answer = http.post(
            "com.atproto.repo.createRecord",
            json={"repo": session["did"], "collection": POST, "record": record},
            headers={"Authorization": f"Bearer {session['accessJwt']}"},
        )

    assert answer.status_code == 200, answer.text


# -- takedown ----------------------------------------------------------------------------------


def test_a_taken_down_post_is_gone_and_taking_it_down_again_is_harmless(service: Service) -> None:
    bluesky = service.channel()
    result = bluesky.post("Withdrawn story")

    bluesky.delete(result.post_id)
    bluesky.delete(result.post_id)

    did, collection, rkey = result.post_id.removeprefix("at://").split("/")
    with service.xrpc() as http:
        answer = http.get(
            "com.atproto.repo.getRecord", params={"repo": did, "collection": collection, "rkey": rkey}
        )
    assert (answer.status_code, answer.json()["error"]) == (400, "RecordNotFound")


def test_a_reply_to_a_taken_down_post_is_refused_for_good(service: Service) -> None:
    first = service.channel().post("gone soon")
    service.channel().delete(first.post_id)

    with pytest.raises(PublishError) as caught:
        service.channel().post("reply", reply_to=first.post_id)  # a new container reads the parent back

    assert not caught.value.retryable
    assert xrpc_error(caught) == (400, "RecordNotFound")
