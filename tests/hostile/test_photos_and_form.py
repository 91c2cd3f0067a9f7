"""Hostile photos and web-form posts, followed to what is stored, shown, sent and published.

A phone photo's GPS position can give away where a member of staff or a resident lives, so it is
checked in the bytes we store and publish, not in the parser's return value. The web form is the one
door anyone on the internet can knock on: oversized fields get a clear page, never a stack trace, and
nothing is stored for them.
"""

from __future__ import annotations

import io
import re
from email.message import EmailMessage
from urllib.parse import urlencode

import pytest
from PIL import ExifTags, Image

from chalicelib.domain.states import State
from chalicelib.services.ingest import story_id_for

from .conftest import Hostile, active_content, assert_email_is_only_what_we_built, assert_settled_safely

FROM = "alex.doe@example.gov.uk"


def photo_with_gps() -> bytes:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Model] = "Phone 12"
    exif[ExifTags.Base.Orientation] = 1
    gps = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (51.0, 30.0, 26.0),
        ExifTags.GPS.GPSLongitudeRef: "W",
        ExifTags.GPS.GPSLongitude: (0.0, 7.0, 39.0),
    }
    exif[ExifTags.IFD.GPSInfo] = gps
    buf = io.BytesIO()
    Image.effect_noise((900, 700), 60).convert("RGB").save(buf, "JPEG", exif=exif.tobytes(), quality=90)
    data = buf.getvalue()
    with Image.open(io.BytesIO(data)) as im:
        assert im.getexif().get_ifd(ExifTags.IFD.GPSInfo), "the test photo must carry a GPS position"
    return data


def assert_no_metadata(data: bytes) -> None:
    with Image.open(io.BytesIO(data)) as im:
        exif = im.getexif()
        assert dict(exif) == {}, dict(exif)
        assert exif.get_ifd(ExifTags.IFD.GPSInfo) == {}
        assert not {"exif", "xmp", "XML:com.adobe.xmp", "comment", "icc_profile"} & set(im.info), im.info
    assert b"Exif\x00\x00" not in data and b"PhoneMaker" not in data and b"GPS" not in data


def test_a_gps_position_in_a_photo_is_in_neither_the_stored_media_nor_the_published_blog(
    hostile: Hostile,
) -> None:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = FROM, "stories@example.gov.uk", "New benches"
    msg.set_content("Volunteers from the parks team installed six new benches by the lake today.")
    msg.add_attachment(photo_with_gps(), maintype="image", subtype="jpeg", filename="IMG_0001.JPG")
    list(msg.iter_attachments())[-1]["Content-Description"] = "Six new wooden benches beside the lake"
    key = hostile.submit(msg.as_bytes())
    p = hostile.pipeline
    record = p.table.get(story_id_for(key))
    assert record is not None and record.state is State.PENDING_APPROVAL
    [img] = p.stories.get_version(record.story_id, 1).images
    assert_no_metadata(p.stories.get_media(record.story_id, 1, img.key.rsplit("/", 1)[-1]))
    hostile.approve()
    published = [v for k, v in hostile.bucket.objects.items() if k.endswith((".jpg", ".png"))]
    assert len(published) == 1
    assert_no_metadata(published[0])
    assert_settled_safely(p, [key])


def test_an_identifier_in_the_subject_never_reaches_the_comms_teams_notice(hostile: Hostile) -> None:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = FROM, "stories@example.gov.uk", "Visit for 943 476 5919"
    msg.set_content("We visited residents on the estate today to talk about the new bin days.")
    key = hostile.submit(msg.as_bytes())
    p = hostile.pipeline
    record = p.table.get(story_id_for(key))
    assert record is not None and record.state is State.CHANGES_NEEDED
    [notice] = p.mail_to("comms@example.gov.uk")
    assert notice.subject.startswith("Blocked by the checks")
    assert "943 476 5919" not in f"{notice.subject}\n{notice.text}\n{notice.html}"
    [_, changes] = p.mail_to(FROM)
    assert "PII-NHS" in changes.text and "In the title" in changes.text
    # The comms notice's link still opens the real version, so an override remains possible.
    override = next(link for link in re.findall(r"https?://\S+", notice.text) if "/o/" in link)
    page = hostile.client.http.get(override.removeprefix("https://stories.example.gov.uk"))
    assert page.status_code == 200
    assert active_content(page.body.decode()) == []


