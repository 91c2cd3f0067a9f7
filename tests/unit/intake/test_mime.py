"""Raw emails into Submissions: bodies, titles, trimming, charsets, attachments and refusals."""

from __future__ import annotations

import base64
from datetime import UTC, datetime
from email.message import EmailMessage
from email.policy import SMTP

import pytest

from chalicelib.domain.errors import InvalidSubmission
from chalicelib.domain.story import Submission
from chalicelib.intake.images import exif_of
from chalicelib.intake.limits import IntakeLimits
from chalicelib.intake.mime import parse_email, trim_reply_and_signature

from ._build import email, fixture, gps_exif, jpeg, png

LIMITS = IntakeLimits()
KEY = "raw/email/abc123"
NOW = datetime(2025, 1, 20, tzinfo=UTC)


def parse(raw: bytes, limits: IntakeLimits = LIMITS) -> Submission:
    return parse_email(raw, raw_key=KEY, limits=limits, now=NOW)


def refused(raw: bytes, limits: IntakeLimits = LIMITS) -> InvalidSubmission:
    with pytest.raises(InvalidSubmission) as info:
        parse(raw, limits)
    return info.value


# Bodies


def test_plain_text_email_becomes_a_submission_with_title_text_and_sender() -> None:
    sub = parse(email("Line one of the story.\n\nSecond paragraph."))
    assert sub.source == "email"
    assert sub.raw_key == KEY
    assert sub.sender == "jane.smith@example.gov.uk"
    assert sub.sender_name == "Jane Smith"
    assert sub.title == "Moving day"
    assert sub.text == "Line one of the story.\n\nSecond paragraph."
    assert sub.images == ()
    assert sub.notes == ()


def test_html_only_email_is_converted_to_text_without_script_style_or_quoted_reply() -> None:
    sub = parse(fixture("html_only.eml"))
    assert sub.title == "Café club at the library"
    assert sub.text == (
        "Every Thursday our memory café fills the library.\n\n"
        "Carers tell us it is the one hour\nin the week they can relax."
    )
    for leaked in ("script", "cookie", "evil.example", "color", "ignored title", "alert", "Can you send"):
        assert leaked not in sub.text


def test_multipart_alternative_prefers_the_plain_text_part() -> None:
    sub = parse(email("The plain words.", html="<p>The <b>HTML</b> words.</p>"))
    assert sub.text == "The plain words."


def test_multipart_alternative_with_a_blank_plain_part_uses_the_html() -> None:
    sub = parse(email("   \n", html="<p>Only the HTML has the story.</p>"))
    assert sub.text == "Only the HTML has the story."


def test_apple_mail_text_image_text_sequence_keeps_both_texts_and_the_image() -> None:
    msg = EmailMessage(policy=SMTP)
    msg["From"] = "Jo <jo@example.gov.uk>"
    msg["Subject"] = "Garden"
    msg.make_mixed()
    for part_text in ("Before the photo.", None, "After the photo."):
        part = EmailMessage(policy=SMTP)
        if part_text is None:
            part.set_content(
                jpeg(), maintype="image", subtype="jpeg", disposition="inline", filename="IMG_1.jpeg"
            )
        else:
            part.set_content(part_text)
        msg.attach(part)
    sub = parse(msg.as_bytes())
    assert sub.text == "Before the photo.\n\nAfter the photo."
    assert [i.filename for i in sub.images] == ["IMG_1.jpg"]


# Trimming


def test_signature_after_the_dash_dash_line_is_trimmed() -> None:
    sub = parse(email("The story.\n-- \nJane Smith\nTeam Leader\n07700 900123"))
    assert sub.text == "The story."


@pytest.mark.parametrize(
    "footer",
    ["Sent from my iPhone", "Sent from Outlook for Android", "Get Outlook for iOS", "Sent from my Galaxy"],
)
def test_mobile_footers_are_trimmed(footer: str) -> None:
    assert parse(email(f"The story.\n\n{footer}")).text == "The story."


def test_outlook_reply_block_sign_off_and_council_disclaimer_are_trimmed() -> None:
    sub = parse(fixture("outlook_reply.eml"))
    assert sub.title == "Winter shelter volunteers"
    assert sub.text == (
        "Last night our winter shelter opened its doors for the first time this year.\n\n"
        "Twelve volunteers cooked, made beds and sat up talking with guests until the small hours."
    )
    assert sub.sender == "priya.shah@example.gov.uk"
    assert sub.received_at == datetime(2025, 1, 14, 9, 12, 44, tzinfo=UTC)


def test_quoted_reply_after_a_wrapped_on_wrote_line_is_trimmed() -> None:
    assert parse(fixture("gmail_reply_wrapped.eml")).text == (
        "Our crew found a lost dog on the round and took it home."
    )


