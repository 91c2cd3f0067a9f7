"""Every message of the shared real-mail set, as staff's mail clients wrote it, becomes what a person expects.

The messages live beside the checkout (``../shared/real-mail``) and are never copied into the project;
the expectations below are written from the set's manifest: the sender's own words (or the forwarded
story) kept, quoted threads, attribution lines, signatures, footers and disclaimers gone, and messages
with no story in them refused with a reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from chalicelib.domain.errors import InvalidSubmission
from chalicelib.domain.story import Submission
from chalicelib.intake.limits import IntakeLimits
from chalicelib.intake.mime import parse_email

REAL_MAIL = Path(__file__).resolve().parents[3].parent / "shared" / "real-mail"
MESSAGES = REAL_MAIL / "messages"
NOW = datetime(2030, 1, 1, tzinfo=UTC)

# What no story may contain, whatever the client: the debris of a quoted thread.
ANY_QUOTE_DEBRIS = ("wrote:", "-----Original Message-----", "---------- Forwarded message")


@dataclass(frozen=True)
class Expect:
    outcome: str = "story"  # "story", "refused", or "either" where the manifest accepts both
    text: str | None = None  # the whole story text, where it is short enough to state
    contains: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    title: str | None = None
    photos: int | None = None
    code: str | None = None  # the refusal's code
    note_contains: tuple[str, ...] = ()
    note_absent: tuple[str, ...] = ()
    max_notes: int | None = None


EXPECTED: dict[str, Expect] = {
    "01-talon-gmail-reply.eml": Expect(text="Hello", title="Test", photos=0),
    "02-talon-outlook-reply.eml": Expect(text="Hello", absent=("From:", "Sent:", "Hi")),
    "03-talon-iphone-reply.eml": Expect(text="Hello", absent=("Sent from my iPhone",)),
    "04-talon-thunderbird-bottom-post.eml": Expect(text="Hello"),
    "05-talon-android-russian-reply.eml": Expect(text="Hello", absent=("написал", "пользователь")),
    "06-talon-hotmail-reply.eml": Expect(text="Hello"),
    "07-talon-sparrow-signature.eml": Expect(text="Hello", absent=("Sparrow",)),
    "08-talon-aol-original-message.eml": Expect(text="Hello"),
    "09-talon-yahoo-original-message.eml": Expect(text="Hello"),
    "10-talon-yahoo-share-block.eml": Expect(
        contains=("Hi Katharine.", "look forward to hearing from you soon."),
        absent=("--- On", "New Booking Inquiry", "From:", "Joe XXX"),
    ),
    "11-flanker-iphone-inline-jpeg.eml": Expect(contains=("Hello", "~Danielle")),
    "12-flanker-gmail-png-attachment.eml": Expect(text="Мейлган! Хахах!", photos=1),
    "13-flanker-thunderbird-forward-as-attachment.eml": Expect(
        contains=("you're kicking ass", "дорогие мои"),
        absent=("Ev Kontsevoy", "Co-founder", "512-417-1762"),
        title="Wow",
    ),
    "14-flanker-gmail-inline-forward.eml": Expect(
        text="Forward please", title="Please forward this email to me", absent=("Regards",)
    ),
    "15-flanker-gmail-qp-long-links.eml": Expect(
        contains=(
            "Hello Bob,",
            "http://translate.google.com/translate?sl=de&tl=en&u=http%3A%2F%2Fwww.horizont.at%2Fhome"
            "%2Fdetail%2Fgoogle-ist-geldgeber-von-adblock-plus.html&act=url",
            "__utmk=216038998",
        )
    ),
    "16-flanker-yahoo-cyrillic-filename-png.eml": Expect(text="Hello", photos=1),
    "17-flanker-yahoo-bilingual-qp.eml": Expect(
        text="This line is in English\nА эта линия по-русски.",
        title="Simple text. How are you? Как ты поживаешь?",
    ),
    "18-flanker-evolution-8bit.eml": Expect(contains=("Превел",)),
    "19-flanker-gmail-no-content-type.eml": Expect(
        contains=("I'm just testing message parsing",), absent=("BR,", "Bob")
    ),
    "20-flanker-thunderbird-html-only-long-lines.eml": Expect(
        contains=("http://www.longurlmaker.com/view/?id=UAOJNVKBMQUGPYZKCQZRZKJEXRCRXMRSMFBZBMBODWUS",),
        absent=("<a", "href", "<br"),
    ),
    "21-flanker-outlook-express-attachment-only.eml": Expect(outcome="refused", code="empty"),
    "22-mail-iso-2022-jp.eml": Expect(text="すみません。", title="まみむめも"),
    "23-mail-utf7-minimal.eml": Expect(contains=("Valid:",)),
    "24-mail-apple-image-only-rfc2231.eml": Expect(outcome="refused", code="empty"),
    "25-mail-smime-signed-apple.eml": Expect(
        contains=("Here is a test of an attachment via email.",),
        note_absent=("smime.p7s", "pkcs7"),
    ),
    "26-mail-pgp-signed.eml": Expect(
        contains=("This is random text",), note_absent=("signature.asc", "pgp-signature")
    ),
    "27-mail-apple-flowed-bare-lf.eml": Expect(contains=("Plain email.", "Hope it works well!")),
    "28-mail-korean-8bit.eml": Expect(contains=("스티해",)),
    "29-mail-gmail-forward-with-comment.eml": Expect(
        contains=("Test attachments oddly encoded with japanese charset.",),
        absent=("Forwarded message", "From:", "Date:", "Subject:"),
        # The covering comment is kept for the sender and approver, outside the story.
        note_contains=("We should not include these files or vcards as attachments.",),
    ),
    "30-php-iphone-text-image-text.eml": Expect(
        contains=("First we have a text block, then we insert an image:", "Then we have more text"),
        absent=("sent from my phone",),
        photos=1,
    ),
    "31-php-exchange-calendar-invite.eml": Expect(outcome="refused", code="not-a-story"),
    "32-php-zimbra-forward-rfc822-plain.eml": Expect(
        contains=("body this is the", "original", "Filler filler"),
        absent=("Return-Path", "Received:", "<div"),
        note_contains=("A text/plain response to an REC822 message",),
        note_absent=("attached email was not included",),
    ),
    "33-php-zimbra-forward-rfc822-html.eml": Expect(
        contains=("An original PLAIN TEXT message body", "filler filler."),
        absent=("Return-Path", "Received:", "<div"),
        note_contains=("An RFC 822 forward with a HTML body",),
        note_absent=("attached email was not included",),
    ),
    "34-php-outlook-french-forward-signature.eml": Expect(
        outcome="either",
        absent=(
            "Message d'origine",
            "De :",
            "Envoyé :",
            "Objet :",
            "Pièce jointe toujours pas conforme",
            "Nouveau DT",
            "N'imprimez ce mail",
        ),
    ),
    "35-php-windows-live-mail-8bit-preamble.eml": Expect(
        contains=("This email will not be captured correctly by php-mime-mail-parser.",)
    ),
    "36-php-emclient-ten-txt-attachments.eml": Expect(
        text="This is the plain text content of the email", photos=0, max_notes=1
    ),
    "37-spamscope-ibm-notes-logos-pdf.eml": Expect(
        contains=("Gentili Business Partner", "il 20/01/2017 e il 31/03/2017."),
        absent=(
            "Cordiali saluti",
            "Nicoletta Bernasconi",
            "IBM Italia S.p.A.",
            "Sede Legale",
            "Partita IVA",
            "Unless stated otherwise",
        ),
        photos=0,  # the signature's three GIF banners are not photos of the story
    ),
    "38-spamscope-outlook-ios.eml": Expect(
        text="I am sending you the bills of the goods we delivered to you in the attachment"
    ),
    "39-zb-outlook2000-related-cid-images.eml": Expect(
        contains=("The Hare and the Tortoise", "Slow but steady wins the race."), photos=0
    ),
    "40-zb-outlook2000-pgp-signed-latin1.eml": Expect(
        contains=("Die Hasen und die Frösche", "mißliche Lage", "Ersäufen"),
        title="Die Hasen und die Frösche (Microsoft Outlook 00)",
        note_absent=("pgp-signature",),
    ),
    "41-zb-outlook2013-tnef-only.eml": Expect(outcome="refused"),
    "42-zb-eudora-related-images.eml": Expect(
        contains=("Die Hasen und die Frösche", "unglücklicher sein müssen als wir."),
        absent=("2aa3ed95.png", "2aa3edd1.png"),
        photos=0,
    ),
    "43-lkml-outlook-exchange-tnef-disclaimer.eml": Expect(
        contains=("Hi Jarkko and Alexander,", "4. Modify tpm_tis_send_data", "next kernel merge window."),
        absent=("Original Message", "Sakkinen", "tpm_tis_i2c", "privileged confidential", "====="),
        title="[PATCH v2 0/2] char: tpm: add new driver for tpm i2c ptp",
    ),
}


def _messages() -> list[str]:
    return sorted(EXPECTED)


@pytest.fixture(scope="module")
def real_mail() -> Path:
    if not MESSAGES.is_dir():
        pytest.skip("the shared real-mail set is not beside the checkout (../shared/real-mail/messages)")
    return MESSAGES


def test_the_expectations_cover_every_message_in_the_shared_set(real_mail: Path) -> None:
    assert sorted(p.name for p in real_mail.glob("*.eml")) == _messages()


@pytest.mark.parametrize("name", _messages())
def test_a_real_message_becomes_the_story_a_person_would_expect(real_mail: Path, name: str) -> None:
    expect = EXPECTED[name]
    raw = (real_mail / name).read_bytes()
    try:
        sub: Submission | None = parse_email(raw, raw_key=f"raw/email/{name}", limits=IntakeLimits(), now=NOW)
        refusal: InvalidSubmission | None = None
    except InvalidSubmission as e:
        sub, refusal = None, e

    if expect.outcome == "refused":
        assert refusal is not None, f"expected a refusal, got a story: {sub.text if sub else ''!r}"
        assert refusal.reason
        if expect.code:
            assert refusal.code == expect.code, refusal.reason
        return
    if sub is None:
        assert expect.outcome == "either", f"refused: {refusal.code if refusal else ''}: {refusal}"
        return
    assert_story(expect, text=sub.text, title=sub.title, photos=len(sub.images), notes=sub.notes)


def assert_story(expect: Expect, *, text: str, title: str, photos: int, notes: tuple[str, ...]) -> None:
    """The story (as parsed, or as stored by ingest) is what the manifest says a person expects."""
    if expect.text is not None:
        assert text == expect.text
    for phrase in expect.contains:
        assert phrase in text, f"{phrase!r} missing from {text!r}"
    for phrase in (*expect.absent, *ANY_QUOTE_DEBRIS):
        assert phrase not in text, f"{phrase!r} left in {text!r}"
    assert not any(line.lstrip().startswith(">") for line in text.split("\n")), text
    if expect.title is not None:
        assert title == expect.title
    if expect.photos is not None:
        assert photos == expect.photos
    joined = "\n".join(notes)
    for phrase in expect.note_contains:
        assert phrase in joined, joined
    for phrase in expect.note_absent:
        assert phrase not in joined, joined
    if expect.max_notes is not None:
        assert len(notes) <= expect.max_notes, notes
