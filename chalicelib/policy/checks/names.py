"""The check for private individuals' names: "Mrs Jones", "Margaret Thompson", "the Patel family".

The quickest way to harm a resident is to make them findable, and a name is the first step. Names the
organisation has cleared (staff who consented, councillors) and its listed places come from the rules
file; finding the names themselves is ``policy.people``'s job.
"""

from __future__ import annotations

import re

from ...domain.findings import CheckContext, Finding, Severity
from ..normalise import NormalisedText
from ..people import SURNAMES, cleared_names, private_names
from ..registry import Registration
from ..rules import OrgRules

NAME = "PII-NAME"

NAME_REASON = (
    "This looks like a private individual's name. Remove it or use a first name only, unless the person "
    "has given written consent: then ask the comms team to add them to the consent list."
)

# "The Patel family" names a household as surely as "Mr Patel" does.
_FAMILY = re.compile(r"\b[Tt]he\s+([A-Z][a-z'’-]+)\s+family\b")


def check_name(text: NormalisedText, ctx: CheckContext, rules: OrgRules) -> list[Finding]:
    findings = [
        Finding(NAME, Severity.BLOCK, n.start, n.end, NAME_REASON) for n in private_names(text, rules)
    ]
    if "family" not in text.words:
        return findings
    cleared = cleared_names(rules)
    for m in _FAMILY.finditer(text.text):
        if m.group(1) in SURNAMES and not any(k[-1] == m.group(1).casefold() for k in cleared):
            findings.append(Finding(NAME, Severity.BLOCK, m.start(1), m.end(), NAME_REASON))
    return findings


REGISTRY: tuple[Registration, ...] = (
    Registration(
        NAME,
        "A private individual's name (title + name, or first + surname) not on the consent, "
        "staff or councillor lists",
        check_name,
    ),
)
