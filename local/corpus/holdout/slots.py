"""The held-out families' slot fillers: people, places, identifiers and words from ``sources``.

None of them shares a value or a word list with the dev families' fillers (``local.corpus.fillers``),
and identifiers follow the issuers' published rules (NHS mod 11, HMRC's NINO prefixes), not ours.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Mapping

from ..fillers import nhs_check_digit
from ..model import Filler
from . import sources as s


def one_of(pool: Callable[[], tuple[str, ...]]) -> Filler:
    def fill(rng: random.Random) -> str:
        return rng.choice(pool())

    return fill


def pick(*options: str) -> Filler:
    def fill(rng: random.Random) -> str:
        return rng.choice(options)

    return fill


def count(low: int, high: int) -> Filler:
    def fill(rng: random.Random) -> str:
        return str(rng.randrange(low, high))

    return fill


def first(rng: random.Random) -> str:
    return rng.choice(s.first_names())


def surname(rng: random.Random) -> str:
    return rng.choice(s.surnames())


def full_name(rng: random.Random) -> str:
    return f"{first(rng)} {surname(rng)}"


def titled(rng: random.Random) -> str:
    return f"{rng.choice(('Mr', 'Mrs', 'Ms', 'Miss', 'Dr'))} {surname(rng)}"


def street(rng: random.Random) -> str:
    """A street as Faker names them: a first name or surname and a suffix ("Helen Meadows")."""
    stem = first(rng) if rng.random() < 0.4 else surname(rng)
    return f"{stem} {rng.choice(s.street_suffixes())}"


def house(rng: random.Random) -> str:
    number = rng.randrange(1, 900)
    if rng.random() < 0.2:
        return f"Flat {rng.randrange(1, 20)}, {number} {street(rng)}"
    return f"{number} {street(rng)}"


def school(rng: random.Random) -> str:
    style = rng.randrange(4)
    if style == 0:
        return f"St {first(rng)}'s {rng.choice(('Primary', 'RC Primary', 'C of E Primary', 'Infants'))}"
    if style == 1:
        return f"{surname(rng)} {rng.choice(('Primary School', 'Junior School', 'Academy', 'Infant School'))}"
    return f"{rng.choice(s.town_names())} {rng.choice(('Primary', 'Primary Academy', 'Community Primary'))}"


def nhs_number(rng: random.Random) -> str:
    """A number NHS Digital's mod-11 rule accepts, written the ways forms print it."""
    while True:
        nine = "".join(rng.choice("0123456789") for _ in range(9))
        check = nhs_check_digit(nine)
        if check is not None and nine[0] != "0" and len(set(nine)) > 2:
            digits = nine + str(check)
            break
    sep = rng.choice((" ", "", "-"))
    return f"{digits[:3]}{sep}{digits[3:6]}{sep}{digits[6:]}"


# HMRC: the first letter is not D, F, I, Q, U or V; the second not those or O; some pairs never issued.
_NINO_1 = "ABCEGHJKLMNOPRSTWXYZ"
_NINO_2 = "ABCEGHJKLMNPRSTWXYZ"
_NINO_NEVER = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})


def nino(rng: random.Random) -> str:
    while (prefix := rng.choice(_NINO_1) + rng.choice(_NINO_2)) in _NINO_NEVER:
        pass
    d = "".join(rng.choice("0123456789") for _ in range(6))
    suffix = rng.choice("ABCD")
    return rng.choice((f"{prefix}{d}{suffix}", f"{prefix} {d[:2]} {d[2:4]} {d[4:]} {suffix}"))


def door_code(rng: random.Random) -> str:
    digits = "".join(rng.choice("0123456789") for _ in range(rng.choice((4, 4, 5, 6))))
    return rng.choice((digits, f"{digits}#", f"C{digits}X", "-".join(digits), f"*{digits}"))


def password(rng: random.Random) -> str:
    """A password the way people set them: a word, a year or number, a symbol."""
    word = re.sub(r"[\W_]", "", rng.choice(s.surnames() + s.town_names()))
    tail = rng.choice((str(rng.randrange(2019, 2027)), str(rng.randrange(1, 99)), ""))
    return f"{word}{tail}{rng.choice(('!', '#', '', '?', '123'))}"


def years(rng: random.Random) -> str:
    return rng.choice(("two", "three", "five", "six", "eight", "ten", "fifteen"))


SLOTS: Mapping[str, Filler] = {
    "name": full_name,
    "name2": full_name,
    "first": first,
    "first2": first,
    "titled": titled,
    "street": street,
    "house": house,
    "town": one_of(s.town_names),
    "postcode": s.postcode,
    "business": one_of(s.businesses),
    "school": school,
    "child": first,
    "age": count(4, 12),
    "condition": one_of(s.conditions),
    "religion": one_of(s.religions),
    "ethnic": one_of(s.ethnic_groups),
    "offence": one_of(s.offences),
    "years": years,
    "party": one_of(s.parties),
    "swear": one_of(s.british_swear_words),
    "nhs": nhs_number,
    "nino": nino,
    "bad_nino": s.bad_nino,
    "mobile": s.mobile,
    "landline": s.landline,
    "webmail": s.webmail,
    "plate": s.number_plate,
    "code": door_code,
    "password": password,
    "n": count(8, 400),
    "day": pick("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
