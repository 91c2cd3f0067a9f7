"""Deciding whether an email really comes from a member of staff, from what the receiving server recorded.

Anyone can write any ``From`` header, so a story is only accepted by email when the server that took the
message from the internet (SES in AWS, the local SMTP intake in development) vouches for it in the
``Authentication-Results`` header it prepended. Only the topmost such header is read, and only when its
authserv-id is one we trust: every header below it was written by someone else, possibly the sender.
"""

from __future__ import annotations

import email.policy
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from email.headerregistry import Address
from email.message import EmailMessage
from email.parser import BytesHeaderParser

from ..domain.errors import SenderNotAuthenticated
from .html_text import clean_line

_SES_VERDICT_HEADERS = ("X-SES-Spam-Verdict", "X-SES-Virus-Verdict")


@dataclass(frozen=True)
class SenderIdentity:
    """The authenticated sender: lower-case address, display name and the address's domain."""

    address: str
    name: str
    domain: str


@dataclass(frozen=True)
class MethodResult:
    """One ``method=result`` entry of an Authentication-Results header, with its properties."""

    method: str
    result: str
    properties: dict[str, str] = field(default_factory=dict)

    def domain(self) -> str:
        """The domain this result is about (SPF: the MAIL FROM; DKIM: the signing domain; DMARC: From)."""
        for key in ("smtp.mailfrom", "header.d", "header.i", "header.from", "smtp.helo"):
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


def normalise_domain(domain: str) -> str:
    return domain.strip().strip("<>").strip().rstrip(".").lower()


def in_domains(domain: str, domains: Sequence[str]) -> bool:
    """True if ``domain`` is one of ``domains`` or a subdomain of one."""
    domain = normalise_domain(domain)
    for candidate in domains:
        d = normalise_domain(candidate)
        if d and (domain == d or domain.endswith("." + d)):
            return True
    return False


def domains_aligned(a: str, b: str, *, org_domains: Sequence[str] = ()) -> bool:
    """Relaxed DMARC alignment without the public suffix list.

    Two domains align when one is the other or a parent of it, or both sit under the same known
    organisational domain (a staff domain). Guessing the organisational domain as "the last two labels"
    would make every ``*.gov.uk`` align with every other, so that guess is deliberately not made.
    """
    a, b = normalise_domain(a), normalise_domain(b)
    if not a or not b:
        return False
    if a == b or a.endswith("." + b) or b.endswith("." + a):
        return True
    return any(in_domains(a, [org]) and in_domains(b, [org]) for org in org_domains)


def parse_authentication_results(value: str) -> AuthenticationResults:
    """Parse one header value; comments are dropped and unknown tokens ignored, never guessed at."""
    segments = _split_top_level(_unfold(value))
    head = segments[0].split()
    authserv_id = head[0].strip('"').lower() if head else ""
    results: list[MethodResult] = []
    for segment in segments[1:]:
        tokens = re.sub(r"\s*=\s*", "=", segment.strip()).split()
        if not tokens or "=" not in tokens[0]:
            continue  # "none" (no checks done) or junk
        method, _, result = tokens[0].partition("=")
        props: dict[str, str] = {}
        for token in tokens[1:]:
            key, eq, val = token.partition("=")
            if eq:
                props[key.lower()] = val.strip('"')
        results.append(MethodResult(method.split("/")[0].lower(), result.strip('"').lower(), props))
    return AuthenticationResults(authserv_id, tuple(results))


