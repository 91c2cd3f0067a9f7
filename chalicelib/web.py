"""HTTP plumbing for the pages: form bodies, cookies and the security headers every page carries."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.parser import BytesParser
from email.policy import HTTP
from http.cookies import SimpleCookie
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

from .domain.errors import BadForm

MAX_BODY_BYTES = 10 * 1024 * 1024  # API Gateway's payload limit

# "same-origin", not "no-referrer": a page's links carry signed tokens that must not leak to another
# site, but under "no-referrer" browsers send "Origin: null" with our own forms, and the Origin check
# (a second line behind the form tokens) could not tell our pages from a sandboxed attacker's.
SECURITY_HEADERS = {
    "Content-Type": "text/html; charset=utf-8",
    "Cache-Control": "no-store",
    "Referrer-Policy": "same-origin",
    "X-Robots-Tag": "noindex, nofollow",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": (
        "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
}


@dataclass(frozen=True)
class UploadedFile:
    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class FormBody:
    fields: dict[str, str]
    files: dict[str, UploadedFile]


def parse_form_body(content_type: str, body: bytes) -> FormBody:
    """Read urlencoded or multipart form data; the stdlib's MIME parser handles multipart."""
    if len(body) > MAX_BODY_BYTES:
        raise BadForm("The form was too large. Photos must be smaller than 10 MB in total.")
    ctype = (content_type or "").split(";", 1)[0].strip().lower()
    if ctype == "application/x-www-form-urlencoded":
        parsed = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
        return FormBody({k: v[0] for k, v in parsed.items()}, {})
    if ctype != "multipart/form-data":
        raise BadForm("The form was sent in a way we cannot read.")
    msg = BytesParser(policy=HTTP).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1", "replace") + b"\r\n\r\n" + body
    )
    if not msg.is_multipart():
        raise BadForm("The form was sent in a way we cannot read.")
    fields: dict[str, str] = {}
    files: dict[str, UploadedFile] = {}
    for part in msg.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str):
            continue
        filename = part.get_filename()
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
        if filename is not None:
            if data:
                files[name] = UploadedFile(filename, part.get_content_type(), data)
        else:
            fields[name] = _decode(data, part.get_content_charset() or "utf-8")
    return FormBody(fields, files)


def _decode(data: bytes, charset: str) -> str:
    try:
        return data.decode(charset, "replace")
    except LookupError as e:  # a charset Python does not know: the sender's form is broken, not ours
        raise BadForm("The form was sent in a character set we cannot read.") from e


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` of a URL, lower-cased; "" when it has none."""
    parts = urlsplit(url.strip())
    if not parts.scheme or not parts.netloc:
        return ""
    return f"{parts.scheme}://{parts.netloc}".lower()


def foreign_origin(headers: Mapping[str, str], allowed: Iterable[str]) -> bool:
    """True when the browser says a POST came from a page on another site.

    The second line behind the form tokens: browsers send ``Origin`` on every POST (``null`` from a
    sandboxed frame or a privacy redirect, which is refused too). Without it, ``Referer`` is read if
    present; a client that sends neither is left to the form token alone.
    """
    origins = {origin_of(a) for a in allowed} - {""}
    origin = headers.get("origin")
    if origin is None:
        referer = headers.get("referer")
        if not referer:
            return False
        origin = origin_of(referer)
    return origin.strip().lower() not in origins


def cookie(headers: Mapping[str, str], name: str) -> str | None:
    raw = headers.get("cookie") or headers.get("Cookie")
    if not raw:
        return None
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(raw)
    except Exception:
        return None
    morsel = jar.get(name)
    return morsel.value if morsel else None


def local_time(value: str, zone: str) -> datetime | None:
    """A ``datetime-local`` field (wall-clock time where the organisation is) as an aware UTC time."""
    value = value.strip()
    if not value:
        return None
    naive = datetime.fromisoformat(value)
    if naive.tzinfo is not None:
        return naive.astimezone(UTC)
    return naive.replace(tzinfo=ZoneInfo(zone)).astimezone(UTC)