def test_interleaved_quoted_lines_are_removed_and_the_reply_kept() -> None:
    text = trim_reply_and_signature("> Can you tell us more?\nYes: we ran three sessions.\n> Thanks")
    assert text == "Yes: we ran three sessions."


def test_original_message_separator_cuts_the_rest() -> None:
    text = trim_reply_and_signature("Story here.\n\n-----Original Message-----\nFrom: x\nold stuff")
    assert text.strip() == "Story here."


def test_forwarded_story_with_nothing_written_above_it_is_kept() -> None:
    body = (
        "---------- Forwarded message ---------\nFrom: Me <me@example.gov.uk>\nDate: Mon, 13 Jan 2025\n"
        "Subject: Story\nTo: Boss <boss@example.gov.uk>\n\nThe story I first sent my manager."
    )
    assert parse(email(body, subject="Fwd: Story")).text == "The story I first sent my manager."


def test_sign_off_words_inside_the_story_are_kept() -> None:
    body = "A resident said thanks to the crew.\nThanks\nwas written on the card too, and we kept it."
    assert parse(email(body)).text == body


def test_body_that_is_only_a_signature_is_empty() -> None:
    err = refused(email("\n-- \nJane Smith\nSent from my iPhone"))
    assert err.code == "empty"


def test_body_that_is_only_a_quoted_reply_is_empty() -> None:
    assert refused(email("> the old message\n> more")).code == "empty"


# Titles and headers


def test_rfc2047_subject_is_decoded() -> None:
    raw = email(headers={"X-Test": "1"}, subject=None).replace(
        b"From:", b"Subject: =?utf-8?b?Q2Fmw6kgY2x1YiDwn5iK?= =?iso-8859-1?q?_na=EFve?=\r\nFrom:", 1
    )
    assert parse(raw).title == "Café club 😊 naïve"


def test_reply_and_forward_prefixes_are_dropped_from_the_title() -> None:
    assert parse(email(subject="RE: Fwd: FW:Re[2]: Our new allotment")).title == "Our new allotment"


def test_header_injection_in_the_subject_cannot_add_lines_to_the_title() -> None:
    raw = email(subject=None).replace(
        b"From:", b"Subject: =?utf-8?q?Hello=0D=0ABcc=3A_victim=40evil=2Eexample?=\r\nFrom:", 1
    )
    title = parse(raw).title
    assert "\r" not in title
    assert "\n" not in title
    assert title == "Hello Bcc: victim@evil.example"


def test_control_characters_are_stripped_from_the_title() -> None:
    raw = email(subject=None).replace(b"From:", b"Subject: =?utf-8?q?A=00B=07C=1B[31mD?=\r\nFrom:", 1)
    assert parse(raw).title == "A B C [31mD"


def test_long_subject_is_shortened_to_150_characters() -> None:
    title = parse(email(subject="word " * 60)).title
    assert len(title) <= 150
    assert title.endswith("…")


def test_empty_subject_takes_the_title_from_the_first_words_of_the_body() -> None:
    body = "Our library volunteers read to forty children every Saturday morning in the winter months."
    title = parse(email(body, subject="   ")).title
    assert title.startswith("Our library volunteers read")
    assert title.endswith("…")
    assert len(title) <= 80


def test_missing_subject_takes_the_title_from_the_body() -> None:
    assert parse(email("Short story.", subject=None)).title == "Short story."


def test_raw_eight_bit_utf8_headers_are_decoded() -> None:
    raw = "From: José Núñez <jose@example.gov.uk>\r\nSubject: Día de campo\r\n\r\nThe story.\r\n".encode()
    sub = parse(raw)
    assert (sub.sender_name, sub.title) == ("José Núñez", "Día de campo")


def test_sane_date_becomes_received_at_and_a_future_one_is_ignored() -> None:
    assert parse(email(headers={"Date": "Fri, 17 Jan 2025 10:00:00 +0100"})).received_at == datetime(
        2025, 1, 17, 9, 0, tzinfo=UTC
    )
    assert parse(email(headers={"Date": "Fri, 17 Jan 2031 10:00:00 +0000"})).received_at is None
    assert parse(email(headers={"Date": "yesterday-ish"})).received_at is None


# Charsets


def test_wrong_declared_charset_is_decoded_without_crashing() -> None:
    sub = parse(fixture("wrong_charset.eml"))
    assert sub.text == "The new café at the leisure centre opened today – staff served 200 “teas”."
    assert sub.title == "Café opening"


def test_unknown_charset_falls_back_to_utf8() -> None:
    raw = email().replace(b'charset="utf-8"', b'charset="x-no-such-charset"')
    raw = raw.replace(b"Content-Type: text/plain;", b"Content-Type: text/plain; charset=x-no-such-charset;")
    assert parse(raw).text.startswith("Today our team")


