"""Web form: field errors for the page, and the stored JSON into a Submission."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from typing import Any

import pytest

from chalicelib.domain.errors import InvalidSubmission
from chalicelib.domain.story import Submission
from chalicelib.intake.form import FieldError, parse_form, validate_form_fields
from chalicelib.intake.images import exif_of
from chalicelib.intake.limits import IntakeLimits

from ._build import gps_exif, jpeg

LIMITS = IntakeLimits()
KEY = "raw/form/f-123.json"
STAFF = ("example.gov.uk",)


def stored(**changes: Any) -> bytes:
    doc: dict[str, Any] = {
        "id": "f-123",
        "received_at": "2025-01-16T10:30:00Z",
        "name": "Jane Smith",
        "email": "Jane.Smith@Example.gov.uk",
        "title": "Moving day",
        "story": "Today our team helped a family move into their new home.",
        "consent": True,
        "images": [],
    }
    doc.update(changes)
    return json.dumps(doc).encode()


def image_item(data: bytes, filename: str = "photo.jpg", alt: str = "A family with boxes") -> dict[str, str]:
    return {
        "filename": filename,
        "content_type": "image/jpeg",
        "data_b64": base64.b64encode(data).decode(),
        "alt": alt,
    }


def parse(raw: bytes, limits: IntakeLimits = LIMITS) -> Submission:
    return parse_form(raw, raw_key=KEY, limits=limits)


def refused(raw: bytes, limits: IntakeLimits = LIMITS) -> InvalidSubmission:
    with pytest.raises(InvalidSubmission) as info:
        parse(raw, limits)
    return info.value


def test_complete_form_becomes_a_submission() -> None:
    sub = parse(stored(images=[image_item(jpeg())]))
    assert sub.source == "form"
    assert sub.raw_key == KEY
    assert sub.sender == "jane.smith@example.gov.uk"
    assert (sub.sender_name, sub.title) == ("Jane Smith", "Moving day")
    assert sub.text.startswith("Today our team")
    assert sub.received_at == datetime(2025, 1, 16, 10, 30, tzinfo=UTC)
    assert [(i.filename, i.alt) for i in sub.images] == [("photo.jpg", "A family with boxes")]
    assert sub.notes == ()


@pytest.mark.parametrize("raw", [b"{not json", b"[]", b'"a string"', b"", b"\xff\xfe\x00"])
def test_invalid_json_is_malformed(raw: bytes) -> None:
    assert refused(raw).code == "malformed"


@pytest.mark.parametrize("field", ["id", "name", "email", "title", "story", "consent"])
def test_a_missing_field_is_malformed(field: str) -> None:
    doc = json.loads(stored())
    del doc[field]
    assert refused(json.dumps(doc).encode()).code == "malformed"


@pytest.mark.parametrize(
    ("field", "value"),
    [("story", 42), ("consent", "yes"), ("images", {"a": 1}), ("email", ["a@example.gov.uk"])],
)
def test_a_field_of_the_wrong_type_is_malformed(field: str, value: object) -> None:
    assert refused(stored(**{field: value})).code == "malformed"


def test_consent_not_given_is_malformed() -> None:
    err = refused(stored(consent=False))
    assert (err.code, err.reason) == ("malformed", "the consent box was not ticked")


def test_an_invalid_email_address_is_malformed() -> None:
    assert refused(stored(email="jane at example")).code == "malformed"


@pytest.mark.parametrize("story", ["", "   \n\t  ", "\x00\x01"])
def test_blank_story_is_empty(story: str) -> None:
    assert refused(stored(story=story)).code == "empty"


def test_story_over_the_limit_is_too_large() -> None:
    assert refused(stored(story="x" * 20_001)).code == "too-large"


def test_title_over_150_characters_is_too_large() -> None:
    assert refused(stored(title="t" * 151)).code == "too-large"


def test_form_object_over_the_byte_limit_is_too_large() -> None:
    assert refused(stored(), IntakeLimits(max_form_bytes=100)).code == "too-large"


def test_blank_title_is_taken_from_the_story() -> None:
    assert parse(stored(title=" ")).title.startswith("Today our team helped")


def test_title_and_name_lose_line_breaks() -> None:
    sub = parse(stored(title="Moving\r\nBcc: x@evil.example", name="Jane\nSmith"))
    assert (sub.title, sub.sender_name) == ("Moving Bcc: x@evil.example", "Jane Smith")


def test_a_bad_image_is_dropped_with_a_note_and_the_story_survives() -> None:
    sub = parse(stored(images=[image_item(b"not an image", filename="cat.jpg"), image_item(jpeg())]))
    assert len(sub.images) == 1
    assert sub.notes == ("cat.jpg is not a JPEG, PNG, GIF, WebP or HEIC image; it was not attached",)


def test_image_data_that_is_not_base64_is_dropped_with_a_note() -> None:
    item = image_item(jpeg()) | {"data_b64": "!!!not base64!!!"}
    sub = parse(stored(images=[item]))
    assert sub.images == ()
    assert sub.notes == ("photo.jpg was not attached: its data could not be read",)


def test_five_images_keep_four_and_note_the_fifth() -> None:
    items = [image_item(jpeg(color=(i * 40, 0, 0)), filename="same.jpg") for i in range(5)]
    sub = parse(stored(images=items))
    assert len(sub.images) == 4
    assert len({i.filename for i in sub.images}) == 4
    assert sub.notes == ("1 more image was not attached: at most 4 images are accepted",)


def test_gps_is_stripped_from_a_form_image() -> None:
    sub = parse(stored(images=[image_item(jpeg(exif=gps_exif()))]))
    assert exif_of(sub.images[0].data) == {}


def test_form_image_filename_with_a_path_is_sanitised() -> None:
    sub = parse(stored(images=[image_item(jpeg(), filename="../../../../tmp/x.jpg")]))
    assert sub.images[0].filename == "x.jpg"


# Field validation for the page

GOOD = {
    "name": "Jane Smith",
    "email": "jane.smith@example.gov.uk",
    "title": "Moving day",
    "story": "Today our team helped.",
    "consent": "yes",
}


def errors(**changes: str) -> list[FieldError]:
    return validate_form_fields({**GOOD, **changes}, staff_domains=STAFF)


def test_a_complete_form_has_no_errors() -> None:
    assert errors() == []


def test_an_empty_form_lists_every_error_in_page_order() -> None:
    found = validate_form_fields({}, staff_domains=STAFF)
    assert found == [
        FieldError("name", "Enter your name"),
        FieldError("email", "Enter your work email address"),
        FieldError("title", "Enter a title for your story"),
        FieldError("story", "Enter your story"),
        FieldError("consent", "Confirm that your story can be published"),
    ]


def test_personal_email_address_is_asked_to_be_a_work_one() -> None:
    assert errors(email="jane@gmail.example") == [
        FieldError("email", "Use your work email address ending @example.gov.uk")
    ]


def test_email_in_a_staff_subdomain_is_accepted() -> None:
    assert errors(email="jane@social.example.gov.uk") == []


def test_several_staff_domains_are_all_named() -> None:
    found = validate_form_fields(
        {**GOOD, "email": "x@elsewhere.example"}, staff_domains=("a.gov.uk", "b.nhs.uk")
    )
    assert found == [FieldError("email", "Use your work email address ending @a.gov.uk or @b.nhs.uk")]


@pytest.mark.parametrize("address", ["jane", "jane@", "@example.gov.uk", "jane smith@example.gov.uk", "a@b"])
def test_badly_formed_email_is_explained(address: str) -> None:
    assert [e.message for e in errors(email=address)] == [
        "Enter an email address in the correct format, like name@example.gov.uk"
    ]


def test_title_over_150_characters_is_an_error() -> None:
    assert errors(title="t" * 151) == [FieldError("title", "Title must be 150 characters or fewer")]


def test_story_over_the_limit_is_an_error() -> None:
    assert errors(story="s" * 20_001) == [FieldError("story", "Story must be 20,000 characters or fewer")]


def test_unticked_consent_is_an_error() -> None:
    assert errors(consent="") == [FieldError("consent", "Confirm that your story can be published")]


def test_each_image_needs_alt_text() -> None:
    found = errors(
        **{"image-1": "a.jpg", "image-1-alt": "Volunteers", "image-2": "b.jpg", "image-2-alt": " "}
    )
    assert found == [FieldError("image-2-alt", "Describe image 2 for people who cannot see it")]


def test_an_empty_image_input_needs_no_alt_text() -> None:
    assert errors(**{"image-1": ""}) == []


def test_more_than_four_images_is_an_error() -> None:
    images = {f"image-{n}": f"{n}.jpg" for n in range(1, 6)} | {f"image-{n}-alt": "x" for n in range(1, 6)}
    assert errors(**images) == [FieldError("image-1", "Select up to 4 images")]
