"""Contact details that reach a person rather than a service: email addresses and phone numbers.

The organisation's published numbers and team inboxes are fine to print and come from the rules
file's allow-lists; anything else is a person's, or might be, and the comms officer has to see it.
"""

from __future__ import annotations

import re
from functools import cache

import phonenumbers

from ...domain.addresses import in_domain
from ...domain.findings import CheckContext, Finding, Severity
from ..normalise import NormalisedText
from ..rules import OrgRules

EMAIL = "PII-EMAIL"
PHONE = "PII-PHONE"

PERSONAL_EMAIL_REASON = (
    "This looks like a personal email address. Remove it: give a team inbox instead if readers "
    "need to get in touch."
)
STAFF_EMAIL_REASON = (
    "This looks like a named member of staff's work email address. Use the team inbox instead, "
    "so that replies do not depend on one person and their address is not published."
)
MOBILE_REASON = (
    "This looks like a mobile phone number. Remove it: personal numbers must never be published. "
    "If readers need to get in touch, give the organisation's main number."
)
OTHER_PHONE_REASON = (
    "This phone number is not on the list of the organisation's published numbers. Check that it is "
    "a public service line and not someone's direct or home number; if it is a service line, ask the "
    "comms team to add it to the list."
)
FOREIGN_PHONE_REASON = (
    "This looks like a phone number outside the UK. Check that it is a public service line and not "
    "someone's personal number before it is published."
)

_EMAIL = re.compile(
    r"(?<![\w.%+'-])([a-z0-9][a-z0-9._%+'-]*)@((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,})(?![\w-])",
    re.IGNORECASE,
)
_LOCAL_TOKENS = re.compile(r"[a-z]+")

# Words that make a local part a service inbox rather than a person ("waste.services@").
_ROLE_WORDS_TEXT = """
info enquiries enquiry contact contactus hello help helpdesk support admin administration office
team teams service services customer customers reception mail post postmaster noreply reply
donotreply press media news comms communications marketing stories story feedback complaints
compliments foi dpo dataprotection privacy data protection accounts finance payments billing sales
bookings booking events jobs careers recruitment hr it ict waste recycling bins bin streetcare
streetscene cleansing planning building control housing repairs tenancy tenants homes council
counciltax tax benefits revenues licensing parking highways roads transport environmental
environment health safety library libraries leisure parks culture museum museums schools school
education admissions social care adult adults children family families youth safeguarding democratic
democracy elections electoral registrar registrars mayor chief executive ceo leader members ward
community communities volunteering volunteers partnership partnerships apprenticeships training
grants funding business economy regeneration estates facilities property legal audit procurement
insurance emergency resilience pest noise food trading standards cemeteries bereavement digital web
website webmaster design projects project programme general main central hub desk line duty hours
ooh switchboard group unit department dept secretary clerk public
"""
_ROLE_WORDS = frozenset(_ROLE_WORDS_TEXT.split())

# Consumer mail services: an address here is a person's whatever its local part says.
_WEBMAIL_TEXT = """
gmail.com googlemail.com hotmail.com hotmail.co.uk outlook.com outlook.co.uk live.com live.co.uk
msn.com yahoo.com yahoo.co.uk ymail.com rocketmail.com icloud.com me.com mac.com aol.com aol.co.uk
btinternet.com btopenworld.com sky.com virginmedia.com ntlworld.com blueyonder.co.uk talktalk.net
tiscali.co.uk plus.net protonmail.com proton.me pm.me gmx.com gmx.co.uk mail.com zoho.com
fastmail.com hushmail.com tutanota.com
"""
_WEBMAIL = frozenset(_WEBMAIL_TEXT.split())

# A reference label right before a number makes it a reference, not a phone number.
_REFERENCE_BEFORE = re.compile(
    r"\b(?:ref(?:erence)?|case|job|invoice|order|ticket|account|a/c|policy|claim|permit"
    r"|licen[cs]e|crime|incident|receipt|serial|tracking|id)"
    r"\.?\s*(?:no\.?|num(?:ber)?\.?|#|id)?\s*[:#.]?\s*$",
    re.IGNORECASE,
)
_UK_NSN_LENGTHS = (9, 10)
# Fewest digits any number this check reports can have: a UK one has 9 or 10 after the 0 or +44; any
# other starts with + or 00 and a country code, then at least 4 (the shortest any country allows:
# Austria, Germany, St Helena …; a unit test holds phonenumbers' metadata to it). A story with fewer
# digits skips the matcher, which is slow.
FEWEST_DIGITS = 5
_UK_FEWEST_DIGITS = 10  # the trunk 0 and nine more, or +44 and nine more
# The matcher's numbers have at most 4 separators between digits (9 after a leading +, which may
# open a bracket), and a UK number reported has ten ASCII digits at least (they must equal its own),
# so it is written like this; most stories with ten digits have no such run, and skip the matcher.
# (Not so a number elsewhere: the parser reads letters after one as digits, "+49 3ext" as +49 398.)
_MAY_BE_UK = re.compile(r"(?:0|\+\D{0,9}[0-9])(?:\D{0,4}[0-9]){9}")


