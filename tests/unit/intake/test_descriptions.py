"""A photo's description written in the email is given to the photo when it clearly belongs to it."""

from __future__ import annotations

from chalicelib.domain.story import MediaItem
from chalicelib.intake.descriptions import photo_descriptions


def photos(*alts: str) -> tuple[MediaItem, ...]:
    return tuple(MediaItem(b"x", "image/jpeg", alt, f"p{n}.jpg") for n, alt in enumerate(alts, start=1))


def test_a_photo_line_describes_the_only_photo_and_leaves_the_story() -> None:
    text, images = photo_descriptions(
        "We cleared the canal path today.\n\nPhoto: the crew with the litter they pulled out", photos("")
    )
    assert text == "We cleared the canal path today."
    assert images[0].alt == "the crew with the litter they pulled out"


def test_numbered_lines_describe_their_photos_in_welsh_or_english() -> None:
    text, images = photo_descriptions(
        "Story.\nPicture 2 - the new benches\nLlun 1: y criw wrth y gamlas", photos("", "")
    )
    assert text == "Story."
    assert [i.alt for i in images] == ["y criw wrth y gamlas", "the new benches"]


def test_an_unnumbered_line_with_two_undescribed_photos_is_left_in_the_story() -> None:
    text, images = photo_descriptions("Story.\nPhoto: the crew", photos("", ""))
    assert text == "Story.\nPhoto: the crew"
    assert [i.alt for i in images] == ["", ""]


def test_a_line_that_merely_starts_with_the_word_photo_is_not_a_description() -> None:
    text, images = photo_descriptions("Photographs were taken by Sam at the depot.", photos(""))
    assert text == "Photographs were taken by Sam at the depot."
    assert images[0].alt == ""


def test_no_photos_means_nothing_is_taken_from_the_text() -> None:
    assert photo_descriptions("Photo: the crew", ()) == ("Photo: the crew", ())


def test_the_organisations_own_disclaimer_is_taken_off_however_it_was_rewrapped() -> None:
    from chalicelib.intake.descriptions import without_disclaimers

    disclaimer = (
        "This email and any files transmitted with it are confidential and intended solely for the use "
        "of Example Borough Council."
    )
    text = (
        "We cleared the canal path today.\n\nThis e-mail is nothing special.\n\n"
        "This email and any files\ntransmitted with it are CONFIDENTIAL and intended solely for the use of "
        "Example Borough Council. If you are not the intended recipient…"
    )
    assert without_disclaimers(text, [disclaimer]) == (
        "We cleared the canal path today.\n\nThis e-mail is nothing special."
    )
    assert without_disclaimers("We cleared the canal path today.", [disclaimer]) == (
        "We cleared the canal path today."
    )