def test_undecodable_bytes_are_replaced_not_fatal() -> None:
    raw = (
        b"From: a@example.gov.uk\r\nSubject: x\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
        b"Story \x81\x8d text\r\n"
    )
    assert parse(raw).text.startswith("Story ")


# Malformed and over-limit


@pytest.mark.parametrize(
    "raw",
    [b"\x00\x01\x02garbage\xff\xfe\xfd", b"", b"   \r\n", b"not an email at all, just words"],
)
def test_garbage_is_malformed(raw: bytes) -> None:
    assert refused(raw).code == "malformed"


def test_email_without_from_is_malformed() -> None:
    err = refused(email(sender=None))
    assert err.code == "malformed"
    assert "From" in err.reason


def test_multipart_without_boundary_is_read_as_text() -> None:
    raw = (
        b"From: a@example.gov.uk\r\nSubject: s\r\nContent-Type: multipart/mixed\r\n\r\nJust text really.\r\n"
    )
    assert parse(raw).text == "Just text really."


def test_too_large_email_is_refused() -> None:
    err = refused(email(), IntakeLimits(max_raw_email_bytes=200))
    assert err.code == "too-large"


def test_story_over_the_text_limit_is_refused() -> None:
    err = refused(email("word " * 5000), IntakeLimits(max_text_chars=20_000))
    assert err.code == "too-large"
    assert "25,000" in err.reason or "24,99" in err.reason


def test_email_with_too_many_parts_is_refused() -> None:
    attachments = [(f"n{i}.txt", "text/plain", b"x") for i in range(12)]
    err = refused(email(attachments=attachments), IntakeLimits(max_mime_parts=10))
    assert err.code == "too-large"


def test_deeply_nested_multiparts_are_malformed() -> None:
    boundary_open = "".join(
        f'Content-Type: multipart/mixed; boundary="b{i}"\r\n\r\n--b{i}\r\n' for i in range(30)
    )
    head = "From: a@example.gov.uk\r\nSubject: s\r\n"
    raw = f"{head}{boundary_open}Content-Type: text/plain\r\n\r\nhi\r\n".encode()
    assert refused(raw).code == "malformed"


# Attachments


def test_non_image_attachment_is_dropped_with_a_note() -> None:
    sub = parse(email(attachments=[("report.pdf", "application/pdf", b"%PDF-1.7 ...")]))
    assert sub.notes == ("report.pdf was not attached: only images are accepted",)
    assert sub.images == ()


def test_svg_attachment_is_dropped_with_a_note() -> None:
    svg = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    sub = parse(email(attachments=[("logo.svg", "image/svg+xml", svg)]))
    assert sub.images == ()
    assert len(sub.notes) == 1
    assert sub.notes[0].startswith("logo.svg is an SVG drawing")


def test_svg_disguised_as_a_png_is_still_refused() -> None:
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'
    sub = parse(email(attachments=[("photo.png", "image/png", svg)]))
    assert sub.images == ()
    assert "SVG" in sub.notes[0]


def test_image_is_detected_by_content_when_declared_as_octet_stream() -> None:
    sub = parse(email(attachments=[("DSC0001", "application/octet-stream", jpeg())]))
    assert [(i.filename, i.content_type) for i in sub.images] == [("DSC0001.jpg", "image/jpeg")]


def test_a_file_named_jpg_that_is_not_an_image_is_dropped_with_a_note() -> None:
    sub = parse(email(attachments=[("holiday.jpg", "image/jpeg", b"MZ\x90\x00 this is an exe")]))
    assert sub.images == ()
    assert sub.notes == ("holiday.jpg is not a JPEG, PNG, GIF, WebP or HEIC image; it was not attached",)


def test_twenty_five_image_attachments_keep_four_and_note_the_rest() -> None:
    attachments = [(f"p{i}.png", "image/png", png((120, 120), color=(i, 0, 0))) for i in range(25)]
    sub = parse(email(attachments=attachments))
    assert [i.filename for i in sub.images] == ["p0.png", "p1.png", "p2.png", "p3.png"]
    assert sub.notes == ("21 more images were not attached: at most 4 images are accepted",)


def test_the_same_image_attached_twice_is_kept_once() -> None:
    data = jpeg()
    sub = parse(email(attachments=[("a.jpg", "image/jpeg", data), ("b.jpg", "image/jpeg", data)]))
    assert len(sub.images) == 1


