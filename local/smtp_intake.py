"""A local SMTP server that plays SES receiving, so the email path runs end to end on one laptop.

Like SES it refuses unknown recipients and oversize mail, judges the sender (SPF and DMARC against a
small in-memory "DNS" table), writes its verdict as the topmost ``Authentication-Results`` header under
its own authserv-id, and stores the raw message under ``raw/email/<unique id>``. Whatever
Authentication-Results a sender wrote into the message is left where it is, below ours, where
``authenticate_sender`` never looks. Never deployed.

Our header is built by ``authres`` (the library ``authenticate_sender`` reads it with) from values this
server has checked itself: the envelope sender only when it is exactly one plain ``local@domain``
(anything else is left out and SPF is ``permerror``), the From domain only when the message has exactly
one usable From address. Nothing the client sent is copied into the header as it came: a MAIL FROM of
``<x@[;spf=pass;dmarc=pass;x]>`` once wrote its own verdicts into our header. A message whose first
line starts with whitespace and carries text is refused, because that line would fold into our header as
a continuation of it; blank lines of spaces before the headers (real clients leave them: four messages of
the shared real-mail set begin so) carry nothing, and are dropped instead, as SES folds them into its own
last header.

Like SES, and unlike RFC 5321, it takes lines longer than 1,000 bytes and bare LF line ends (mail
clients send both); only the message size is limited.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import uuid
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import authres
import authres.dmarc
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

from chalicelib.domain.addresses import in_domain, normalise_domain, parse_address
from chalicelib.domain.errors import InvalidAddress, SenderNotAuthenticated
from chalicelib.intake.sender_auth import (
    domains_aligned,
    from_address,
    is_domain_name,
    parse_authentication_results,
)

LOCAL_AUTHSERV_ID = "local-intake.real-stories.invalid"
DEFAULT_MAX_MESSAGE_BYTES = 40 * 1024 * 1024  # SES receiving's limit
_LOOPBACK = ("127.0.0.1", "::1")
_AUTHRES = authres.FeatureContext(authres.dmarc)
LEADING_WHITESPACE_REPLY = (
    "554 5.6.0 Message refused: it starts with whitespace, which would join the receiving server's header"
)

log = logging.getLogger(__name__)

Store = Callable[[str, bytes], None]


def _without_blank_leading_lines(raw: bytes) -> bytes:
    """``raw`` without the lines of only spaces and tabs that some clients write before the headers."""
    while raw[:1] in (b" ", b"\t"):
        line, sep, rest = raw.partition(b"\n")
        if not sep or line.strip(b" \t\r"):
            break  # a line with text in it: left for the caller to refuse
        raw = rest
    return raw


def envelope_sender(mail_from: str) -> str | None:
    """The MAIL FROM as one plain lower-case ``local@domain``; "" for the null sender (bounces, ``<>``);
    None when it is anything else (a list, a quoted or bracketed part, an IP literal, a control…)."""
    if not mail_from.strip() or mail_from.strip() == "<>":
        return ""
    try:
        return parse_address(mail_from).addr_spec
    except InvalidAddress:
        return None


def spf_result(mail_from: str, peer_ip: str, records: Mapping[str, Sequence[str]]) -> str:
    """SPF against the local table: pass if the MAIL FROM domain lists the peer, fail if it does not,
    none if the domain has no record (or the envelope sender is empty, as for bounces), permerror if
    the envelope sender is not a plain address."""
    sender = envelope_sender(mail_from)
    if sender is None:
        return "permerror"
    if not sender:
        return "none"
    domain = sender.rsplit("@", 1)[1]
    allowed = records.get(domain)
    if allowed is None:
        return "none"
    try:
        peer = ipaddress.ip_address(peer_ip)
    except ValueError:
        return "fail"
    if isinstance(peer, ipaddress.IPv6Address) and peer.ipv4_mapped is not None:
        peer = peer.ipv4_mapped
    for entry in allowed:
        try:
            if peer in ipaddress.ip_network(entry, strict=False):
                return "pass"
        except ValueError:
            continue
    return "fail"


def dmarc_result(
    *, spf: str, mail_from: str, from_domain: str, dmarc_domains: Sequence[str], org_domains: Sequence[str]
) -> str:
    """DMARC with DKIM unverified: pass on an aligned SPF pass; fail if the From domain publishes a
    policy (it or a parent is in ``dmarc_domains``) without one; none otherwise."""
    sender = envelope_sender(mail_from) or ""
    envelope_domain = sender.rsplit("@", 1)[1] if sender else ""
    if spf == "pass" and domains_aligned(envelope_domain, from_domain, org_domains=org_domains):
        return "pass"
    if in_domain(from_domain, dmarc_domains):
        return "fail"
    return "none"


def authentication_results(
    raw: bytes,
    *,
    mail_from: str,
    peer_ip: str,
    spf_records: Mapping[str, Sequence[str]],
    dmarc_domains: Sequence[str],
    org_domains: Sequence[str],
    authserv_id: str = LOCAL_AUTHSERV_ID,
) -> str:
    """The full ``Authentication-Results:`` header line (with CRLF) this server would prepend."""
    if not is_domain_name(authserv_id):
        raise ValueError("the authserv-id must be a domain name")
    sender = envelope_sender(mail_from)
    spf = spf_result(mail_from, peer_ip, spf_records)
    try:
        _, from_domain = from_address(raw)[0].rsplit("@", 1)
    except SenderNotAuthenticated:
        from_domain = ""
    if from_domain:
        dmarc = dmarc_result(
            spf=spf,
            mail_from=mail_from,
            from_domain=from_domain,
            dmarc_domains=dmarc_domains,
            org_domains=org_domains,
        )
    else:
        dmarc = "permerror"  # DMARC cannot be evaluated without exactly one usable From address
    header = _AUTHRES.header(
        authserv_id=authserv_id,
        results=[
            # Only checked values go in: a plain address and a domain name need no quoting, and
            # authres would not quote a value with an "@" in it anyway.
            authres.SPFAuthenticationResult(result=spf, smtp_mailfrom=sender or None),
            # DKIM is not verified locally (it needs the signer's public key from DNS, which a laptop
            # offline does not have), so it is reported as none; DMARC then rests on SPF alignment.
            authres.DKIMAuthenticationResult(
                result="none", result_comment="not verified by the local intake"
            ),
            authres.dmarc.DMARCAuthenticationResult(result=dmarc, header_from=from_domain or None),
        ],
    )
    line = str(header)
    # What we wrote must read back as what we meant, or nothing is stored.
    written = parse_authentication_results(line.split(":", 1)[1])
    if [(r.method, r.result) for r in written.results] != [("spf", spf), ("dkim", "none"), ("dmarc", dmarc)]:
        raise ValueError("the Authentication-Results written does not read back as written")
    return line + "\r\n"


class _Handler:
    def __init__(self, intake: SmtpIntake) -> None:
        self._intake = intake

    async def handle_RCPT(  # aiosmtpd's hook name
        self, server: SMTP, session: Session, envelope: Envelope, address: str, rcpt_options: list[str]
    ) -> str:
        if address.strip().lower() not in self._intake.recipients:
            return "550 5.1.1 Mailbox does not exist"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(  # aiosmtpd's hook name
        self, server: SMTP, session: Session, envelope: Envelope
    ) -> str:
        raw = envelope.original_content or b""
        if len(raw) > self._intake.max_message_bytes:
            return "552 5.3.4 Message too big"
        peer = session.peer
        peer_ip = str(peer[0]) if isinstance(peer, tuple) else ""
        return self._intake.receive(raw, mail_from=envelope.mail_from or "", peer_ip=peer_ip)


class _Smtp(SMTP):
    """aiosmtpd's SMTP server with SES's tolerance for long lines.

    aiosmtpd enforces RFC 5321's 1,001-byte line limit (``SMTP.line_length_limit``, read in its
    constructor to size the stream reader) and answers "500 Line too long". Bare LF is not a line end
    to it either, so a client writing bare LF sends one long "line" up to the next CRLF. SES accepts
    both, so this server limits lines by the message size instead.
    """

    def __init__(self, handler: Any, *, line_length_limit: int, **kwargs: Any) -> None:
        self.line_length_limit = line_length_limit  # before SMTP.__init__, which reads it
        super().__init__(handler, **kwargs)


class _Controller(Controller):
    """aiosmtpd's Controller, able to listen on port 0 (an ephemeral port) for tests."""

    def __init__(self, handler: Any, *, line_length_limit: int, **kwargs: Any) -> None:
        self._line_length_limit = line_length_limit
        super().__init__(handler, **kwargs)

    def factory(self) -> SMTP:
        return _Smtp(self.handler, line_length_limit=self._line_length_limit, **self.SMTP_kwargs)

    def _trigger_server(self) -> None:
        if self.port == 0 and isinstance(self.server, asyncio.Server):
            self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()  # type: ignore[no-untyped-call]


