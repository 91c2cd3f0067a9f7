"""Official identifiers that single out a person and must never be published: NHS and NI numbers.

Both have a structure strict enough to recognise without a model: the NHS number's mod-11 check
digit and the National Insurance number's letter rules. Honouring them is what keeps job and case
references of the same shape from being blocked.
"""

from __future__ import annotations

import re

from ...domain.findings import CheckContext, Finding, Severity
from ..normalise import NormalisedText
from ..rules import OrgRules

NHS = "PII-NHS"
NINO = "PII-NINO"

NHS_REASON = (
    "This looks like an NHS number. Remove it: health identifiers must never be published, "
    "even with the name taken out."
)
NINO_REASON = (
    "This looks like a National Insurance number. Remove it: it identifies a person and must "
    "never be published."
)

# 3-3-4 digits, separated by nothing, spaces or hyphens, the same separator both times. Not glued
# to letters or other digits (a product code or a longer number), nor the tail of a decimal.
_NHS_SHAPE = re.compile(r"(?<![\w+.,])(\d{3})([ -]?)(\d{3})\2(\d{4})(?![\w]|[.,]\d)")
# The digits of either shape, for a first look: a pattern that starts with a digit is searched by
# skipping to the digits, where the shapes' look-behinds are tried at every character.
_NHS_DIGITS = re.compile(r"\d\d\d[ -]?\d{3}[ -]?\d{4}")
_NINO_DIGITS = re.compile(r"\d\d[ -]?\d\d[ -]?\d\d")
# A leading country code makes the same digits a phone number in international form.
_COUNTRY_CODE_BEFORE = re.compile(r"(?:\+\d{1,3}|\b00\d{1,3})[ -]?\(?0?\)?[ -]?$")

_NINO_FIRST = "ABCEGHJKLMNOPRSTWXYZ"  # not D F I Q U V
_NINO_SECOND = "ABCEGHJKLMNPRSTWXYZ"  # not D F I O Q U V
_NINO_BAD_PREFIXES = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})
# Written as one block or in pairs ("AB 12 34 56 C"); a hyphen is how some forms print it.
_NINO_SHAPE = re.compile(
    rf"(?<![A-Za-z0-9])([{_NINO_FIRST}][{_NINO_SECOND}])[ -]?(\d\d)[ -]?(\d\d)[ -]?(\d\d)[ -]?([A-D])"
    r"(?![A-Za-z0-9])",
    re.IGNORECASE,
)


def nhs_checksum_ok(digits: str) -> bool:
    """True when ten digits pass the NHS number's modulus 11 check."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def check_nhs_number(text: NormalisedText, ctx: CheckContext, rules: OrgRules) -> list[Finding]:
    if text.digit_count < 10 or _NHS_DIGITS.search(text.text) is None:
        return []
    findings: list[Finding] = []
    for m in _NHS_SHAPE.finditer(text.text):
        digits = m.group(1) + m.group(3) + m.group(4)
        if len(set(digits)) == 1 or not nhs_checksum_ok(digits):
            continue
        if _COUNTRY_CODE_BEFORE.search(text.text, max(0, m.start() - 10), m.start()):
            continue
        findings.append(Finding(NHS, Severity.BLOCK, m.start(), m.end(), NHS_REASON))
    return findings


def check_ni_number(text: NormalisedText, ctx: CheckContext, rules: OrgRules) -> list[Finding]:
    if text.digit_count < 6 or _NINO_DIGITS.search(text.text) is None:
        return []
    findings: list[Finding] = []
    for m in _NINO_SHAPE.finditer(text.text):
        if m.group(1).upper() in _NINO_BAD_PREFIXES:
            continue
        findings.append(Finding(NINO, Severity.BLOCK, m.start(), m.end(), NINO_REASON))
    return findings
