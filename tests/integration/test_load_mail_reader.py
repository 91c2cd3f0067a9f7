"""The load bench's header-only reading of sent mail agrees with the dev console's full parse."""

from __future__ import annotations

import base64

import pytest

from bench.stack import sent_headers, sent_in_full
from chalicelib.adapters.ports import OutgoingEmail
from chalicelib.adapters.ses import build_mime
from local.mailbox import parse_raw

SUBJECTS = [
    "Approval needed: Load abcdef 12",
    "Confirm the story you sent",
    "We have your story: " + "a long title that goes on " * 6,  # folded over several lines
    "Approval needed: Café on the high street — reopened",  # encoded words
]


@pytest.mark.parametrize("subject", SUBJECTS)
def test_subject_and_recipients_from_the_header_block_match_the_full_parse(subject: str) -> None:
    raw = build_mime(
        OutgoingEmail(
            to=("sam.patel+7@example.gov.uk", "comms@example.gov.uk"),
            subject=subject,
            text="Open http://127.0.0.1:8000/c/abc to confirm.",
            html="<p>Open the link</p>",
            sender="stories@example.gov.uk",
            sender_name="Real Stories",
        )
    ).as_bytes()
    entry = {"id": "m1", "raw_b64": base64.b64encode(raw).decode()}
    full = parse_raw("m1", raw)
    light = sent_headers(entry)
    assert (light["subject"], light["to"]) == (full.subject, full.to)
    assert sent_in_full(entry) == full.to_dict()


def test_a_simple_send_is_read_from_its_fields() -> None:
    entry = {"id": "m2", "to": ["a@example.gov.uk"], "source": "s@example.gov.uk"}
    entry.update(subject="Hi", body="x")
    assert sent_headers(entry)["subject"] == "Hi"
    assert sent_in_full(entry)["to"] == ["a@example.gov.uk"]
