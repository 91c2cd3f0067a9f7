"""SEC-CODE by what a code unlocks anywhere in its sentence; apart from security.py to keep both short."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..people import is_common_word, sentence_bounds
from ..words import first_characters
from .addresses import POSTCODE_RE

# What may follow a code: the end of the clause or a joining word, never a unit ("150 years old").
_AFTER_CODE = (
    r"(?=\s*(?:$|[^\w\s£$%-])|\s+(?:so|and|if|from|for|until|till|to|when|but|or|on|at|please|then"
    r"|this|today|tomorrow|now|again|by|as|after|before|while|not|instead|each|every|with)\b)"
)
# Values that are a time, an ordinal, a measure or a year, not a code: "10am", "21st", "2024-25".
_NOT_CODE_VALUE = re.compile(
    r"\d+(?:am|pm|st|nd|rd|th|mm|cm|km|kg|mph|ft|hrs?|mins?|s)|\d{4}-\d{2,4}|(?:19|20)\d\d", re.IGNORECASE
)

# "You'll need C992932X for the alarm code", "We've all been using Horan123 as the shared login": the
# code may come before what it opens, with any words between. A sentence qualifies when it names a
# secret (a password, a PIN, a login) or a code with the thing it opens; the code is then any token
# shaped like one that is not a time, a year, a count, a phone number or a postcode.
_SECRET_SELF = re.compile(
    first_characters(
        "abcdegklopsuwABCDEGKLOPSUWſ\u212a",
        r"(?<!\w)(?:(?i:pass(?:word|words|code|codes|phrase)|pass\s+code|log-?ins?|logons?|credentials|pwd?"
        r"|pin\s+(?:number|code)s?|pin(?=\s*(?:is|was|:|=|for|to\s+the|on\s+the)\b)|sign-?in\s+details"
        r"|(?:access|entry|door-?entry|security|unlock|override|staff|building|key|door|gate|alarm)[\s-]?codes?"
        r"|wi-?fi[\s-]?(?:code|key|password)s?)|PIN|PINs|Pin)(?!\w)",
    ),
)
_CODE_NOUN = re.compile(
    r"(?<!\w)(?i:codes?|combinations?|combos?|entry\s+numbers?"
    r"|key(?!\s*(?:safe|box|fob|holder|worker|stage|ring|card|s\b)))(?!\w)"
)
_THING = re.compile(
    first_characters(
        "abcdefgikloprstw",
        r"(?<!\w)(?i:doors?|gates?|keypads?|key[\s-]?safes?|keysafes?|key\s+box(?:es)?|lock\s*box(?:es)?"
        r"|padlocks?|locks?|alarms?|wi[\s-]?fi|wireless|router|laptops?|computers?|tablets?|lockers?|intercom"
        r"|shutters?|barriers?|entrance|entry\s+system|bike\s+(?:shed|store)|bin\s+store|fob|cash\s+box|key\s+cabinet"
        r"|(?<=the\s)safe|(?:office|cash|floor)\s+safe|safe(?=\s+(?:code|combination)))"
        r"(?!\w)",
        ignore_case=True,
    )
)
# Places a code lets you into, which make "code" a lock's code: "4417 is the code to get into the depot".
_PLACE_FOR_CODE = re.compile(
    r"(?i:\b(?:get(?:ting)?\s+in(?:to)?|let\s+(?:yourself|yourselves|themselves|ourselves|people)\s+in"
    r"|building|office|depot|premises|compound|cupboard|shed|garage|store\s?room|cabinet|staff\s?room"
    r"|plant\s+room|kitchen|yard|car\s+park|hut|pavilion|cabin|site\s+office)\b)"
)
# Giving a code by hand: "use 2580 on the keypad", "punch in 4417 at the side door".
_CODE_VERB = re.compile(
    r"(?i:\b(?:(?:punch|key|tap|type)(?:ed|ing|s)?\s+in|enter(?:ed|ing|s)?|dial(?:led|ling|s)?|press(?:ed|es)?"
    r"|use|using|used|needs?|needed|is|are|was|set\s+to|opens?\s+with)\b|['’]s\b)"
)
# Numbers with a label before them name something: "room 214", "Flat 12", "bus 720", "at 0730".
_LABEL = (
    r"room|flat|unit|number|no\.?|bus|route|platform|junction|ext|extension|floor|level|block|bay|desk|page"
    r"|item|ref|reference|case|ticket|job|order|invoice|phone|tel|call|ring|text|year|class|form|version"
    r"|section|chapter|week|day|aged|age|stand|pitch|plot|ward|bed|lot"
)
_LABEL_BEFORE = re.compile(rf"(?i:\b(?:{_LABEL})\.?\s*)$")
# Without a word for a secret, a time or a place before the number also says it is no code.
_LABEL_OR_TIME_BEFORE = re.compile(
    rf"(?i:\b(?:{_LABEL}|door|gate|at|after|before|until|till|from|since|in|on|by|between|and|to|of|the)\s*)$"
)
_ENTER_VERB = re.compile(
    r"(?i:\b(?:(?:punch|key|tap|type)(?:ed|ing|s)?(?:\s+in)?|enter(?:ed|ing|s)?|dial(?:led|ling|s)?)\b)"
)
# The number as what opens the lock: "0917 opens the key safe".
_OPENS_AFTER = re.compile(r"(?i:\s+(?:opens|unlocks|gets\s+you\s+in(?:to)?|lets\s+you\s+in(?:to)?)\b)")
_VERB_JUST_BEFORE = re.compile(r"(?i:\b(?:punch|key|tap|type)(?:ed|ing|s)?\s+in\s+)$")
# Codes that open nothing: "code of conduct", "dress code", "Code Club", "chip and PIN machines".
_NOT_A_SECRET = re.compile(
    r"(?i:\b(?:post|dress|discount|promo|promotional|voucher|booking|reference|ref|tax|sort|area|dialling"
    r"|project|cost|budget|job|service|account|nominal|ledger|finance|billing|school|department|bar"
    r"|dialing|source|colour|color|qr|bar|highway|zip|country|course|product|offer|building|planning|penal"
    r"|civil|criminal|genetic|morse|tracking|gift|redemption|referral|access\s+to\s+the\s+course)\s+$)",
)
_SECRET_NOT_AFTER = re.compile(
    r"(?i:\s+(?:of\s+(?:conduct|practice|practise|ethics|behaviour)|club|red|blue|words?|reset|machines?"
    r"|terminals?|pads?|readers?|badges?|boards?|protected|strength|policy|manager|rules|resets?|changes|training|security))\b"
)
_CHIP_AND_PIN = re.compile(r"(?i:chip\s+(?:and|&|n['’]?)\s+)$")
# A code-shaped token: digits (perhaps with # or *, or spaced "4-7-2-1"), or a word with digits in it.
_TOKEN = re.compile(
    r"(?<![\w£$€.,:/#*-])(?P<tok>[#*]?\d+(?:[- ]\d+)*[#*]?"
    r"|(?=[A-Za-z0-9!#$%&*?@_.-]*\d)[A-Za-z][A-Za-z0-9!#$%&*?@_-]*[A-Za-z0-9!#*?]"
    r"|\d[A-Za-z0-9!#$%&*?@_-]*[A-Za-z][A-Za-z0-9!#$%&*?@_-]*)"
    r"(?![\w£$€%/@]|[.,:]\w)"
)
_SPACED_DIGITS = re.compile(r"\d(?:[- ]\d){3,7}")
_PAIRED_DIGITS = re.compile(r"\d{1,2}(?:[- ]\d{1,2}){2,5}")
_PLAIN_DIGITS = re.compile(r"\d{3,8}")
_STARRED = re.compile(r"[#*]\d{3,10}[#*]?|\d{3,10}[#*]")
# Tokens with letters that are something else: times, ordinals, measures, roads, years, postcodes.
_NOT_A_CODE_TOKEN = re.compile(
    r"\d+(?:am|pm|st|nd|rd|th|mm|cm|km|kg|mph|ft|hrs?|mins?|s|k|m|g|gb|mb|p|x)|[A-Z]{1,2}\d{1,4}(?:\(M\))?"
    r"|\d{1,2}[A-Z]|[A-Za-z]+-\d{1,2}|(?i:covid-?19|y\d{1,2}|ks\d|mp\d|a\d+)|\d{4}-\d{2,4}",
)


def _is_code_token(tok: str, strong_only: bool) -> bool:
    if _STARRED.fullmatch(tok) or _SPACED_DIGITS.fullmatch(tok):
        return True
    if strong_only:
        return False
    if _PAIRED_DIGITS.fullmatch(tok):
        return True
    if tok.isdigit():
        return _PLAIN_DIGITS.fullmatch(tok) is not None and _NOT_CODE_VALUE.fullmatch(tok) is None
    if not any(c.isalpha() for c in tok) or len(tok) < 5 or " " in tok:
        return False
    if _NOT_A_CODE_TOKEN.fullmatch(tok) or POSTCODE_RE.fullmatch(tok):
        return False
    return sum(c.isdigit() for c in tok) >= 2 or not tok[0].isdigit()


def _secret_in(source: str, start: int, end: int) -> tuple[bool, bool]:
    """Whether the sentence names a secret (or a code with what it opens), and what it opens."""
    thing = any(not _SECRET_NOT_AFTER.match(source, m.end()) for m in _THING.finditer(source, start, end))
    for m in _SECRET_SELF.finditer(source, start, end):
        if _SECRET_NOT_AFTER.match(source, m.end()) or _CHIP_AND_PIN.search(
            source, max(0, m.start() - 12), m.start()
        ):
            continue
        return True, True
    if thing or _PLACE_FOR_CODE.search(source, start, end):
        for m in _CODE_NOUN.finditer(source, start, end):
            if _SECRET_NOT_AFTER.match(source, m.end()) or _NOT_A_SECRET.search(
                source, max(0, m.start() - 30), m.start()
            ):
                continue
            return True, thing
    return False, thing


# A generated password, "#(i9Z3OyGW" or "u*YNrgsy%0": any run of six or more characters with a letter,
# a digit and a symbol or a capital inside it.
_CHUNK = re.compile(r"(?<!\S)[\"'“‘]?(?P<tok>[^\s\"'“”‘’]{6,48}?)[\"'”’]?[.,;:]?(?!\S)")
_CHUNK_SYMBOL = re.compile(r"[!@#$%^&*()_+=~?<>{}\[\]|\\]")
_NOT_A_CHUNK = re.compile(r"(?i:https?:|www\.|[\w.+-]+@[\w-]+\.[\w.]+|.*\.(?:com|org|uk|gov|net)\b)")


def _password_chunk(tok: str) -> tuple[int, int] | None:
    """Where a generated password lies in ``tok`` (without a bracket around it), or None."""
    start, end = 0, len(tok)
    if tok.startswith("(") and tok.endswith(")"):
        start, end = 1, end - 1
    elif tok.endswith(")") and "(" not in tok:
        end -= 1
    word = tok[start:end]
    if len(word) < 6 or not any(c.isdigit() for c in word) or not any(c.isalpha() for c in word):
        return None
    if _NOT_A_CHUNK.match(word):
        return None
    capital_inside = any(c.isupper() for c in word[1:]) and any(c.islower() for c in word)
    return (start, end) if _CHUNK_SYMBOL.search(word) or capital_inside else None


def _joined_break(source: str, start: int) -> bool:
    """True where the break before ``start`` does not end a sentence: a colon or semicolon, or a "!" or
    "?" that belongs to a password because a lower-case word follows ("Zorvan! if anyone needs it")."""
    before = source[:start].rstrip()
    if before[-1:] in (":", ";"):
        return True
    return before[-1:] in ("!", "?") and source[start : start + 1].islower()


def _whole_sentence(source: str, pos: int) -> tuple[int, int]:
    """The sentence around ``pos``, across the colons and semicolons that ``sentence_bounds`` stops at,
    and across a "!" or "?" that a lower-case word follows."""
    start, end = sentence_bounds(source, pos)
    while start > 1 and _joined_break(source, start):
        start = sentence_bounds(source, source[:start].rstrip().__len__() - 1)[0]
    while end < len(source):
        nxt = end
        while nxt < len(source) and source[nxt] in "!?:;":
            nxt += 1
        if nxt == end:
            break
        after = sentence_bounds(source, min(len(source), nxt + 1))
        if not _joined_break(source, after[0]):
            break
        end = after[1]
    return start, end


# A sentence that points back at the code the one before named: "The alarm code was reset this
# morning. It's 4417 until further notice."
_POINTS_BACK = re.compile(
    r"(?i:(?:it|it['’]s|the\s+new\s+(?:one|code|number|combination)|now\s+it['’]s|it\s+is|it\s+has"
    r"\s+changed\s+to|it['’]s\s+now|it\s+is\s+now)\b)"
)


def _secret_from_before(source: str, start: int) -> tuple[bool, bool]:
    """The previous sentence's answer, when this one opens by pointing back at what it named."""
    if start < 2 or not _POINTS_BACK.match(source, start):
        return False, False
    prev_end = len(source[:start].rstrip()) - 1
    p_start, p_end = _whole_sentence(source, prev_end)
    return _secret_in(source, p_start, p_end)


