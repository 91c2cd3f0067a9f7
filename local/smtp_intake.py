"""A local SMTP server that plays SES receiving, so the email path runs end to end on one laptop.

Like SES it refuses unknown recipients and oversize mail, judges the sender (SPF and DMARC against a
small in-memory "DNS" table), writes its verdict as the topmost ``Authentication-Results`` header under
its own authserv-id, and stores the raw message under ``raw/email/<unique id>``. Whatever
Authentication-Results a sender wrote into the message is left where it is, below ours, where
``authenticate_sender`` never looks. Never deployed.
"""

from __future__ import annotations

import asyncio
import email.policy
import ipaddress
import logging
import uuid
from collections.abc import Callable, Mapping, Sequence
from email.headerregistry import Address
from email.parser import BytesHeaderParser
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

from chalicelib.intake.sender_auth import domains_aligned, in_domains, normalise_domain

LOCAL_AUTHSERV_ID = "local-intake.real-stories.invalid"
DEFAULT_MAX_MESSAGE_BYTES = 40 * 1024 * 1024  # SES receiving's limit
_LOOPBACK = ("127.0.0.1", "::1")

log = logging.getLogger(__name__)

Store = Callable[[str, bytes], None]


def spf_result(mail_from: str, peer_ip: str, records: Mapping[str, Sequence[str]]) -> str:
    """SPF against the local table: pass if the MAIL FROM domain lists the peer, fail if it does not,
    none if the domain has no record (or the envelope sender is empty, as for bounces)."""
    if "@" not in mail_from:
        return "none"
    domain = normalise_domain(mail_from.rsplit("@", 1)[1])
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
    envelope_domain = mail_from.rsplit("@", 1)[1] if "@" in mail_from else ""
    if spf == "pass" and domains_aligned(envelope_domain, from_domain, org_domains=org_domains):
        return "pass"
    if in_domains(from_domain, dmarc_domains):
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
    spf = spf_result(mail_from, peer_ip, spf_records)
    headers = BytesHeaderParser(policy=email.policy.default).parsebytes(raw)
    from_domain = ""
    try:
        from_values = [v for k, v in headers.raw_items() if k.lower() == "from"]
        addresses: tuple[Address, ...] = tuple(headers["From"].addresses) if len(from_values) == 1 else ()
    except (ValueError, TypeError, IndexError, AttributeError, LookupError):
        addresses = ()
    if len(addresses) == 1:
        from_domain = normalise_domain(addresses[0].domain)
        dmarc = dmarc_result(
            spf=spf,
            mail_from=mail_from,
            from_domain=from_domain,
            dmarc_domains=dmarc_domains,
            org_domains=org_domains,
        )
    else:
        dmarc = "permerror"  # DMARC cannot be evaluated without exactly one From address
    # DKIM is not verified locally (it needs the signer's public key from DNS, which a laptop offline
    # does not have), so it is reported as none; DMARC then rests on SPF alignment alone.
    mailfrom_prop = f" smtp.mailfrom={mail_from}" if mail_from else ""
    from_prop = f" header.from={from_domain}" if from_domain else ""
    return (
        f"Authentication-Results: {authserv_id};\r\n"
        f" spf={spf}{mailfrom_prop};\r\n"
        f" dkim=none (not verified by the local intake);\r\n"
        f" dmarc={dmarc}{from_prop}\r\n"
    )


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


class _Controller(Controller):
    """aiosmtpd's Controller, able to listen on port 0 (an ephemeral port) for tests."""

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
        controller = _Controller(_Handler(self), hostname=self.host, port=self._port, **server_kwargs)
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
        header = authentication_results(
            raw,
            mail_from=mail_from,
            peer_ip=peer_ip,
            spf_records=self.spf_records,
            dmarc_domains=self.dmarc_domains,
            org_domains=self.staff_domains,
            authserv_id=self.authserv_id,
        )
        # Never derived from the message: a sender must not be able to choose or collide with a key.
        message_id = uuid.uuid4().hex
        key = f"raw/email/{message_id}"
        try:
            self.store(key, header.encode("ascii", "replace") + raw)
        except Exception:
            log.exception("could not store %s", key)
            return "451 4.3.0 Could not store the message; try again later"
        return f"250 OK {message_id}"