class SmtpIntake:
    """The local stand-in for SES receiving: ``start()``, send mail to ``host:port``, ``stop()``."""

    def __init__(
        self,
        *,
        store: Store,
        recipients: Sequence[str],
        staff_domains: Sequence[str],
        host: str = "127.0.0.1",
        port: int = 2525,
        spf_records: Mapping[str, Sequence[str]] | None = None,
        dmarc_domains: Sequence[str] | None = None,
        max_message_bytes: int = DEFAULT_MAX_MESSAGE_BYTES,
        authserv_id: str = LOCAL_AUTHSERV_ID,
    ) -> None:
        self.store = store
        self.recipients = frozenset(r.strip().lower() for r in recipients)
        self.staff_domains = tuple(normalise_domain(d) for d in staff_domains)
        # By default the staff domains send from this machine and publish a DMARC policy; anything
        # else has no records, as an unknown domain would in real DNS.
        self.spf_records: dict[str, tuple[str, ...]] = (
            dict.fromkeys(self.staff_domains, _LOOPBACK)
            if spf_records is None
            else {normalise_domain(k): tuple(v) for k, v in spf_records.items()}
        )
        self.dmarc_domains = self.staff_domains if dmarc_domains is None else tuple(dmarc_domains)
        self.max_message_bytes = max_message_bytes
        if not is_domain_name(authserv_id):
            raise ValueError("the authserv-id must be a domain name")
        self.authserv_id = authserv_id
        self.host = host
        self._port = port
        self._controller: _Controller | None = None

    @property
    def port(self) -> int:
        """The listening port (the real one once started, when asked for port 0)."""
        return int(self._controller.port) if self._controller is not None else self._port

    def start(self) -> None:
        if self._controller is not None:
            return
        server_kwargs: dict[str, Any] = {"data_size_limit": self.max_message_bytes}
        controller = _Controller(
            _Handler(self),
            hostname=self.host,
            port=self._port,
            # The line ending (2 bytes) and a transparent dot may come on top of the message bytes.
            line_length_limit=self.max_message_bytes + 3,
            **server_kwargs,
        )
        controller.start()
        self._controller = controller
        log.info("local SMTP intake listening on %s:%s", self.host, self.port)

    def stop(self) -> None:
        if self._controller is None:
            return
        self._controller.stop()
        self._controller = None

    def __enter__(self) -> SmtpIntake:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def receive(self, raw: bytes, *, mail_from: str, peer_ip: str) -> str:
        """Stamp and store one accepted message; returns the SMTP reply. Public so tests can skip SMTP."""
        raw = _without_blank_leading_lines(raw)
        if raw[:1].isspace():
            # A first line starting with whitespace is a continuation of the header above it: ours.
            log.warning(
                "refused a message from %s (MAIL FROM %r): it starts with whitespace",
                peer_ip,
                mail_from[:200],
            )
            return LEADING_WHITESPACE_REPLY
        try:
            header = authentication_results(
                raw,
                mail_from=mail_from,
                peer_ip=peer_ip,
                spf_records=self.spf_records,
                dmarc_domains=self.dmarc_domains,
                org_domains=self.staff_domains,
                authserv_id=self.authserv_id,
            ).encode("ascii")
        except ValueError:  # UnicodeEncodeError included: only checked ASCII values may go in
            log.exception("could not write the Authentication-Results for a message from %s", peer_ip)
            return "451 4.3.0 Could not judge the message; try again later"
        # Never derived from the message: a sender must not be able to choose or collide with a key.
        message_id = uuid.uuid4().hex
        key = f"raw/email/{message_id}"
        try:
            self.store(key, header + raw)
        except Exception:
            log.exception("could not store %s", key)
            return "451 4.3.0 Could not store the message; try again later"
        return f"250 OK {message_id}"