# --- the web form ----------------------------------------------------------------------------------------


def form_session(hostile: Hostile) -> tuple[str, str]:
    """The anti-forgery cookie and field from a freshly opened form, as a browser would hold them."""
    page = hostile.client.http.get("/submit")
    cookie = re.search(r"rs_form=([^;]+)", page.headers["Set-Cookie"])
    field = re.search(r'name="csrf" value="([^"]+)"', page.body.decode())
    assert cookie is not None and field is not None
    return cookie.group(1), field.group(1)


GOOD = {
    "name": "Alex Doe",
    "email": FROM,
    "title": "Canal path",
    "story": "Our crew cleared two tonnes of litter from the canal path.",
    "consent": "yes",
}
OVER = [
    ("name", "x" * 101, "Name must be 100 characters or fewer"),
    ("title", "t" * 151, "Title must be 150 characters or fewer"),
    ("story", "Words. " * 3000, "Story must be 20,000 characters or fewer"),
    ("email", "a" * 65 + "@example.gov.uk", "Enter an email address in the correct format"),
]


def post_form(hostile: Hostile, fields: dict[str, str], *, csrf: str | None = None) -> tuple[int, str]:
    cookie, field = form_session(hostile)
    body = urlencode({**fields, "csrf": field if csrf is None else csrf})
    resp = hostile.client.http.post(
        "/stories",
        headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"rs_form={cookie}"},
        body=body,
    )
    return resp.status_code, resp.body.decode()


@pytest.mark.parametrize(("name", "value", "message"), OVER, ids=[o[0] for o in OVER])
def test_a_web_form_field_over_its_limit_gets_a_clear_error_page_and_nothing_is_stored(
    hostile: Hostile, name: str, value: str, message: str
) -> None:
    status, page = post_form(hostile, {**GOOD, name: value})
    assert status == 400
    assert message in page and "There is a problem" in page
    assert active_content(page) == []
    assert hostile.pipeline.raw.objects == {}


def test_a_web_form_body_over_the_payload_limit_gets_a_clear_error_page(hostile: Hostile) -> None:
    status, page = post_form(hostile, {**GOOD, "story": "x" * (10 * 1024 * 1024 + 1)})
    assert status == 400 and "too large" in page
    assert hostile.pipeline.raw.objects == {}


@pytest.mark.parametrize("token", ["é" * 32, "\x00", "🙂", "a" * 10_000])
def test_a_forged_form_token_of_any_shape_is_refused_with_a_page_not_an_error(
    hostile: Hostile, token: str
) -> None:
    status, page = post_form(hostile, GOOD, csrf=token)
    assert status == 403 and "did not come from this site" in page
    assert hostile.pipeline.raw.objects == {}


def test_header_injection_in_web_form_fields_adds_no_header_to_any_email(hostile: Hostile) -> None:
    status, _ = post_form(
        hostile,
        {
            **GOOD,
            "name": "Alex\r\nBcc: mallory@evil.example",
            "title": "Canal path\r\nBcc: mallory@evil.example\r\n\r\n<script>alert(1)</script>",
        },
    )
    assert status == 200
    p = hostile.pipeline
    p._pending_s3.extend(("intake", "rs-test-intake", k) for k in p.raw.objects)
    p.run()
    [record] = p.table.list()
    assert record.state is State.RECEIVED
    [confirm] = p.mail_to(FROM)
    assert confirm.to == (FROM,)
    assert "\n" not in confirm.subject and "\r" not in confirm.subject
    for mail in p.mailer.sent:
        assert_email_is_only_what_we_built(mail)
    assert_settled_safely(p, list(p.raw.objects))
