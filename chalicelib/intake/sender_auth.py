"""Deciding whether an email really comes from a member of staff, from what the receiving server recorded.

Anyone can write any ``From`` header, so a story is only accepted by email when the server that took the
message from the internet (SES in AWS, the local SMTP intake in development) vouches for it in the
``Authentication-Results`` header it prepended. Only the topmost such header is read, and only when its
authserv-id is one we trust: every header below it was written by someone else, possibly the sender.

The header is read by ``authres`` (RFC 8601's grammar, strict mode), never by splitting text on ``;``:
a hand-made splitter once read ``spf=pass`` out of an envelope address the sender chose and let an
unclosed comment hide a ``dmarc=fail``. Anything the grammar cannot read (an unclosed comment, junk, two
SPF or DMARC verdicts, a pass that names no domain) is a fail: the receiving server never writes that,
so whoever did is not to be believed.

In AWS, SES receiving writes (one header, folded here)::

    Authentication-Results: amazonses.com;
     spf=pass (spfCheck: domain of example.gov.uk designates 192.0.2.1 as permitted sender)
     client-ip=192.0.2.1; envelope-from=alex.doe@example.gov.uk; helo=mail.example.gov.uk;
     dkim=pass header.i=@example.gov.uk;
     dmarc=pass header.from=example.gov.uk;

Three things in it are not RFC 8601: ``client-ip=`` has no property type, ``envelope-from=`` and
``helo=`` stand as clauses of their own after a ``;`` (where a method belongs), and the header ends
with a ``;``. authres rejects all three, so the parser below accepts exactly those, and only in that
place: ``envelope-from`` and ``helo`` become the ``smtp.mailfrom`` and ``smtp.helo`` of the SPF result
they follow. SES may also add ``X-SES-Spam-Verdict`` and ``X-SES-Virus-Verdict``; a FAIL in either
refuses the message. The local intake (``local/smtp_intake.py``) writes a standard header with the same
library, so one parser reads both.

What passes: SPF ``pass`` for an envelope domain that is a valid domain name and aligned with the From
domain (or covered by a DMARC pass), or DKIM ``pass`` for a signing domain aligned with the From domain;
and DMARC ``pass`` with ``header.from`` equal to the From domain, or DMARC ``none`` with such an aligned
pass; and the From domain is a staff domain.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from email import _header_value_parser as header_grammar
from email.errors import HeaderParseError, MessageError
from email.message import EmailMessage
from typing import Any

import authres
import authres.core
import authres.dmarc

from ..domain.addresses import in_domain, normalise_domain, parse_address
from ..domain.errors import InvalidAddress, SenderNotAuthenticated
from .headers import parse_headers
from .html_text import clean_line

_SES_VERDICT_HEADERS = ("X-SES-Spam-Verdict", "X-SES-Virus-Verdict")
# SES's own header is a few hundred characters; authres re-scans the rest of the text for each token,
# so a huge forged value would cost quadratic time for nothing.
MAX_HEADER_CHARS = 4000
_DOMAIN_NAME = re.compile(r"(?=.{1,253}\Z)(?:(?!-)[a-z0-9-]{1,63}(?<!-)\.)+(?!-)[a-z0-9-]{1,63}(?<!-)\Z")
_FOLD = re.compile(r"\r?\n(?=[ \t])")
_SES_BARE_CLAUSE = re.compile(r"^(envelope-from|helo)[ \t]*=", re.IGNORECASE)
_SES_BARE_PROPERTY = re.compile(r"^client-ip[ \t]*=", re.IGNORECASE)
_SES_TRAILING_SEMICOLON = re.compile(r"^;[ \t]*\Z")
_SES_CLAUSE_PROPERTY = {"envelope-from": "mailfrom", "helo": "helo"}
_PARSE_ERRORS = (authres.core.AuthResError, ValueError, TypeError, AttributeError, IndexError, RecursionError)


@dataclass(frozen=True)
class SenderIdentity:
    """The authenticated sender: lower-case address and display name."""

    address: str
    name: str

    @property
    def domain(self) -> str:
        """The address's domain (the From domain that passed)."""
        return self.address.rsplit("@", 1)[1]


