"""A corpus of hostile emails, each with the outcome it must have, driven through the real handlers.

The intake unit tests prove each parser's defences one by one; this corpus proves the whole pipeline
holds together under the same attacks: every submission is kept and becomes a story with a clear
state, no handler hands a permanent problem back to its queue, nothing executable reaches an email, an
approval page or the blog, and nothing a sender writes can add a header to a message we send.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage

import pytest
from PIL import Image

from chalicelib.domain.states import State
from chalicelib.services.ingest import story_id_for

from .conftest import Hostile, active_content, assert_settled_safely

FROM = "alex.doe@example.gov.uk"
STORY = "Our crew cleared two tonnes of litter from the canal path this morning."


def headers(subject: str = "Canal path", extra: str = "") -> bytes:
    return (
        f"From: {FROM}\r\nTo: stories@example.gov.uk\r\nSubject: {subject}\r\n"
        f"Message-ID: <hostile@example.gov.uk>\r\n{extra}"
    ).encode()


def plain(body: bytes, *, charset: str = "utf-8", subject: bytes = b"Canal path", cte: str = "8bit") -> bytes:
    return (
        b"From: " + FROM.encode() + b"\r\nTo: stories@example.gov.uk\r\nSubject: " + subject + b"\r\n"
        b"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=" + charset.encode() + b"\r\n"
        b"Content-Transfer-Encoding: " + cte.encode() + b"\r\n\r\n" + body + b"\r\n"
    )


def message(text: str = STORY, subject: str = "Canal path") -> EmailMessage:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = FROM, "stories@example.gov.uk", subject
    msg.set_content(text)
    return msg


def photo(colour: tuple[int, int, int] = (30, 120, 60), size: tuple[int, int] = (640, 480)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, colour).save(buf, "JPEG")
    return buf.getvalue()


def attach(
    msg: EmailMessage, data: bytes, subtype: str, filename: str | None, maintype: str = "image"
) -> None:
    """Attach with a description, as a phone's mail app does when the sender adds a caption."""
    msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    list(msg.iter_attachments())[-1]["Content-Description"] = "Volunteers on the canal path with litter bags"


def nested(depth: int) -> bytes:
    body = b"Content-Type: text/plain\r\n\r\n" + STORY.encode() + b"\r\n"
    for n in range(depth):
        b = f"b{n}".encode()
        body = (
            b"Content-Type: multipart/mixed; boundary=" + b + b"\r\n\r\n--" + b + b"\r\n" + body
            + b"\r\n--" + b + b"--\r\n"
        )  # fmt: skip
    return headers().replace(b"\r\nMessage-ID", b"\r\nMIME-Version: 1.0\r\nMessage-ID") + body


def many_parts(n: int) -> bytes:
    parts = b"".join(
        b"--x\r\nContent-Type: text/plain\r\n\r\n" + (STORY if i == 0 else "").encode() + b"\r\n"
        for i in range(n)
    )
    return (
        headers(extra="MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n").rstrip(
            b"\r\n"
        )
        + b"\r\n\r\n"
        + parts
        + b"--x--\r\n"
    )


def twenty_five_photos() -> bytes:
    msg = message()
    for n in range(25):
        attach(msg, photo((n * 9 % 256, 80, 200 - n * 7)), "jpeg", f"p{n}.jpg")
    return msg.as_bytes()


def decompression_bomb() -> bytes:
    """A PNG of a few kilobytes that claims 30,000 × 30,000 pixels (900 megapixels once decoded)."""
    import struct
    import zlib

    width = height = 30_000

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = zlib.compress(b"\x00" * (1 + width) * 64, 9)  # only the first rows: the header is the bomb
    png = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
        + chunk(b"IDAT", rows)
        + chunk(b"IEND", b"")
    )
    msg = message()
    attach(msg, png, "png", "bomb.png")
    attach(msg, photo(), "jpeg", "real.jpg")
    return msg.as_bytes()


SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
    b"<script>alert(document.cookie)</script><rect width='100' height='100'/></svg>"
)


