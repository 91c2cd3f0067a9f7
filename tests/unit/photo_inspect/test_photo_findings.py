"""What the policy makes of what a photo shows, without the detectors: text read without its spaces,
and each finding put into words for the story's findings (which photo, where in it)."""

from __future__ import annotations

from chalicelib.inspect.findings import judge, photo_check, where
from chalicelib.inspect.model import Observations, TextRegion
from chalicelib.policy.rules import OrgRules


def test_a_mobile_number_read_without_spaces_after_a_word_is_still_found(rules: OrgRules) -> None:
    board = TextRegion("CallJo0n07700900417", (742, 774, 716, 54))
    verdict = judge(Observations(1600, 1200, texts=(board,)), rules)
    [phone] = [f for f in verdict.findings if f.underlying == "PII-PHONE"]
    assert phone.check == "IMG-TEXT" and phone.severity == "BLOCK" and phone.box == board.box
    assert phone.text == "07700900417"


def test_a_plate_read_without_its_space_is_not_split_by_the_phone_spacing(rules: OrgRules) -> None:
    verdict = judge(Observations(1600, 1200, texts=(TextRegion("AB12CDE", (100, 900, 200, 50)),)), rules)
    assert [f.check for f in verdict.findings] == ["IMG-PLATE"]


def test_each_finding_says_which_photo_and_where_in_it(rules: OrgRules) -> None:
    seen = Observations(
        1600,
        1200,
        faces=((100, 100, 150, 150),),
        texts=(TextRegion("Call Jo on 07700 900417", (1100, 1000, 400, 60)),),
    )
    check = photo_check(seen, judge(seen, rules), image=1)
    assert (check.image, check.width, check.height, check.faces) == (1, 1600, 1200, 1)
    face, text = check.findings
    assert face.image == text.image == 1 and face.box == (100, 100, 150, 150)
    assert face.reason.startswith("Photo 2, top left: 1 face: confirm")
    assert text.reason.startswith("Photo 2, bottom right, the text “07700 900417” (PII-PHONE): This looks")
    assert (face.start, face.end) == (0, 0)


def test_an_unreadable_photo_has_no_box_and_no_place() -> None:
    from chalicelib.policy.rules import parse_rules

    seen = Observations(unreadable="it is animated; send a still photo instead")
    [bad] = photo_check(seen, judge(seen, parse_rules("")), image=0).findings
    assert (
        bad.box is None
        and bad.reason == "Photo 1: This photo could not be read: it is animated; send a still photo instead."
    )


def test_places_are_named_by_thirds() -> None:
    assert where((0, 0, 10, 10), 300, 300) == "top left"
    assert where((140, 140, 20, 20), 300, 300) == "centre"
    assert where((290, 140, 10, 10), 300, 300) == "middle right"
    assert where((140, 290, 10, 10), 300, 300) == "bottom centre"
