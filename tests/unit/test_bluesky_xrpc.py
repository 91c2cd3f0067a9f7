"""The session glue the Bluesky adapter writes where atproto's Client did it: token expiry and the PDS."""

from __future__ import annotations

import base64
import json

from chalicelib.adapters.bluesky import _expiry, _pds_endpoint, _xrpc_base

DID = "did:plc:realstories"


def jwt(claims: dict[str, object]) -> str:
    def part(value: dict[str, object]) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()

    return f"{part({'alg': 'ES256K'})}.{part(claims)}.c2lnbmF0dXJl"


def test_a_token_expires_at_its_exp_claim() -> None:
    assert _expiry(jwt({"scope": "com.atproto.appPass", "exp": 1_900_000_000})) == 1_900_000_000


def test_a_token_that_cannot_be_read_is_never_refreshed_ahead() -> None:
    for token in ("", "not-a-jwt", "a.!!!.c", jwt({"scope": "x"}), jwt({"exp": "soon"})):
        assert _expiry(token) == float("inf"), token


def test_the_xrpc_base_is_taken_with_or_without_xrpc_as_the_client_took_it() -> None:
    assert _xrpc_base("https://bsky.social") == "https://bsky.social/xrpc/"
    assert _xrpc_base("https://bsky.social/") == "https://bsky.social/xrpc/"
    assert _xrpc_base("http://127.0.0.1:2583/xrpc") == "http://127.0.0.1:2583/xrpc/"


def test_the_pds_is_read_from_the_sessions_did_document() -> None:
    doc = {
        "id": DID,
        "service": [
            {"id": "#bsky_fg", "type": "BskyFeedGenerator", "serviceEndpoint": "https://feed.example"},
            {
                "id": f"{DID}#atproto_pds",
                "type": "AtprotoPersonalDataServer",
                "serviceEndpoint": "https://morel.us-east.host.bsky.network",
            },
        ],
    }

    assert _pds_endpoint(doc, DID) == "https://morel.us-east.host.bsky.network"


def test_no_pds_is_taken_from_a_missing_or_unusable_did_document() -> None:
    pds = {"id": "#atproto_pds", "type": "AtprotoPersonalDataServer"}
    for doc in (
        None,
        {},
        {"service": "nope"},
        {"service": [{**pds, "serviceEndpoint": "ftp://pds.example"}]},
        {"service": [{**pds, "serviceEndpoint": "https://"}]},
        {"service": [{**pds, "id": "#other", "serviceEndpoint": "https://pds.example"}]},
    ):
        assert _pds_endpoint(doc, DID) is None, doc