def authenticate_sender(
    raw: bytes, *, trusted_authserv_ids: Sequence[str], staff_domains: Sequence[str]
) -> SenderIdentity:
    """Who sent ``raw``, if the receiving server vouches for them and they are staff.

    Raises SenderNotAuthenticated with a reason fit for the audit log. The checks, in order: exactly one
    From address; no SES spam or virus verdict of FAIL; a topmost Authentication-Results from a trusted
    server; SPF or DKIM passed; DMARC passed, or was ``none`` with an SPF/DKIM pass aligned with the
    From domain; the From domain is a staff domain (or a subdomain of one).
    """
    msg = _parse_headers(raw)
    sender = _single_from(msg)
    from_domain = normalise_domain(sender.domain)

    for header in _SES_VERDICT_HEADERS:
        for _, verdict in _raw_headers(msg, header):
            if _unfold(verdict).strip().upper().startswith("FAIL"):
                kind = "spam" if "Spam" in header else "virus"
                raise SenderNotAuthenticated(f"the receiving server's {kind} check failed ({header}: FAIL)")

    ar_headers = _raw_headers(msg, "Authentication-Results")
    if not ar_headers:
        raise SenderNotAuthenticated("no Authentication-Results from the receiving server")
    ar = parse_authentication_results(ar_headers[0][1])
    trusted = {t.lower() for t in trusted_authserv_ids}
    if ar.authserv_id not in trusted:
        shown = clean_line(ar.authserv_id, max_chars=80) or "(blank)"
        raise SenderNotAuthenticated(
            f"no Authentication-Results from the receiving server (the topmost is from {shown})"
        )

    spf = ar.of("spf")
    dkim = ar.of("dkim")
    spf_passes = [r for r in spf if r.result == "pass"]
    dkim_passes = [r for r in dkim if r.result == "pass"]
    if not spf_passes and not dkim_passes:
        spf_word = spf[0].result if spf else "missing"
        dkim_word = ",".join(r.result for r in dkim) if dkim else "missing"
        raise SenderNotAuthenticated(f"SPF and DKIM both failed (spf={spf_word}, dkim={dkim_word})")

    dmarc = ar.of("dmarc")
    dmarc_result = dmarc[0].result if dmarc else "none"
    if dmarc:
        dmarc_domain = dmarc[0].domain()
        if dmarc_domain and dmarc_domain != from_domain:
            raise SenderNotAuthenticated(
                f"DMARC result is for {dmarc_domain}, not the From domain {from_domain}"
            )
    if dmarc_result == "pass":
        pass
    elif dmarc_result == "none":
        aligned = [
            r
            for r in (*spf_passes, *dkim_passes)
            if domains_aligned(r.domain(), from_domain, org_domains=staff_domains)
        ]
        if not aligned:
            raise SenderNotAuthenticated(
                f"DMARC none for {from_domain} and no SPF or DKIM pass aligned with it"
            )
    elif dmarc_result == "fail":
        raise SenderNotAuthenticated(f"DMARC failed for {from_domain}")
    else:
        raise SenderNotAuthenticated(f"DMARC {clean_line(dmarc_result, max_chars=20)} for {from_domain}")

    if not in_domains(from_domain, staff_domains):
        raise SenderNotAuthenticated(f"sender domain {from_domain} is not a staff domain")

    return SenderIdentity(
        address=sender.addr_spec.lower(),
        name=clean_line(sender.display_name or "", max_chars=100),
        domain=from_domain,
    )


def _parse_headers(raw: bytes) -> EmailMessage:
    try:
        msg = BytesHeaderParser(policy=email.policy.default).parsebytes(raw)
    except (ValueError, TypeError, IndexError, LookupError, RecursionError) as e:
        raise SenderNotAuthenticated("the message headers could not be read") from e
    if not isinstance(msg, EmailMessage):  # pragma: no cover - the default policy always makes one
        raise SenderNotAuthenticated("the message headers could not be read")
    return msg


def _single_from(msg: EmailMessage) -> Address:
    from_headers = _raw_headers(msg, "From")
    if not from_headers:
        raise SenderNotAuthenticated("the message has no From header")
    if len(from_headers) > 1:
        raise SenderNotAuthenticated("the message has more than one From header")
    try:
        header = msg["From"]
        addresses: tuple[Address, ...] = tuple(header.addresses) if header is not None else ()
    except (ValueError, TypeError, IndexError, AttributeError, LookupError) as e:
        raise SenderNotAuthenticated("the From header could not be read") from e
    if len(addresses) != 1:
        raise SenderNotAuthenticated(f"the From header must hold exactly one address, not {len(addresses)}")
    address = addresses[0]
    if not address.username or not address.domain or "@" not in address.addr_spec:
        raise SenderNotAuthenticated("the From header has no usable address")
    return address


def _raw_headers(msg: EmailMessage, name: str) -> list[tuple[str, str]]:
    """Headers called ``name`` in the order they appear (top first), values exactly as received."""
    wanted = name.lower()
    return [(k, str(v)) for k, v in msg.raw_items() if k.lower() == wanted]


def _unfold(value: str) -> str:
    return re.sub(r"\r?\n[ \t]*", " ", value)


def _split_top_level(value: str) -> list[str]:
    """Split on ``;`` outside comments and quoted strings, dropping (possibly nested) comments."""
    segments: list[str] = []
    current: list[str] = []
    depth = 0
    in_quote = False
    escaped = False
    for ch in value:
        if escaped:
            if depth == 0:
                current.append(ch)
            escaped = False
        elif ch == "\\" and (in_quote or depth):
            escaped = True
            if depth == 0:
                current.append(ch)
        elif in_quote:
            current.append(ch)
            if ch == '"':
                in_quote = False
        elif ch == "(":
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
        elif depth:
            continue
        elif ch == '"':
            in_quote = True
            current.append(ch)
        elif ch == ";":
            segments.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
    segments.append("".join(current).strip())
    # The first segment is always the authserv-id, even when blank, so a method cannot pose as one.
    return [segments[0], *(s for s in segments[1:] if s)]