# A password that is a word with symbols after it ("Quellby#", "Zorvan!" before "if anyone …"): the
# symbols are part of it when a lower-case word or a bracket follows, and the word is no ordinary one.
_WORD_AND_SYMBOLS = re.compile(
    r"(?<![\w#*])(?P<tok>[A-Z][A-Za-z'’]{2,}[#!?*$@%&]+)(?=\s+(?:[a-z(]|$))|(?P<end>[A-Z][A-Za-z'’]{2,}[#*$@%&]+)(?=\s*$)"
)


# Quantities, not codes: "fell by 300", "more than 1500".
_QUANTITY_BEFORE = re.compile(
    r"(?i:\b(?:by|over|under|about|around|nearly|almost|than|some|roughly|approximately|least|to\s+around"
    r"|up\s+to|only|just)\s+)$"
)


def codes_in_sentences(source: str) -> Iterator[tuple[int, int]]:
    secret_word = _SECRET_SELF.search(source) is not None or _CODE_NOUN.search(source) is not None
    if not secret_word and _THING.search(source) is None:
        return
    seen: dict[int, tuple[bool, bool]] = {}
    for m in _CHUNK.finditer(source) if secret_word else ():
        inner = _password_chunk(m.group("tok"))
        if inner is None:
            continue
        start, end = _whole_sentence(source, m.start())
        if start not in seen:
            seen[start] = _secret_in(source, start, end)
        if seen[start][0]:
            yield m.start("tok") + inner[0], m.start("tok") + inner[1]
    for m in _WORD_AND_SYMBOLS.finditer(source) if secret_word else ():
        group = "tok" if m.group("tok") else "end"
        word = m.group(group).rstrip("#!?*$@%&")
        if is_common_word(word):
            continue
        start, end = _whole_sentence(source, m.start())
        if start not in seen:
            seen[start] = _secret_in(source, start, end) or _secret_from_before(source, start)
        if seen[start][0]:
            yield m.start(group), m.end(group)
    for m in _TOKEN.finditer(source):
        tok = m.group("tok")
        if tok[0] == " " or tok[-1] in "-_":
            continue
        start, end = _whole_sentence(source, m.start())
        if start not in seen:
            found = _secret_in(source, start, end)
            seen[start] = found if any(found) else _secret_from_before(source, start)
        secret, thing = seen[start]
        if not (secret or thing):
            continue
        # A plain number must end its clause or be joined on ("4417 so", "4417 for"), not count something.
        if tok.isdigit() and not (_AFTER_TOKEN.match(source, m.end()) or _OPENS_AFTER.match(source, m.end())):
            continue
        if tok.isdigit() and (
            _QUANTITY_BEFORE.search(source, max(0, m.start() - 20), m.start())
            or _LABEL_BEFORE.search(source, max(0, m.start() - 20), m.start())
        ):
            continue
        if _is_code_token(tok, strong_only=not secret):
            yield m.start("tok"), m.end("tok")
        elif thing and _ENTER_VERB.search(source, start, end) and _is_code_token(tok, strong_only=False):
            # "Type C992932X into the alarm panel".
            yield m.start("tok"), m.end("tok")
        elif (
            thing
            and tok.isdigit()
            and (
                _CODE_VERB.search(source, start, end) or _OPENS_AFTER.match(source, m.end()) or len(tok) >= 4
            )
            and (
                _VERB_JUST_BEFORE.search(source, max(0, m.start() - 20), m.start())
                or not _LABEL_OR_TIME_BEFORE.search(source, max(0, m.start() - 20), m.start())
            )
            and _is_code_token(tok, strong_only=False)
        ):
            # "Use 2580 on the side door keypad": a lock, a verb that gives it a number, the number.
            yield m.start("tok"), m.end("tok")


# What may follow a code: the end of the clause or a joining word, never a noun it counts.
_AFTER_TOKEN = re.compile(
    rf"{_AFTER_CODE}|\s+-\s|\s+(?:as|is|was|will|has|into|in|because|though|thanks|cheers|remember|just|btw"
    r"|anyway|everyone|folks|all|you|we|they|i|it|don['’]?t|do|never|only|going|these|currently|from|\w+ly)\b",
    re.IGNORECASE,
)
