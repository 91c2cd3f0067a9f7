"""Email addresses, parsed once and never pattern-matched: the only way an address enters or leaves.

Every address the system keeps or writes into a header (a form's email field, an authenticated sender,
an approver in the rules file, every recipient of every email it sends) goes through ``parse_address``.
It accepts exactly one plain ``local@domain`` and nothing a mail header could read differently: no
display name, no list (``,`` ``;``), no group (``:``), no comment, no quoting, no encoded word
(``=?utf-8?q?…?=``, which a header decoder turns into whatever it encodes), no whitespace or control
character, no IP-literal domain. email-validator (the field's library) judges the syntax and the domain
(IDNA, length limits, a real-looking TLD); the refusals above are on top of it because RFC 5322 allows
``=``, ``?`` and ``'`` in a local part and a header decoder does not care.

``in_domain`` is the one home of the rule "this address (or domain) is in one of these domains or a
subdomain of one".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from email.headerregistry import Address

from .errors import InvalidAddress

# Refused before the syntax check: each is how one string becomes two addresses, or a different one,
# once it is in a header.
_HEADER_TRICKS = re.compile(r"=\?|\?=|[\s,;:<>()\[\]\"\\\x00-\x1f\x7f\u0080-\u009f\u2028\u2029]")
MAX_ADDRESS_CHARS = 254


def parse_address(value: str) -> Address:
    """``value`` as one plain address, lower-cased; raises InvalidAddress with a reason fit for a person.

    Surrounding whitespace is forgiven (people paste addresses); anything else unusual is refused.
    """
    from email_validator import EmailNotValidError, validate_email

    candidate = value.strip()
    if not candidate:
        raise InvalidAddress("the email address is empty")
    if len(candidate) > MAX_ADDRESS_CHARS:
        raise InvalidAddress("the email address is too long")
    if candidate.count("@") != 1:
        raise InvalidAddress("an email address has exactly one @")
    if _HEADER_TRICKS.search(candidate):
        raise InvalidAddress("the email address contains characters that are not allowed")
    try:
        checked = validate_email(
            candidate,
            check_deliverability=False,  # no DNS here; the confirmation link proves the mailbox
            allow_smtputf8=False,  # a non-ASCII mailbox name needs SMTPUTF8 all the way through
            allow_quoted_local=False,
            allow_domain_literal=False,
            allow_display_name=False,
            strict=True,  # RFC 5321 length limits too (a 65-character mailbox name is refused)
        )
    except EmailNotValidError as e:
        raise InvalidAddress(f"the email address is not valid: {e}") from e
    return Address(username=checked.local_part.lower(), domain=checked.ascii_domain.lower())


def address_text(value: str) -> str:
    """The parsed address as plain ``local@domain`` text, for storing and comparing."""
    return parse_address(value).addr_spec


def is_address(value: str) -> bool:
    try:
        parse_address(value)
    except InvalidAddress:
        return False
    return True


def normalise_domain(domain: str) -> str:
    return domain.strip().strip("<>").strip().rstrip(".").lower()


def in_domain(address_or_domain: str, domains: Iterable[str]) -> bool:
    """True if the address's domain (or the domain given) is one of ``domains`` or a subdomain of one."""
    domain = normalise_domain(address_or_domain.rsplit("@", 1)[-1])
    if not domain:
        return False
    for candidate in domains:
        d = normalise_domain(candidate.rsplit("@", 1)[-1])
        if d and (domain == d or domain.endswith("." + d)):
            return True
    return False