def svg_attached(as_png: bool) -> bytes:
    msg = message()
    name, sub = ("chart.png", "png") if as_png else ("chart.svg", "svg+xml")
    msg.add_attachment(SVG, maintype="image", subtype=sub, filename=name)
    return msg.as_bytes()


HTML_BODY = (
    "<html><head><script>alert(1)</script><style>p{}</style><base href='https://evil.example/'></head>"
    "<body onload=alert(2)><p>We reopened the <b onclick=alert(3)>bridge</b> today.</p>"
    "<img src=x onerror=alert(4)><iframe src='javascript:alert(5)'></iframe>"
    "<a href='javascript:alert(6)'>more</a><svg><script>alert(7)</script></svg>"
    "<p>Thanks to the highways team.</p></body></html>"
)


def html_only() -> bytes:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = FROM, "stories@example.gov.uk", "Bridge"
    msg.set_content(HTML_BODY, subtype="html")
    return msg.as_bytes()


def html_attachment() -> bytes:
    msg = message()
    msg.add_attachment(HTML_BODY.encode(), maintype="text", subtype="html", filename="story.html")
    return msg.as_bytes()


MARKUP_AS_TEXT = (
    "We fixed the <script>alert('x')</script> street lights on Mill Lane. "
    '<img src=x onerror="alert(1)"> Thanks to the lighting team. <a href="javascript:alert(2)">more</a>'
)


def with_filename(raw_name: str) -> Callable[[], bytes]:
    def build() -> bytes:
        msg = message()
        attach(msg, photo(), "jpeg", raw_name)
        return msg.as_bytes()

    return build


def rfc2231_traversal() -> bytes:
    msg = message()
    attach(msg, photo(), "jpeg", None)
    part = list(msg.iter_attachments())[-1]
    del part["Content-Disposition"]
    part["Content-Disposition"] = (
        "attachment; filename*=utf-8''..%2F..%2F..%2Fstories%2Fother%2Fv1%2Fstory.json"
    )
    return msg.as_bytes()


@dataclass(frozen=True)
class Case:
    """One hostile email and what must become of it."""

    name: str
    raw: Callable[[], bytes]
    state: State
    text_has: tuple[str, ...] = ()
    text_lacks: tuple[str, ...] = ()
    told: str = ""  # a subject the author's last email must start with ("" = the author is told nothing)
    note_has: tuple[str, ...] = ()  # words in that email
    images: int | None = None
    findings: tuple[str, ...] = ()
    title: str | None = None


RECEIPT = "We have your story"
UNREADABLE = "We could not read your story"

