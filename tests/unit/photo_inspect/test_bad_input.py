"""Photos nobody can read get one clear finding and never an exception."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from chalicelib.inspect.embedded import EmbeddedInspector
from chalicelib.inspect.findings import judge
from chalicelib.policy.rules import OrgRules


def _png(w: int, h: int) -> bytes:
    buf = io.BytesIO()
    Image.new("L", (w, h), 200).save(buf, "PNG", optimize=True)
    return buf.getvalue()


def _gif() -> bytes:
    frames = [Image.new("RGB", (64, 64), colour) for colour in ("red", "green", "blue")]
    buf = io.BytesIO()
    frames[0].save(buf, "GIF", save_all=True, append_images=frames[1:], duration=100)
    return buf.getvalue()


def _jpeg() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (400, 300), "white").save(buf, "JPEG")
    return buf.getvalue()


BAD = {
    "corrupt": (lambda: _jpeg()[:300], "damaged"),
    "random bytes": (lambda: b"\xff\xd8\xff" + bytes(range(256)) * 4, "not an image format"),
    "one pixel": (lambda: _png(1, 1), "only 1×1 pixels"),
    "30,000 px wide": (lambda: _png(30_000, 40), "30000×40 pixels, too large"),
    "animated gif": (_gif, "animated"),
    "a text file": (lambda: b"Dear all, the bins go out on Tuesday.\n", "not an image format"),
    "empty": (lambda: b"", "empty"),
}


@pytest.mark.parametrize("case", BAD)
def test_a_photo_that_cannot_be_read_gets_a_clear_finding(
    case: str, inspector: EmbeddedInspector, rules: OrgRules
) -> None:
    make, says = BAD[case]
    verdict = judge(inspector.inspect(make()), rules)
    [finding] = verdict.findings
    assert finding.check == "IMG-UNREADABLE"
    assert finding.reason.startswith("This photo could not be read: ")
    assert says in finding.reason
    assert verdict.decision == "BLOCK"