def test_inline_cid_image_in_an_html_body_counts_as_an_image() -> None:
    msg = EmailMessage(policy=SMTP)
    msg["From"] = "Jo <jo@example.gov.uk>"
    msg["Subject"] = "Park"
    msg.set_content("The park clean-up.")
    msg.add_alternative('<p>The park clean-up.</p><img src="cid:pic1">', subtype="html")
    html_part = msg.get_body(preferencelist=("html",))
    assert isinstance(html_part, EmailMessage)
    html_part.add_related(jpeg(), maintype="image", subtype="jpeg", cid="<pic1>", filename="park.jpg")
    sub = parse(msg.as_bytes())
    assert sub.text == "The park clean-up."
    assert [i.filename for i in sub.images] == ["park.jpg"]
    assert sub.notes == ()


def test_alt_text_comes_from_the_content_description() -> None:
    msg = EmailMessage(policy=SMTP)
    msg["From"] = "Jo <jo@example.gov.uk>"
    msg["Subject"] = "Park"
    msg.set_content("Story.")
    msg.add_attachment(jpeg(), maintype="image", subtype="jpeg", filename="a.jpg")
    raw = msg.as_bytes().replace(
        b"Content-Disposition: attachment",
        b"Content-Description: =?utf-8?q?Volunteers=0D=0Aplanting_bulbs?=\r\nContent-Disposition: attachment",
    )
    sub = parse(raw)
    assert sub.images[0].alt == "Volunteers planting bulbs"


def test_images_without_a_description_have_empty_alt_text() -> None:
    assert parse(email(attachments=[("a.jpg", "image/jpeg", jpeg())])).images[0].alt == ""


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("../../../etc/passwd.jpg", "passwd.jpg"),
        ("..\\..\\Windows\\photo.jpg", "photo.jpg"),
        ("/abs/path/to/.hidden.jpg", "hidden.jpg"),
        ("bad\x00name\x1b.jpg", "badname.jpg"),
        ("x" * 300 + ".jpeg", "x" * 95 + ".jpg"),
    ],
)
def test_path_traversal_and_control_characters_are_removed_from_filenames(given: str, stored: str) -> None:
    raw = email(attachments=[("placeholder.jpg", "image/jpeg", jpeg())])
    encoded = base64.b64encode(given.encode()).decode()
    raw = raw.replace(b'filename="placeholder.jpg"', f'filename="=?utf-8?b?{encoded}?="'.encode())
    sub = parse(raw)
    assert [i.filename for i in sub.images] == [stored]


def test_tiny_signature_logo_is_dropped_with_a_note() -> None:
    sub = parse(email(attachments=[("image001.png", "image/png", png((150, 60)))]))
    assert sub.images == ()
    assert "too small to publish" in sub.notes[0]


def test_gps_location_in_an_attached_photo_is_stripped() -> None:
    sub = parse(email(attachments=[("IMG_2001.jpg", "image/jpeg", jpeg(exif=gps_exif()))]))
    assert exif_of(sub.images[0].data) == {}


def test_an_attached_email_is_the_forwarded_story_and_the_words_above_it_a_covering_note() -> None:
    inner = EmailMessage(policy=SMTP)
    inner["From"] = "Priya <priya@example.gov.uk>"
    inner["Subject"] = "Lunch club"
    inner.make_mixed()
    words = EmailMessage(policy=SMTP)
    words.set_content("Our lunch club turned ten this week.\n\n-- \nPriya Shah\nCommunity Officer")
    inner.attach(words)
    photo = EmailMessage(policy=SMTP)
    photo.set_content(jpeg(), maintype="image", subtype="jpeg", disposition="attachment", filename="club.jpg")
    inner.attach(photo)
    msg = EmailMessage(policy=SMTP)
    msg["From"] = "Jo <jo@example.gov.uk>"
    msg["Subject"] = "Fwd: Lunch club"
    msg.set_content("Priya asked me to send this in for her.")
    msg.add_attachment(inner)
    sub = parse(msg.as_bytes())
    assert sub.text == "Our lunch club turned ten this week."
    assert sub.title == "Lunch club"
    assert [i.filename for i in sub.images] == ["club.jpg"]
    assert sub.notes == (
        "the words above the forwarded message were taken as a covering note and left out of the story: "
        "\u201cPriya asked me to send this in for her.\u201d",
    )


def test_a_second_attached_email_is_dropped_with_a_note() -> None:
    msg = EmailMessage(policy=SMTP)
    msg["From"] = "Jo <jo@example.gov.uk>"
    msg["Subject"] = "Story"
    msg.make_mixed()
    for text in ("The story.", "Something else."):
        inner = EmailMessage(policy=SMTP)
        inner["Subject"] = "old"
        inner.set_content(text)
        msg.add_attachment(inner)
    sub = parse(msg.as_bytes())
    assert sub.text == "The story."
    assert sub.notes == ("an attached email was not included: only images are accepted as attachments",)