CASES = [
    # --- malformed and deeply nested MIME -------------------------------------------------------
    Case(
        "nested-sixty-multiparts-deep",
        lambda: nested(60),
        State.REJECTED,
        told=UNREADABLE,
        note_has=("nested too deeply",),
    ),
    Case(
        "nested-within-the-limit", lambda: nested(8), State.PENDING_APPROVAL, text_has=(STORY,), told=RECEIPT
    ),
    Case("a-thousand-parts", lambda: many_parts(1000), State.REJECTED, told=UNREADABLE, note_has=("parts",)),
    Case(
        "multipart-never-closed-with-junk-boundaries",
        lambda: (
            headers(extra='MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="a"\r\n\r\n')
            + b"--a\r\nContent-Type: text/plain\r\n\r\n"
            + STORY.encode()
            + b"\r\n--b\r\n--a\r\n--a-\r\n"
        ),
        State.PENDING_APPROVAL,
        text_has=("two tonnes of litter",),
        told=RECEIPT,
    ),
    Case(
        "boundary-of-ten-thousand-characters",
        lambda: (
            headers(
                extra='MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="'
                + "z" * 10_000
                + '"\r\n\r\n'
            )
            + b"--"
            + b"z" * 10_000
            + b"\r\nContent-Type: text/plain\r\n\r\n"
            + STORY.encode()
            + b"\r\n--"
            + b"z" * 10_000
            + b"--\r\n"
        ),
        State.PENDING_APPROVAL,
        text_has=("two tonnes",),
        told=RECEIPT,
    ),
    Case(
        "base64-body-with-broken-padding-and-junk",
        lambda: plain(base64.b64encode(STORY.encode())[:-3] + b"!!*", cte="base64"),
        State.PENDING_APPROVAL,
        text_has=("two tonnes of litter",),
        told=RECEIPT,
    ),
    Case(
        "quoted-printable-with-broken-escapes",
        lambda: plain(
            b"Our crew cleared =E2=80=9Ctwo tonnes=E2=80=9D =ZZ of litter=\r\n today.=",
            cte="quoted-printable",
        ),
        State.PENDING_APPROVAL,
        text_has=("“two tonnes”",),
        told=RECEIPT,
    ),
    Case(
        "header-lines-without-colons-and-nul-bytes",
        lambda: (
            b"From: "
            + FROM.encode()
            + b"\r\nthis is not a header\r\nSubject: Canal\x00 path\r\n\r\n"
            + STORY.encode()
        ),
        State.PENDING_APPROVAL,
        told=RECEIPT,
    ),
    Case("no-from-address", lambda: b"Subject: Canal path\r\n\r\n" + STORY.encode(), State.REJECTED),
    Case(
        "two-from-addresses",
        lambda: b"From: " + FROM.encode() + b", mallory@evil.example\r\nSubject: x\r\n\r\n" + STORY.encode(),
        State.REJECTED,
    ),
    # --- wrong charsets ------------------------------------------------------------------------------
    Case(
        "utf8-bytes-declared-us-ascii",
        lambda: plain("Café opened at the depot.".encode(), charset="us-ascii"),
        State.PENDING_APPROVAL,
        text_has=("Café opened",),
        told=RECEIPT,
    ),
    Case(
        "cp1252-bytes-declared-utf8",
        lambda: plain("Café “opened” at the depot.".encode("cp1252")),
        State.PENDING_APPROVAL,
        text_has=("Caf",),
        told=RECEIPT,
    ),
    Case(
        "unknown-charset",
        lambda: plain("Café opened at the depot.".encode(), charset="x-klingon"),
        State.PENDING_APPROVAL,
        text_has=("Café opened",),
        told=RECEIPT,
    ),
    Case(
        "utf16-declared-for-utf8",
        lambda: plain(STORY.encode(), charset="utf-16"),
        State.PENDING_APPROVAL,
        told=RECEIPT,
    ),
    Case(
        "encoded-word-subject-with-a-bogus-charset",
        lambda: plain(STORY.encode(), subject=b"=?x-bogus?q?Caf=E9?= =?utf-8?b?/w==?= path"),
        State.PENDING_APPROVAL,
        told=RECEIPT,
    ),
    Case(
        "raw-latin1-subject",
        lambda: plain(STORY.encode(), subject="Café path".encode("latin-1")),
        State.PENDING_APPROVAL,
        told=RECEIPT,
    ),
    # --- attachments ------------------------------------------------------------------------------------
    Case(
        "twenty-five-photos",
        twenty_five_photos,
        State.PENDING_APPROVAL,
        images=4,
        told=RECEIPT,
        note_has=("21 more images were not attached",),
    ),
    Case(
        "decompression-bomb-png",
        decompression_bomb,
        State.PENDING_APPROVAL,
        images=1,
        told=RECEIPT,
        note_has=("bomb.png",),
    ),
    Case(
        "svg-with-script",
        lambda: svg_attached(False),
        State.PENDING_APPROVAL,
        images=0,
        told=RECEIPT,
        note_has=("SVG",),
    ),
    Case(
        "svg-with-script-named-png",
        lambda: svg_attached(True),
        State.PENDING_APPROVAL,
        images=0,
        told=RECEIPT,
        note_has=("chart.png",),
    ),
    Case(
        "html-with-script-handlers-and-javascript-urls",
        html_only,
        State.PENDING_APPROVAL,
        text_has=("We reopened the bridge today.", "Thanks to the highways team."),
        text_lacks=("alert", "javascript", "<", "evil.example"),
        told=RECEIPT,
    ),
    Case(
        "html-attachment-with-script",
        html_attachment,
        State.PENDING_APPROVAL,
        images=0,
        told=RECEIPT,
        text_lacks=("alert",),
        note_has=("story.html",),
    ),
    Case(
        "markup-typed-as-plain-text",
        lambda: message(MARKUP_AS_TEXT).as_bytes(),
        State.PENDING_APPROVAL,
        told=RECEIPT,
    ),
    Case(
        "a-one-megabyte-body",
        lambda: message(("The canal path is clear. " * 42_000)[:1_048_576]).as_bytes(),
        State.REJECTED,
        told=UNREADABLE,
        note_has=("the limit is 20,000",),
    ),
    # --- path traversal in attachment filenames ------------------------------------------------------
    Case(
        "filename-with-dot-dot-slashes",
        with_filename("../../../stories/other/v1/story.json.jpg"),
        State.PENDING_APPROVAL,
        images=1,
        told=RECEIPT,
    ),
    Case(
        "filename-with-backslashes",
        with_filename("..\\..\\..\\windows\\win.ini.jpg"),
        State.PENDING_APPROVAL,
        images=1,
        told=RECEIPT,
    ),
    Case(
        "filename-absolute-with-nul",
        with_filename("/etc/passwd\x00.jpg"),
        State.PENDING_APPROVAL,
        images=1,
        told=RECEIPT,
    ),
    Case("filename-only-dots", with_filename(".."), State.PENDING_APPROVAL, images=1, told=RECEIPT),
    Case(
        "filename-rfc2231-encoded-traversal",
        rfc2231_traversal,
        State.PENDING_APPROVAL,
        images=1,
        told=RECEIPT,
    ),
    # --- header injection in subjects ----------------------------------------------------------------
    Case(
        "encoded-crlf-bcc-in-the-subject",
        lambda: plain(STORY.encode(), subject=b"=?utf-8?q?Canal_path=0D=0ABcc:_comms@example.gov.uk?="),
        State.PENDING_APPROVAL,
        told=RECEIPT,
        title="Canal path Bcc: comms@example.gov.uk",
    ),
    Case(
        "encoded-lf-and-headers-in-the-subject",
        lambda: plain(
            STORY.encode(),
            subject=b"=?utf-8?b?" + base64.b64encode(b"Hi\nTo: mallory@evil.example\n\nbody") + b"?=",
        ),
        # The address is a finding now that titles are checked; the subject still carries no header.
        State.CHANGES_NEEDED,
        findings=("PII-EMAIL",),
        told="Changes needed",
    ),
    Case(
        "bare-cr-in-the-subject",
        lambda: plain(STORY.encode(), subject=b"Canal\rBcc: mallory@evil.example"),
        State.PENDING_APPROVAL,
        told=RECEIPT,
    ),
    Case(
        "unicode-line-separators-in-the-subject",
        lambda: plain(
            STORY.encode(),
            subject="Canal\u2028Bcc: comms@example.gov.uk\u0085Cc: contact@example.gov.uk".encode(),
        ),
        State.PENDING_APPROVAL,
        told=RECEIPT,
    ),
    # --- confusables and invisible characters hiding what the checks look for -----------------------------
    Case(
        "nhs-number-with-zero-width-spaces",
        lambda: message("Saw a resident with NHS number 943\u200b476\u200b5919 today.").as_bytes(),
        State.CHANGES_NEEDED,
        findings=("PII-NHS",),
        told="Changes needed",
    ),
    Case(
        "nhs-number-in-full-width-digits",
        lambda: message("Resident NHS number ９４３ ４７６ ５９１９ noted.").as_bytes(),
        State.CHANGES_NEEDED,
        findings=("PII-NHS",),
        told="Changes needed",
    ),
    Case(
        "mobile-number-with-word-joiners",
        lambda: message("Call me on 07700\u2060900\u2060123 to hear more.").as_bytes(),
        State.CHANGES_NEEDED,
        findings=("PII-PHONE",),
        told="Changes needed",
    ),
    Case(
        "swearing-with-a-cyrillic-letter",
        lambda: message("What the fu\u0441k happened to the bins.").as_bytes(),
        State.CHANGES_NEEDED,
        findings=("TONE-PROF",),
        told="Changes needed",
    ),
    Case(
        "swearing-with-zero-width-non-joiners",
        lambda: message("What the f\u200cu\u200cc\u200ck happened to the bins.").as_bytes(),
        State.CHANGES_NEEDED,
        findings=("TONE-PROF",),
        told="Changes needed",
    ),
    Case(
        "nhs-number-in-the-subject",
        lambda: message("We visited residents on the estate today.", subject="NHS 943 476 5919").as_bytes(),
        State.CHANGES_NEEDED,
        findings=("PII-NHS",),
        told="Changes needed",
    ),
]

