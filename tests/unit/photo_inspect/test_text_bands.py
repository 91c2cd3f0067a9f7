"""The text detector reads a photo in bands to bound its memory: no line lost or doubled at an edge."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from chalicelib.inspect.embedded import BAND, OVERLAP, EmbeddedInspector, _distinct
from chalicelib.inspect.findings import judge
from chalicelib.policy.rules import OrgRules
from local.images.evaluate import overlaps
from local.images.make import Sample, _text

WIDTH, HEIGHT = 1280, 960  # the working copy's size: a 4:3 photo is read at exactly this size
STEP = BAND - OVERLAP


def _phones(inspector: EmbeddedInspector, rules: OrgRules, image: Image.Image) -> list[tuple[str, object]]:
    verdict = judge(inspector.inspect(Sample("bands", "text", image).jpeg()), rules)
    return [(f.text, f.box) for f in verdict.findings if f.underlying == "PII-PHONE"]


@pytest.mark.parametrize(
    "top",
    [
        BAND - 20,  # over the first band's lower edge: whole only in the second band
        STEP - 10,  # over the second band's upper edge: whole only in the first band
        STEP + 40,  # inside the overlap: whole in both bands, reported once
    ],
    ids=["across-a-lower-edge", "across-an-upper-edge", "inside-the-overlap"],
)
def test_a_line_at_a_band_edge_is_found_exactly_once(
    top: int, inspector: EmbeddedInspector, rules: OrgRules
) -> None:
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    planted = _text(ImageDraw.Draw(image), (300, top), "Ring 07911 123456", 40)
    found = _phones(inspector, rules, image)
    assert len(found) == 1, found
    text, box = found[0]
    assert "07911" in str(text)
    assert box and overlaps(box, planted, 0.8)  # type: ignore[arg-type]


def test_lettering_taller_than_the_overlap_is_found_on_the_half_size_pass(
    inspector: EmbeddedInspector, rules: OrgRules
) -> None:
    # Condensed lettering, as on a van's side: 240 px tall, from above the second band's top to below the
    # first band's bottom, so no band sees more than half of it.
    sign = Image.new("RGB", (2200, 400), "white")
    ink = _text(ImageDraw.Draw(sign), (0, 0), "07911 123456", 330)
    sign = sign.crop((ink[0], ink[1], ink[0] + ink[2], ink[1] + ink[3])).resize((1200, 240))
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    image.paste(sign, (40, STEP - 60))
    planted = (40, STEP - 60, 1200, 240)
    assert planted[1] < STEP and planted[1] + planted[3] > BAND
    found = _phones(inspector, rules, image)
    assert len(found) == 1, found
    assert found[0][1] and overlaps(found[0][1], planted, 0.8)  # type: ignore[arg-type]


def _quad(x: float, y: float, w: float, h: float) -> np.ndarray:
    return np.array([[x, y], [x + w, y], [x + w, y + h], [x, y + h]], dtype=np.float32)


def test_of_two_boxes_over_one_line_the_larger_is_kept_and_separate_lines_stay() -> None:
    whole, part, other = _quad(10, 10, 300, 40), _quad(12, 12, 150, 36), _quad(10, 200, 300, 40)
    kept = _distinct([part, other, whole])
    assert [q.tolist() for q in kept] == [whole.tolist(), other.tolist()]