@dataclass(frozen=True)
class MethodResult:
    """One ``method=result`` entry of an Authentication-Results header, with its properties.

    ``properties`` maps ``ptype.property`` (``smtp.mailfrom``, ``header.d``…) to its value; a property
    given twice makes the header unreadable, so there is only ever one value to believe.
    """

    method: str
    result: str
    properties: dict[str, str] = field(default_factory=dict)

    def domain(self) -> str:
        """The domain this result is about (SPF: the MAIL FROM; DKIM: the signing domain; DMARC: From),
        lower-case, or "" when the result names none."""
        if self.method == "spf":
            keys: tuple[str, ...] = ("smtp.mailfrom",)
        elif self.method == "dkim":
            keys = ("header.d", "header.i")
        elif self.method == "dmarc":
            keys = ("header.from",)
        else:
            keys = ("smtp.mailfrom", "header.d", "header.i", "header.from")
        for key in keys:
            value = self.properties.get(key, "")
            if value:
                return normalise_domain(value.rsplit("@", 1)[-1])
        return ""


@dataclass(frozen=True)
class AuthenticationResults:
    """A parsed Authentication-Results header (RFC 8601)."""

    authserv_id: str
    results: tuple[MethodResult, ...]

    def of(self, method: str) -> tuple[MethodResult, ...]:
        return tuple(r for r in self.results if r.method == method)


def is_domain_name(domain: str) -> bool:
    """A syntactically valid (ASCII, LDH, at least two labels) domain name, already normalised."""
    return bool(_DOMAIN_NAME.match(domain))


def domains_aligned(a: str, b: str, *, org_domains: Sequence[str] = ()) -> bool:
    """Relaxed DMARC alignment without the public suffix list.

    Two domains align when one is the other or a parent of it, or both sit under the same known
    organisational domain (a staff domain). Guessing the organisational domain as "the last two labels"
    would make every ``*.gov.uk`` align with every other, so that guess is deliberately not made.
    """
    a, b = normalise_domain(a), normalise_domain(b)
    if not a or not b:
        return False
    if in_domain(a, [b]) or in_domain(b, [a]):
        return True
    return any(in_domain(a, [org]) and in_domain(b, [org]) for org in org_domains)


class _Header(authres.core.AuthenticationResultsHeader):  # type: ignore[misc]  # authres is untyped
    """authres's header grammar in strict mode, plus the three things SES writes that RFC 8601 does not.

    Strict: without it authres skips a property it cannot read and carries on, which is how an
    unclosed comment or junk after a result would go unnoticed. The SES additions are read here, inside
    the grammar (so a comment or quoted string can never be mistaken for one), and only where SES puts
    them; anywhere else they are still syntax errors.
    """

    _parse_text: str  # what is left to parse (authres's own state)

    def __init__(self, feature_context: Any, *args: Any, **kwargs: Any) -> None:
        kwargs["strict"] = True
        super().__init__(feature_context, *args, **kwargs)
        self._last_result: Any = None

    def _parse_resinfo(self) -> Any:
        while True:
            self._parse_rfc5322_cfws()
            if _SES_TRAILING_SEMICOLON.match(self._parse_text):
                self._parse_text = ""  # SES ends its header with ";"
                return None
            if not self._parse_text.startswith(";"):
                break
            bare = _SES_BARE_CLAUSE.match(self._parse_text[1:].lstrip(" \t"))
            if bare is None:
                break
            # SES's "; envelope-from=…" and "; helo=…": properties of the SPF result before them.
            self._parse_pattern(r";[ \t]*" + re.escape(bare.group(0)))
            value = self._parse_pvalue()
            previous = self._last_result
            if getattr(previous, "method", None) != "spf":
                raise authres.core.SyntaxError("SES's envelope-from or helo outside an SPF result")
            if value:
                name = _SES_CLAUSE_PROPERTY[bare.group(1).lower()]
                previous.properties.append(authres.core.AuthenticationResultProperty("smtp", name, value))
        result = super()._parse_resinfo()
        if result is not None:
            self._last_result = result
        return result

    def _parse_propspec(self) -> Any:
        self._parse_rfc5322_cfws()
        if _SES_BARE_PROPERTY.match(self._parse_text):
            # SES's "client-ip=192.0.2.1" (no "policy." or "smtp." before it). Kept, never used.
            self._parse_pattern(r"client-ip[ \t]*=")
            value = self._parse_pvalue()
            if not value:
                raise authres.core.SyntaxError("client-ip without a value")
            return authres.core.AuthenticationResultProperty("ses", "client-ip", value)
        return super()._parse_propspec()


_FEATURES = authres.FeatureContext(authres.dmarc)


def parse_authentication_results(value: str) -> AuthenticationResults:
    """Parse one header value (folded or not); raises SenderNotAuthenticated if it cannot be read.

    Beyond the grammar, a header is unreadable when it gives SPF or DMARC more than once, mixes a
    DKIM ``none`` with other DKIM results, gives one DKIM domain two different results, repeats a
    property, or names a domain that is not a domain name.
    """
    if len(value) > MAX_HEADER_CHARS:
        raise SenderNotAuthenticated("the receiving server's Authentication-Results is too long to read")
    text = _FOLD.sub("", value).strip(" \t\r\n")
    try:
        header = _Header.parse_value(_FEATURES, text)
        results = tuple(_method_result(r) for r in header.results)
        authserv_id = str(header.authserv_id)
    except _PARSE_ERRORS as e:
        raise _unreadable(_parse_error_text(e)) from e
    _check_consistent(results)
    return AuthenticationResults(authserv_id, results)


