"""Blurring what the inspection boxed: the region's detail is gone, the rest of the photo untouched, and the
inspector no longer finds what was blurred."""

from __future__ import annotations

import io
import random

from PIL import Image, ImageChops, ImageDraw

from chalicelib.domain.findings import Finding, Severity
from chalicelib.inspect.blur import blur_plan, blur_regions
from chalicelib.inspect.embedded import EmbeddedInspector
from chalicelib.inspect.findings import judge
from chalicelib.policy.rules import OrgRules
from local.images.make import _text, faces


def _png(im: Image.Image) -> bytes:
    buf = io.BytesIO()
    im.save(buf, "PNG")
    return buf.getvalue()


def test_only_the_boxed_region_changes_and_its_detail_is_gone() -> None:
    im = Image.new("RGB", (400, 300), "white")
    _text(ImageDraw.Draw(im), (50, 100), "07700 900417", 40)
    out, content_type = blur_regions(_png(im), [(50, 100, 260, 45)])
    assert content_type == "image/png"
    after = Image.open(io.BytesIO(out)).convert("RGB")
    diff = ImageChops.difference(im, after)
    left, top, right, bottom = diff.getbbox() or (0, 0, 0, 0)
    assert left >= 10 and top >= 85 and right <= 360 and bottom <= 160  # the box and its margin only
    # The text's sharp black-on-white edges are gone: no pixel in the region is near black any more.
    region = after.crop((50, 100, 310, 145)).convert("L")
    darkest, _ = region.getextrema()
    assert darkest > 60


def test_a_jpeg_stays_a_jpeg_and_a_box_outside_the_photo_is_ignored() -> None:
    buf = io.BytesIO()
    Image.new("RGB", (200, 100), (10, 200, 30)).save(buf, "JPEG")
    out, content_type = blur_regions(buf.getvalue(), [(500, 500, 40, 40)])
    assert content_type == "image/jpeg" and Image.open(io.BytesIO(out)).size == (200, 100)


def _finding(check: str, image: int, box: tuple[int, int, int, int] | None) -> Finding:
    return Finding(check, Severity.WARN, 0, 0, "…", image=image, box=box)


FINDINGS = (
    Finding("PII-NAME", Severity.BLOCK, 3, 9, "A name in the text."),
    _finding("IMG-FACE", 0, (1, 2, 3, 4)),
    _finding("IMG-FACE", 1, (5, 6, 7, 8)),
    _finding("IMG-TEXT", 0, (9, 9, 9, 9)),
    _finding("IMG-PLATE", 1, (4, 4, 4, 4)),
    _finding("IMG-UNREADABLE", 1, None),
)


def test_the_plan_names_what_was_blurred_for_the_audit_trail() -> None:
    assert blur_plan(FINDINGS, "faces") == (
        {0: [(1, 2, 3, 4)], 1: [(5, 6, 7, 8)]},
        "blurred 1 face in photo 1; 1 face in photo 2 (findings 2, 3)",
    )
    assert blur_plan(FINDINGS, "finding-3") == ({1: [(5, 6, 7, 8)]}, "blurred 1 face in photo 2 (finding 3)")
    assert blur_plan(FINDINGS, "plates")[1] == "blurred 1 number plate in photo 2 (finding 5)"
    assert blur_plan(FINDINGS, "text")[0] == {0: [(9, 9, 9, 9)]}
    for nothing in ("finding-1", "finding-6", "finding-99", "finding-x", "everything", ""):
        assert blur_plan(FINDINGS, nothing) == ({}, "")


def test_after_the_blur_the_inspector_finds_neither_the_face_nor_the_phone_number(
    inspector: EmbeddedInspector, rules: OrgRules
) -> None:
    photo = next(faces(random.Random(1))).image.copy()
    _text(ImageDraw.Draw(photo), (620, 1050), "Call Jo on 07700 900417", 48, "white")
    data = _png(photo)
    before = judge(inspector.inspect(data), rules)
    boxed = [f.box for f in before.findings if f.check in ("IMG-FACE", "IMG-TEXT") and f.box]
    assert {f.check for f in before.findings} >= {"IMG-FACE", "IMG-TEXT"}
    blurred, _ = blur_regions(data, boxed)
    after = judge(inspector.inspect(blurred), rules)
    assert [f.check for f in after.findings] == []
