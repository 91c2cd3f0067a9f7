"""Outgoing email through SES v2, built as raw MIME so we control every header (Reply-To, Auto-Submitted…).

SES's "Simple" content cannot carry custom headers; a raw message can, and it reads the same in
every mail client. Recipients come from the To header (no Destination), so the envelope and the
headers cannot disagree.
"""

from __future__ import annotations

from email.header import Header
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import EmailPolicy
from email.utils import formatdate
from typing import TYPE_CHECKING

from ..domain.addresses import parse_address
from ..domain.text import clean_line
from .aws_common import aws_call
from .ports import OutgoingEmail

if TYPE_CHECKING:
    from mypy_boto3_sesv2 import SESV2Client

# Headers the message builds itself; letting callers set them would produce duplicates or lies.
RESERVED_HEADERS = frozenset(
    {
        "from",
        "to",
        "cc",
        "bcc",
        "reply-to",
        "subject",
        "date",
        "mime-version",
        "content-type",
        "content-transfer-encoding",
    }
)
_TRANSIENT = frozenset(
    {"TooManyRequestsException", "LimitExceededException", "ThrottlingException", "Throttling"}
)


class _Policy(EmailPolicy):
    """SMTP's policy, with non-ASCII subjects folded by the stdlib's ``email.header.Header``.

    The modern folder can put the space between two words as the fold between two encoded words, and a
    reader drops whitespace between encoded words: "Какты поживаешь? Мы" arrives as "поживаешь?Мы".
    ``Header`` keeps every space inside an encoded word, so the subject reads back as it was written.
    """

    def fold(self, name: str, value: str) -> str:
        if name.lower() == "subject" and not str(value).isascii():
            encoded = Header(str(value), "utf-8", self.max_line_length, name).encode(linesep=self.linesep)
            return f"{name}: {encoded}{self.linesep}"
        return str(super().fold(name, value))

    def fold_binary(self, name: str, value: str) -> bytes:
        if name.lower() == "subject" and not str(value).isascii():
            return self.fold(name, value).encode("ascii")
        return super().fold_binary(name, value)


_SMTP = _Policy(linesep="\r\n")


def build_mime(email: OutgoingEmail) -> EmailMessage:
    """The message as SES will send it: text/plain, plus text/html as an alternative when given."""
    if not email.to:
        raise ValueError("an email needs at least one recipient")
    if not email.sender:
        raise ValueError("an email needs a sender")
    msg = EmailMessage(policy=_SMTP)
    # Built from parsed addresses, never from strings: a stored value that a header decoder would read
    # as two addresses (or as an encoded word) raises InvalidAddress here instead of being sent.
    sender = parse_address(email.sender)
    msg["From"] = Address(display_name=clean_line(email.sender_name), addr_spec=sender.addr_spec)
    msg["To"] = tuple(parse_address(a) for a in email.to)
    if email.reply_to:
        msg["Reply-To"] = tuple(parse_address(a) for a in email.reply_to)
    msg["Subject"] = clean_line(email.subject)
    msg["Date"] = formatdate(usegmt=True)
    for name, value in email.headers.items():
        if name.lower() in RESERVED_HEADERS:
            raise ValueError(f"header {name!r} is set from the email's own fields")
        msg[name] = value  # the policy refuses CR/LF in values, so no header injection
    # Quoted-printable keeps every part 7-bit clean, which SES recommends for raw messages.
    msg.set_content(email.text, subtype="plain", cte="quoted-printable")
    if email.html is not None:
        msg.add_alternative(email.html, subtype="html", cte="quoted-printable")
    return msg


class SesMailer:
    """Mailer over SES v2 ``SendEmail`` with ``Content.Raw``."""

    def __init__(self, client: SESV2Client, *, configuration_set: str | None = None) -> None:
        self._ses = client
        self._configuration_set = configuration_set

    def send(self, email: OutgoingEmail) -> str:
        data = build_mime(email).as_bytes()
        with aws_call("ses", transient=_TRANSIENT):
            if self._configuration_set:
                response = self._ses.send_email(
                    FromEmailAddress=parse_address(email.sender).addr_spec,
                    Content={"Raw": {"Data": data}},
                    ConfigurationSetName=self._configuration_set,
                )
            else:
                response = self._ses.send_email(
                    FromEmailAddress=parse_address(email.sender).addr_spec, Content={"Raw": {"Data": data}}
                )
        return response["MessageId"]
