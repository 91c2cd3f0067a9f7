"""The local mailbox: every email SES (moto) accepted, parsed for the dev console and the tests."""

from __future__ import annotations

import base64
import email
import re
import threading
from dataclasses import asdict, dataclass, field
from email.message import EmailMessage
from email.policy import default
from typing import Any

from .moto_process import SENT_PATH

LINK = re.compile(r"https?://[^\s<>\"')]+")


@dataclass(frozen=True)
class SentMail:
    id: str
    to: list[str]
    sender: str
    subject: str
    text: str
    html: str
    links: list[str]
    headers: dict[str, str]

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["from"] = d.pop("sender")
        return d


@dataclass(frozen=True)
class _Sent:
    """A message SES accepted, as moto's server in another process reports it (``local.moto_process``)."""

    id: str
    raw_data: str | bytes | None = None
    destinations: dict[str, list[str]] = field(default_factory=dict)
    source: str = ""
    subject: str = ""
    body: str = ""


class _RemoteSes:
    """The sent messages of a moto server in another process, read once each: SES's list only grows."""

    def __init__(self, endpoint: str) -> None:
        self.endpoint = endpoint
        self._lock = threading.Lock()
        self._seen: dict[tuple[str, str], list[_Sent]] = {}

    def messages(self, account: str, region: str) -> list[_Sent]:
        import requests

        with self._lock:
            have = self._seen.setdefault((account, region), [])
            resp = requests.get(
                f"{self.endpoint}{SENT_PATH}",
                params={"since": str(len(have)), "account": account, "region": region},
                timeout=60,
            )
            resp.raise_for_status()
            for d in resp.json():
                raw: str | bytes | None = d.get("raw")
                if "raw_b64" in d:
                    raw = base64.b64decode(d["raw_b64"])
                have.append(
                    _Sent(
                        id=d["id"],
                        raw_data=raw,
                        destinations={"ToAddresses": list(d.get("to", []))},
                        source=d.get("source", ""),
                        subject=d.get("subject", ""),
                        body=d.get("body", ""),
                    )
                )
            return list(have)


_remote: list[_RemoteSes] = []  # empty: moto runs in this process


def read_sent_mail_from(endpoint: str | None) -> None:
    """Read SES's sent messages from the moto server at ``endpoint`` (in another process), or, with
    None, from the moto server running in this process."""
    _remote[:] = [_RemoteSes(endpoint)] if endpoint else []


def _sent_messages(account: str, region: str) -> list[Any]:
    if _remote:
        return list(_remote[0].messages(account, region))
    # The moto server runs in this process, so its SES backend can be read directly (the same data
    # that /moto-api/data.json serialises, without serialising every other service's state too).
    from moto.ses.models import ses_backends

    return list(ses_backends[account][region].sent_messages)


def parse_raw(message_id: str, raw: str | bytes) -> SentMail:
    msg = (
        email.message_from_bytes(raw, policy=default)
        if isinstance(raw, bytes)
        else email.message_from_string(raw, policy=default)
    )
    assert isinstance(msg, EmailMessage)
    text_part = msg.get_body(preferencelist=("plain",))
    html_part = msg.get_body(preferencelist=("html",))
    text = text_part.get_content() if text_part is not None else ""
    html = html_part.get_content() if html_part is not None else ""
    links = list(dict.fromkeys(LINK.findall(text)))
    return SentMail(
        id=message_id,
        to=[a.strip() for a in str(msg.get("To", "")).split(",") if a.strip()],
        sender=str(msg.get("From", "")),
        subject=str(msg.get("Subject", "")),
        text=text,
        html=html,
        links=links,
        headers={
            k: str(v)
            for k, v in msg.items()
            if k.lower().startswith("x-") or k in ("Reply-To", "Auto-Submitted")
        },
    )


# Parsed messages by SES message id. A sent message never changes, and parsing every one of them again
# on each request made /dev/mail.json cost O(all mail): 0.4 s of the stack's CPU at 150 messages.
_parsed: dict[str, SentMail] = {}


def sent_mail(account: str = "123456789012", region: str = "eu-west-2", *, since: int = 0) -> list[SentMail]:
    """Every message sent, oldest first; with ``since``, only those after the first ``since`` (SES's list
    only grows, so a reader that keeps what it has read asks for the rest, not for all of it again)."""
    out = []
    for m in _sent_messages(account, region)[max(since, 0) :]:
        cached = _parsed.get(m.id)
        if cached is not None:
            out.append(cached)
            continue
        raw = getattr(m, "raw_data", None)
        if raw is not None:
            out.append(parse_raw(m.id, raw))
        else:  # a Simple (non-raw) send
            out.append(
                SentMail(
                    id=m.id,
                    to=list(m.destinations.get("ToAddresses", [])),
                    sender=m.source,
                    subject=m.subject,
                    text=m.body,
                    html="",
                    links=LINK.findall(m.body),
                    headers={},
                )
            )
        _parsed[m.id] = out[-1]
    return out
