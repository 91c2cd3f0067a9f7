"""Signed links: only the links we sent verify, for their purpose, until they expire."""

from __future__ import annotations

import json

import pytest

from chalicelib.domain.errors import LinkError
from chalicelib.domain.links import LinkClaims, SigningKeys, check_form_token, form_token, sign, verify

KEYS = SigningKeys(current="k2", keys={"k2": b"b" * 40, "k1": b"a" * 40})
CLAIMS = LinkClaims("approve", "abc123", 2, "0123456789abcdef", "comms@example.gov.uk", 0, expires_at=2_000)


def test_a_signed_link_verifies_with_its_claims() -> None:
    assert verify(sign(CLAIMS, KEYS), KEYS, now=1_000, purpose="approve") == CLAIMS


def test_a_link_signed_with_the_old_key_still_verifies_after_rotation() -> None:
    old = SigningKeys(current="k1", keys={"k1": b"a" * 40})
    assert verify(sign(CLAIMS, old), KEYS, now=1_000, purpose="approve") == CLAIMS


def test_every_single_character_change_is_refused_as_tampered() -> None:
    token = sign(CLAIMS, KEYS)
    for i, ch in enumerate(token):
        for replacement in {"A", "B", "-", "_"} - {ch}:
            mutated = token[:i] + replacement + token[i + 1 :]
            with pytest.raises(LinkError):
                verify(mutated, KEYS, now=1_000, purpose="approve")


def test_claims_swapped_to_another_story_are_refused() -> None:
    _body, sig = sign(CLAIMS, KEYS).split(".")
    other = sign(
        LinkClaims("approve", "zzz999", 2, "0123456789abcdef", "comms@example.gov.uk", 0, 2_000), KEYS
    )
    with pytest.raises(LinkError) as e:
        verify(other.split(".")[0] + "." + sig, KEYS, now=1_000, purpose="approve")
    assert e.value.kind == "tampered"


def test_an_expired_link_says_so() -> None:
    with pytest.raises(LinkError) as e:
        verify(sign(CLAIMS, KEYS), KEYS, now=2_001, purpose="approve")
    assert e.value.kind == "expired"


def test_a_confirm_link_cannot_be_used_to_approve() -> None:
    confirm = LinkClaims("confirm", "abc123", 1, "0123456789abcdef", "alex@example.gov.uk", 0, 2_000)
    with pytest.raises(LinkError) as e:
        verify(sign(confirm, KEYS), KEYS, now=1_000, purpose="approve")
    assert e.value.kind == "wrong-kind"


def test_garbage_is_tampered_not_a_crash() -> None:
    for junk in ["", ".", "abc", "a.b.c", "%%%.%%%", "eyJ9.AAAA"]:
        with pytest.raises(LinkError):
            verify(junk, KEYS, now=1_000, purpose="approve")


def test_the_form_token_belongs_to_its_link() -> None:
    t1, t2 = sign(CLAIMS, KEYS), sign(LinkClaims("approve", "x", 1, "h", "a", 0, 2_000), KEYS)
    assert check_form_token(t1, form_token(t1, KEYS), KEYS)
    assert not check_form_token(t2, form_token(t1, KEYS), KEYS)
    assert not check_form_token(t1, "", KEYS)


def test_signing_keys_refuse_short_keys() -> None:
    with pytest.raises(ValueError, match="32"):
        SigningKeys.from_json(json.dumps({"current": "k1", "keys": {"k1": "short"}}))
