"""The check for commercial endorsement: recommending a private business, an offer or a discount code.

The council cannot advertise or recommend one firm over others, so a story that reads like an
advert ("best plumber in town", "use code SAVE10") warns before it goes out.
"""

from __future__ import annotations

import re

from ...domain.findings import CheckContext, Finding, Severity
from ..normalise import NormalisedText, may_have_phrase, phrase_index
from ..registry import Registration
from ..rules import OrgRules

ENDORSE = "COMM-ENDORSE"

ENDORSE_REASON = (
    "This promotes a private business. The council cannot advertise or recommend one firm over "
    "others: take out the recommendation, offer or discount code, or ask the comms team about a "
    "partnership credit."
)

_ENDORSEMENT = re.compile(
    r"(?i:\b(?:use|enter|quote|with|apply)\s+(?:the\s+)?(?:promo(?:tional)?\s+|discount\s+|voucher\s+|"
    r"coupon\s+)?code\s*:?\s*)[A-Z0-9]{3,}\b"
    r"|(?i:\b(?:promo(?:tional)?|discount|voucher|coupon|referral)\s+code\b)"
    r"|(?i:\b(?:best|top|cheapest|greatest|finest|no\.?\s?1|number\s+one)\s+(?:\w+\s+){0,2}"
    r"(?:in|around)\s+(?:town|the\s+(?:area|borough|county|city|region|village)|[A-Z]\w+)\b)"
    r"|(?i:\b(?:highly\s+recommend(?:ed)?|(?:can['’]?t|cannot)\s+recommend\s+\w+\s+(?:enough|highly\s+enough)"
    r"|give\s+them\s+a\s+(?:call|ring|try)|call\s+(?:them|him|her)\s+(?:on|today|now)"
    r"|mention\s+(?:this|our)\s+(?:post|story|tweet)|go\s+and\s+support\s+(?:them|him|her)"
    r"|check\s+out\s+their|book\s+(?:now|today)\s+with|shop\s+(?:now|local)\s+at|use\s+(?:them|him|her)\s+for)\b)"
    r"|(?i:\b\d{1,2}\s?%\s+off\s+(?:at|with|when|if|all|your|everything)\b)"
)


# What each alternative of _ENDORSEMENT needs, as whole words: a promo word or "code" ("code" may run
# into the code itself, "codeSAVE10"), a superlative with "in" or "around", one of the fixed phrases,
# or "%".
_PROMO_WORDS = frozenset(["promo", "promotional", "discount", "voucher", "coupon", "referral"])
# Both alternatives with a code have "code" straight after a space ("use code X", "promo code").
_CODE = re.compile(r"\scode", re.IGNORECASE)
_PHRASES = phrase_index(
    (
        *(
            f"{best} {where}"
            for best in ("best", "top", "cheapest", "greatest", "finest")
            for where in ("in", "around")
        ),
        "no in",  # "no. 1 in town"
        "no around",
        "number one in",
        "number one around",
        "recommend",
        "recommended",
        "give them",
        "call them",
        "call him",
        "call her",
        "mention this",
        "mention our",
        "go and support",
        "check out their",
        "book now with",
        "book today with",
        "shop now at",
        "shop local at",
        "use them for",
        "use him for",
        "use her for",
    )
)


def _has_code(source: str) -> bool:
    """Whether "code" follows a space in ``source``, in any case ("postcode" alone does not count). In
    ASCII a lower-cased copy and a substring test rule most stories out several times faster than the
    case-insensitive regex, which cannot skip ahead."""
    if source.isascii():
        lower = source.lower()
        return "code" in lower and _CODE.search(lower) is not None
    return _CODE.search(source) is not None


def _may_endorse(text: NormalisedText) -> bool:
    words = text.words
    return (
        "%" in text.text
        or _has_code(text.text)
        or not _PROMO_WORDS.isdisjoint(words)
        or may_have_phrase(words, _PHRASES)
    )


def check_endorsement(text: NormalisedText, ctx: CheckContext, rules: OrgRules) -> list[Finding]:
    if not _may_endorse(text):
        return []
    return [
        Finding(ENDORSE, Severity.WARN, *m.span(), ENDORSE_REASON) for m in _ENDORSEMENT.finditer(text.text)
    ]


REGISTRY: tuple[Registration, ...] = (
    Registration(
        ENDORSE, "Promoting a private business: recommendations, offers, discount codes", check_endorsement
    ),
)