# Letters from other scripts that look Latin (Armenian "ս", U+057D) hiding swearing.
OTHER_SCRIPTS = [
    Case(
        "swearing-with-an-armenian-letter",
        lambda: message("What the f\u057dck happened to the bins.").as_bytes(),
        State.CHANGES_NEEDED,
        findings=("TONE-PROF",),
        told="Changes needed",
    ),
]


def run_case(hostile: Hostile, case: Case) -> None:
    p = hostile.pipeline
    key = hostile.submit(case.raw())
    assert_settled_safely(p, [key])
    record = p.table.get(story_id_for(key))
    assert record is not None
    assert record.state is case.state, (
        record.state,
        record.reason,
        p.stories.get_findings(record.story_id, record.version) if record.version else None,
    )
    to_author = p.mail_to(FROM)
    if case.told:
        assert to_author, "the author was told nothing"
        assert to_author[-1].subject.startswith(case.told), [m.subject for m in to_author]
        for words in case.note_has:
            assert words in to_author[-1].text or words in record.reason, (words, to_author[-1].text)
    else:
        assert to_author == []
    if record.version == 0:
        return  # nothing became a story version: there is nothing to show or publish
    version = p.stories.get_version(record.story_id, record.version)
    for words in case.text_has:
        assert words in version.text, version.text
    for words in case.text_lacks:
        assert words not in version.text, version.text
    if case.title is not None:
        assert version.title == case.title
    assert "\n" not in version.title and "\r" not in version.title
    if case.images is not None:
        assert len(version.images) == case.images
    prefix = f"stories/{record.story_id}/v{record.version}/"
    assert all(k.startswith(prefix) for k in p.stories.objects if f"/{record.story_id}/" in k)
    assert set(p.stories.objects) <= {
        prefix + "story.json",
        prefix + "findings.json",
        prefix + "photos.json",  # what the inspection saw in the photos
        *(prefix + img.key for img in version.images),
    }
    for img in version.images:
        assert img.key.startswith("media/") and img.key.count("/") == 1 and ".." not in img.key
    verdict = p.stories.get_findings(record.story_id, record.version)
    assert verdict is not None
    assert set(case.findings) <= {f.check for f in verdict.findings}, verdict.findings
    if record.state is State.PENDING_APPROVAL:
        assert active_content(hostile.approval_page()) == []
        hostile.approve()
        record = p.table.get(record.story_id)
        assert record is not None and record.state is State.PUBLISHED, (record.state, record.reason)
        pages = hostile.blog_pages()
        assert f"stories/{record.story_id}/index.html" in pages and "index.html" in pages
        for name, html in pages.items():
            assert active_content(html) == [], name
        assert all(
            k.startswith(("index.html", "feed.xml", f"stories/{record.story_id}/"))
            for k in hostile.bucket.objects
        ), list(hostile.bucket.objects)
        assert_settled_safely(p, [key])


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_hostile_email_has_its_expected_outcome_and_nothing_executable_gets_through(
    hostile: Hostile, case: Case
) -> None:
    run_case(hostile, case)


@pytest.mark.parametrize("case", OTHER_SCRIPTS, ids=[c.name for c in OTHER_SCRIPTS])
def test_swearing_disguised_with_letters_from_other_scripts_is_blocked(hostile: Hostile, case: Case) -> None:
    run_case(hostile, case)