def authenticate_sender(
    raw: bytes, *, trusted_authserv_ids: Sequence[str], staff_domains: Sequence[str]
) -> SenderIdentity:
    """Who sent ``raw``, if the receiving server vouches for them and they are staff.

    Raises SenderNotAuthenticated with a reason fit for the audit log. The checks, in order: exactly one
    From address; no SES spam or virus verdict of FAIL; a readable topmost Authentication-Results from a
    trusted server; SPF or DKIM passed; DMARC is about the From domain and passed (with an SPF pass or
    an aligned DKIM pass), or was ``none`` with an SPF/DKIM pass aligned with the From domain; the From
    domain is a staff domain (or a subdomain of one).
    """
    msg = _parse_headers(raw)
    address, name = from_header(msg)
    from_domain = address.rsplit("@", 1)[1]

    for header in _SES_VERDICT_HEADERS:
        for _, verdict in _raw_headers(msg, header):
            if _FOLD.sub("", verdict).strip().upper().startswith("FAIL"):
                kind = "spam" if "Spam" in header else "virus"
                raise SenderNotAuthenticated(f"the receiving server's {kind} check failed ({header}: FAIL)")

    ar_headers = _raw_headers(msg, "Authentication-Results")
    if not ar_headers:
        raise SenderNotAuthenticated("no Authentication-Results from the receiving server")
    ar = parse_authentication_results(ar_headers[0][1])
    trusted = {t.strip().lower() for t in trusted_authserv_ids}
    if ar.authserv_id not in trusted:
        shown = clean_line(ar.authserv_id, max_chars=80) or "(blank)"
        raise SenderNotAuthenticated(
            f"no Authentication-Results from the receiving server (the topmost is from {shown})"
        )

    spf = next(iter(ar.of("spf")), None)
    dkim = ar.of("dkim")
    spf_pass = spf is not None and spf.result == "pass"
    dkim_passes = [r for r in dkim if r.result == "pass"]
    if not spf_pass and not dkim_passes:
        spf_word = spf.result if spf is not None else "missing"
        dkim_word = ",".join(r.result for r in dkim) if dkim else "missing"
        raise SenderNotAuthenticated(f"SPF and DKIM both failed (spf={spf_word}, dkim={dkim_word})")

    dmarc = next(iter(ar.of("dmarc")), None)
    dmarc_result = dmarc.result if dmarc is not None else "none"
    if dmarc is not None and dmarc.domain() and dmarc.domain() != from_domain:
        raise SenderNotAuthenticated(
            f"DMARC result is for {dmarc.domain()}, not the From domain {from_domain}"
        )

    spf_aligned = (
        spf is not None and spf_pass and domains_aligned(spf.domain(), from_domain, org_domains=staff_domains)
    )
    dkim_aligned = any(
        domains_aligned(r.domain(), from_domain, org_domains=staff_domains) for r in dkim_passes
    )
    if dmarc_result == "pass":
        # The DMARC pass is about the From domain (checked above) and vouches for SPF's alignment; a
        # DKIM pass still counts only for an aligned signing domain.
        if not spf_pass and not dkim_aligned:
            raise SenderNotAuthenticated(
                f"DMARC pass for {from_domain}, but the only DKIM pass is for a domain not aligned with it"
            )
    elif dmarc_result == "none":
        if not spf_aligned and not dkim_aligned:
            raise SenderNotAuthenticated(
                f"DMARC none for {from_domain} and no SPF or DKIM pass aligned with it"
            )
    elif dmarc_result == "fail":
        raise SenderNotAuthenticated(f"DMARC failed for {from_domain}")
    else:
        raise SenderNotAuthenticated(f"DMARC {clean_line(dmarc_result, max_chars=20)} for {from_domain}")

    if not in_domain(from_domain, staff_domains):
        raise SenderNotAuthenticated(f"sender domain {from_domain} is not a staff domain")

    return SenderIdentity(address=address, name=name)


def _method_result(result: Any) -> MethodResult:
    properties: dict[str, str] = {}
    for prop in result.properties:
        key = f"{prop.type}.{prop.name}"
        if key in properties:
            raise authres.core.SyntaxError("a property given twice in one result")
        properties[key] = str(prop.value or "")
    return MethodResult(str(result.method), str(result.result), properties)