def check_email(text: NormalisedText, ctx: CheckContext, rules: OrgRules) -> list[Finding]:
    if "@" not in text.text:
        return []
    org = rules.organisation
    allowed = {a.strip().lower() for a in rules.allow.emails}
    allowed |= {org.submission_address.lower(), org.sender_address.lower()}
    org_domains = {org.domain.strip().lower(), *org.staff_domains}
    role_words = _ROLE_WORDS | {w.strip().lower() for w in rules.allow.inbox_words}

    findings: list[Finding] = []
    for m in _EMAIL.finditer(text.text):
        local, domain = m.group(1).lower(), m.group(2).lower()
        if f"{local}@{domain}" in allowed:
            continue
        tokens = _LOCAL_TOKENS.findall(local)
        is_role = bool(tokens) and any(t in role_words for t in tokens)
        if in_domain(domain, org_domains):
            # One token ("jsmith", "bincollections") cannot be told apart; only name-shaped
            # addresses (first.last, j.smith, jane_smith) are flagged for the team inbox.
            if len(tokens) >= 2 and not is_role:
                findings.append(Finding(EMAIL, Severity.WARN, m.start(), m.end(), STAFF_EMAIL_REASON))
            continue
        if is_role and domain not in _WEBMAIL:
            continue  # a partner's info@ or enquiries@ is not personal data
        findings.append(Finding(EMAIL, Severity.BLOCK, m.start(), m.end(), PERSONAL_EMAIL_REASON))
    return findings


def _e164(number: phonenumbers.PhoneNumber) -> str:
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def allowed_phones(rules: OrgRules) -> frozenset[str]:
    """The allow-listed numbers in E.164, however the rules file wrote them; unreadable ones are skipped."""
    return _allowed_phones(tuple(rules.allow.phones))


@cache
def _allowed_phones(phones: tuple[str, ...]) -> frozenset[str]:
    # Parsed once per rules file: phonenumbers' parser is slow, and every story would otherwise pay it.
    out: set[str] = set()
    for raw in phones:
        try:
            out.add(_e164(phonenumbers.parse(raw, "GB")))
        except phonenumbers.NumberParseException:
            continue
    return frozenset(out)


def is_uk_mobile(national_number: str) -> bool:
    """07 numbers that are mobiles (071–075, 07624, 077–079), drama ranges included.

    Decided from the prefix, not phonenumbers' number type, which calls Ofcom's drama range unknown.
    070 (personal numbering) and 076 (pagers) are not mobiles.
    """
    if len(national_number) != 10 or not national_number.startswith("7"):
        return False
    return national_number[1] not in "06" or national_number.startswith("7624")


def _part_of_token(source: str, start: int, end: int) -> bool:
    before = source[start - 1 : start]
    after = source[end : end + 1]
    if before.isalnum() or after.isalnum():
        return True
    # Glued to a code ("ID-07700900123", "REF/01632960123") or to the decimals of an amount
    # ("£1,250.00 01-05"); a digit before "/" is another phone number ("01632 960123/07700 900123").
    prior = source[start - 2 : start - 1]
    return (before != "" and before in "-/_#" and prior.isalpha()) or (
        before in (".", ",") and prior.isdigit()
    )


def _uk_digits_agree(written: str, nsn: str) -> bool:
    """The digits as written are a UK number's: +44 / 0044 / a trunk 0 (or "(0)"), then the number itself.

    phonenumbers will read "00" as a dialling prefix even where it is the tail of an amount.
    """
    digits = re.sub(r"\D", "", written)
    if written.startswith("+44"):
        digits = digits[2:]
    elif written.startswith("0044"):
        digits = digits[4:]
    elif not written.startswith("0"):
        return False
    return digits.removeprefix("0") == nsn


def check_phone(text: NormalisedText, ctx: CheckContext, rules: OrgRules) -> list[Finding]:
    source = text.text
    # A number is reported only as written from its trunk 0 (a UK one: ten digits at least), a + or 00.
    digits = text.digit_count
    uk_possible = digits >= _UK_FEWEST_DIGITS and ("0" in source or "+" in source)
    if not uk_possible and (digits < FEWEST_DIGITS or ("+" not in source and "00" not in source)):
        return []
    if not (uk_possible and _MAY_BE_UK.search(source)) and not (
        digits >= FEWEST_DIGITS and ("+" in source or "00" in source)
    ):
        return []
    allowed = allowed_phones(rules)
    findings: list[Finding] = []
    matcher = phonenumbers.PhoneNumberMatcher(source, "GB", leniency=phonenumbers.Leniency.POSSIBLE)
    for match in matcher:
        start, end, raw = int(match.start), int(match.end), str(match.raw_string)
        number = match.number
        if raw.startswith("(") and ")" not in raw:
            # "(07700 900123)": the bracket encloses the number rather than an area code.
            start, raw = start + 1, raw[1:]
        if _part_of_token(source, start, end):
            continue
        if _REFERENCE_BEFORE.search(source, max(0, start - 30), start):
            continue
        written = raw.lstrip("(").lstrip()
        # Without a trunk 0 or a + the digits are a count, a reference or a year, never a number
        # anyone would dial from a story.
        if not written.startswith(("0", "+")):
            continue
        if _e164(number) in allowed:
            continue
        nsn = str(phonenumbers.national_significant_number(number))
        if number.country_code == 44:
            if len(nsn) not in _UK_NSN_LENGTHS or not _uk_digits_agree(written, nsn):
                continue
            if is_uk_mobile(nsn):
                findings.append(Finding(PHONE, Severity.BLOCK, start, end, MOBILE_REASON))
            else:
                findings.append(Finding(PHONE, Severity.WARN, start, end, OTHER_PHONE_REASON))
        elif written.startswith(("+", "00")) and phonenumbers.is_possible_number(number):
            findings.append(Finding(PHONE, Severity.WARN, start, end, FOREIGN_PHONE_REASON))
    return findings
