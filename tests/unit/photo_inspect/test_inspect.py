"""The photo inspector on made photos: faces, a planted phone number, a plate, a plain scene."""

from __future__ import annotations

import random

from PIL import ImageDraw

from chalicelib.inspect.embedded import EmbeddedInspector
from chalicelib.inspect.findings import judge
from chalicelib.policy.rules import OrgRules
from local.images.evaluate import face_matches, overlaps
from local.images.make import Sample, _plates, _scene, _text, faces


def _verdict(sample: Sample, inspector: EmbeddedInspector, rules: OrgRules):  # type: ignore[no-untyped-def]
    return judge(inspector.inspect(sample.jpeg()), rules)


def test_the_astronauts_face_is_found_and_is_a_warning(inspector: EmbeddedInspector, rules: OrgRules) -> None:
    astronaut = next(faces(random.Random(1)))
    verdict = _verdict(astronaut, inspector, rules)
    assert verdict.faces == 1
    face = next(f for f in verdict.findings if f.check == "IMG-FACE")
    assert face.severity == "WARN"
    assert face.box and face_matches(face.box, astronaut.faces[0])
    assert face.reason.startswith("1 face: confirm the people pictured agreed")


def test_rules_can_make_a_face_block(inspector: EmbeddedInspector, rules: OrgRules) -> None:
    strict = rules.model_copy(
        update={"checks": rules.checks.model_copy(update={"severities": {"IMG-FACE": "BLOCK"}})}
    )
    verdict = _verdict(next(faces(random.Random(1))), inspector, strict)
    assert verdict.decision == "BLOCK"


def test_a_planted_mobile_number_is_a_phone_finding_with_a_box_over_it(
    inspector: EmbeddedInspector, rules: OrgRules
) -> None:
    scene = _scene("coffee")
    box = _text(ImageDraw.Draw(scene), (200, 500), "Call me on 07911 123456", 64, "white")
    verdict = _verdict(Sample("phone", "text", scene), inspector, rules)
    phone = [f for f in verdict.findings if f.check == "IMG-TEXT" and f.underlying == "PII-PHONE"]
    assert phone, verdict.to_dict()
    assert phone[0].box and overlaps(phone[0].box, box, 0.8)
    assert "07911" in phone[0].text
    assert verdict.decision == "BLOCK"


def test_a_number_plate_is_a_plate_finding(inspector: EmbeddedInspector, rules: OrgRules) -> None:
    scene = _scene("rocket")
    planted = _plates(scene, random.Random(3))
    verdict = _verdict(Sample("plate", "text", scene, [], planted), inspector, rules)
    plates = [f for f in verdict.findings if f.check == "IMG-PLATE"]
    assert len(plates) == 1
    assert plates[0].severity == "WARN"
    assert plates[0].box and overlaps(plates[0].box, planted[0].box, 0.8)


def test_a_plain_scene_gives_nothing(inspector: EmbeddedInspector, rules: OrgRules) -> None:
    verdict = _verdict(Sample("plain", "plain", _scene("chelsea")), inspector, rules)
    assert verdict.to_dict() == {"decision": "PASS", "findings": [], "faces": 0}