def _check_consistent(results: tuple[MethodResult, ...]) -> None:
    """The checks the grammar cannot make: real domain names, and one verdict per question."""
    for r in results:
        if r.method not in ("spf", "dkim", "dmarc"):
            continue
        d = r.domain()
        if d and not is_domain_name(d):
            raise _unreadable(f"its {r.method} result names something that is not a domain")
        if r.result == "pass" and not d:
            what = {"spf": "envelope", "dkim": "signing", "dmarc": "From"}[r.method]
            raise _unreadable(f"its {r.method} pass names no {what} domain")
    for method, label in (("spf", "SPF"), ("dmarc", "DMARC")):
        count = sum(1 for r in results if r.method == method)
        if count > 1:
            raise _unreadable(f"it gives {count} {label} results")
    dkim = [r for r in results if r.method == "dkim"]
    if len(dkim) > 1 and any(r.result == "none" for r in dkim):
        raise _unreadable("it gives DKIM none beside other DKIM results")
    by_domain: dict[str, str] = {}
    for r in dkim:
        d = r.domain()
        if d and by_domain.setdefault(d, r.result) != r.result:
            raise _unreadable(f"it gives {d} two different DKIM results")


def _unreadable(why: str) -> SenderNotAuthenticated:
    return SenderNotAuthenticated(
        f"the receiving server's Authentication-Results could not be read ({clean_line(why, max_chars=120)})"
    )


def _parse_error_text(error: BaseException) -> str:
    # authres's messages may quote what it stopped at ("… at: <text>", "got <ptype>"); that text is the
    # sender's, so only the fixed part of the message is kept.
    message = getattr(error, "message", None)
    if isinstance(error, authres.core.AuthResError) and isinstance(message, str) and message:
        return message.split(" at: ", 1)[0].split(", got ", 1)[0]
    return "not RFC 8601"


def _parse_headers(raw: bytes) -> EmailMessage:
    try:
        msg = parse_headers(raw)
    except (ValueError, TypeError, IndexError, LookupError, RecursionError) as e:
        raise SenderNotAuthenticated("the message headers could not be read") from e
    return msg


def from_address(raw: bytes) -> tuple[str, str]:
    """The message's one From address (lower-case, a plain ``local@domain``) and its display name,
    cleaned to one line; raises SenderNotAuthenticated when there is not exactly one usable address."""
    return from_header(_parse_headers(raw))


def from_header(msg: EmailMessage, *, max_name_chars: int = 100) -> tuple[str, str]:
    """The one From address (lower-case, checked by ``parse_address``) and its display name on one line.

    Read with the standard library's own address grammar, but without building its ``Address`` objects:
    those refuse a display name whose encoded words decode to CR or LF, and such a name is only text to
    clean, not a reason to lose a staff member's story.
    """
    from_headers = _raw_headers(msg, "From")
    if not from_headers:
        raise SenderNotAuthenticated("the message has no From header")
    if len(from_headers) > 1:
        raise SenderNotAuthenticated("the message has more than one From header")
    value = _FOLD.sub("", from_headers[0][1])
    try:
        address_list, rest = header_grammar.get_address_list(value)
        mailboxes = list(address_list.all_mailboxes)
        valid = list(address_list.mailboxes)
    except (HeaderParseError, MessageError, ValueError, TypeError, IndexError, AttributeError) as e:
        raise SenderNotAuthenticated("the From header could not be read") from e
    if rest.strip() or len(mailboxes) != len(valid):
        raise SenderNotAuthenticated("the From header could not be read")
    if len(mailboxes) != 1:
        raise SenderNotAuthenticated(f"the From header must hold exactly one address, not {len(mailboxes)}")
    mailbox = mailboxes[0]
    if not mailbox.local_part or not mailbox.domain:
        raise SenderNotAuthenticated("the From header has no usable address")
    try:
        address = parse_address(str(mailbox.addr_spec)).addr_spec
    except InvalidAddress as e:
        raise SenderNotAuthenticated(f"the From address cannot be used ({e.reason})") from e
    name = clean_line(_unescape(str(mailbox.display_name or "")), max_chars=max_name_chars)
    return address, name


def _unescape(text: str) -> str:
    # Raw 8-bit bytes in a header arrive as lone surrogates: UTF-8 ones are read back as text, the rest
    # become U+FFFD (and any surrogate left over is removed by clean_line).
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeError:
        return text


def _raw_headers(msg: EmailMessage, name: str) -> list[tuple[str, str]]:
    """Headers called ``name`` in the order they appear (top first), values exactly as received."""
    wanted = name.lower()
    return [(k, str(v)) for k, v in msg.raw_items() if k.lower() == wanted]
