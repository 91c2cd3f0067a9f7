"""Reading mail headers and bytes the way hostile or broken mail needs: never raising, losing nothing.

Mail often declares the wrong charset or none, carries raw 8-bit bytes in headers, or dates from 1970;
these helpers give the parser text it can use in every such case.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from email.errors import MessageError
from email.header import decode_header
from email.message import EmailMessage
from email.parser import BytesParser
from email.policy import default

# Errors the stdlib email package can raise on hostile input instead of recording a defect.
EMAIL_ERRORS = (
    MessageError,
    ValueError,
    TypeError,
    IndexError,
    KeyError,
    AttributeError,
    LookupError,
    AssertionError,
)
# The blank line that ends a message's headers, whatever the line endings (a lone CR counts only when no
# LF follows it, so one CRLF is never read as two line ends).
_HEADERS_END = re.compile(rb"(?:\r\n|\n|\r(?!\n))(?:\r\n|\n|\r(?!\n))")
_ENCODED_WORD = re.compile(r"=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=")
# RFC 2047: white space between adjacent encoded words is not part of the text.
_BETWEEN_ENCODED_WORDS = re.compile(r"\?=\s+=\?")


def header_block(raw: bytes) -> bytes:
    """The message's bytes up to and including the blank line that ends its headers (all of it when
    there is no blank line)."""
    end = _HEADERS_END.search(raw)
    return raw[: end.end()] if end else raw


def parse_headers(raw: bytes) -> EmailMessage:
    """The message's headers only, parsed from the bytes before the first blank line.

    The stdlib's headers-only parse still reads the whole body into a string and splits it into lines
    (about five copies of a photo's base64); a handler that needs only the headers should not pay that.
    """
    msg = BytesParser(policy=default).parsebytes(header_block(raw), headersonly=True)
    assert isinstance(msg, EmailMessage)  # the default policy always makes one
    return msg


def decode_bytes(data: bytes, charset: str | None) -> str:
    """Decode with the declared charset, else UTF-8, else Windows-1252 with replacement: never raises.

    Mail often declares the wrong charset (us-ascii for UTF-8, UTF-8 for Windows-1252) or one Python
    does not know; the sender should still get their story through.
    """
    for candidate in (charset or "us-ascii", "utf-8"):
        try:
            return data.decode(candidate)
        except (LookupError, UnicodeDecodeError, ValueError, TypeError):
            continue
    return data.decode("cp1252", errors="replace")


def header_text(msg: EmailMessage, name: str) -> str:
    """A header's text with RFC 2047 words decoded by us, so bad charsets and raw 8-bit bytes survive."""
    raws = [v for k, v in msg.raw_items() if k.lower() == name.lower()]
    if not raws:
        return ""
    value = fix_surrogates(re.sub(r"\r?\n(?=[ \t])", "", str(raws[0])))
    value = _BETWEEN_ENCODED_WORDS.sub("?==?", value)
    return _ENCODED_WORD.sub(_decode_word, value)


def _decode_word(match: re.Match[str]) -> str:
    try:
        parts = decode_header(match.group(0))
    except (*EMAIL_ERRORS, UnicodeError):
        return match.group(0)
    return "".join(decode_bytes(d, c) if isinstance(d, bytes) else d for d, c in parts)


def received_at(msg: EmailMessage, now: datetime | None) -> datetime | None:
    try:
        header = msg["Date"]
        value = getattr(header, "datetime", None)
    except EMAIL_ERRORS:
        return None
    if not isinstance(value, datetime):
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)  # "-0000": zone unknown; UTC is the honest guess
    latest = (now or datetime.now(UTC)) + timedelta(days=1)
    if value.year < 2000 or value > latest:
        return None
    return value


def _has_surrogates(value: str) -> bool:
    return any("\udc80" <= ch <= "\udcff" for ch in value)


def fix_surrogates(value: str) -> str:
    if not _has_surrogates(value):
        return value
    return decode_bytes(value.encode("utf-8", "surrogateescape"), "utf-8")


def megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.1f}".rstrip("0").rstrip(".")
