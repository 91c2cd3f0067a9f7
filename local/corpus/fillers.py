"""Slot fillers for the corpus templates: the words, numbers and identifiers that vary between items.

Identifiers are generated to the rules the catalogue documents (a valid NHS number passes mod 11, a
NINO has a permitted prefix), and the hard-negative fillers are built to fail them on purpose, so the
gold labels follow from how a filler was made rather than from running any check.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from .model import Filler

# The corpus organisation: the allow-lists in ``local.corpus.rules`` name exactly these.
SWITCHBOARD = "01632 960000"
SWITCHBOARD_FORMS = ("01632 960000", "01632 960 000", "(01632) 960000", "+44 1632 960000")
TEAM_INBOXES = (
    "contact@example.gov.uk",
    "comms@example.gov.uk",
    "bins@example.gov.uk",
    "libraries@example.gov.uk",
    "parks@example.gov.uk",
    "housing.repairs@example.gov.uk",
)
STAFF_ALLOWED = ("Sam Okoro", "Bev Harding", "Raj Mistry", "Kelly Dunn", "Tomasz Nowak", "Grace Adeyemi")
COUNCILLORS = ("Priya Shah", "Tom Bellamy", "Ann Whitfield", "Marcus Reid")
SITE_POSTCODES = ("LS1 1UR", "LS2 8BH", "LS11 5DR")
SITES = ("the Civic Centre", "the Town Hall", "the Hunslet depot")
WINDOW_START = date(2026, 3, 27)
WINDOW_END = date(2026, 5, 7)

FIRST_NAMES = (
    "Doreen",
    "Kevin",
    "Aisha",
    "Gary",
    "Margaret",
    "Wayne",
    "Sandra",
    "Imran",
    "Lorraine",
    "Dean",
    "Brenda",
    "Nadia",
    "Stuart",
    "Hazel",
    "Jordan",
    "Paula",
    "Craig",
    "Shirley",
    "Tariq",
    "Joanne",
    "Keith",
    "Maureen",
    "Lee",
    "Yvonne",
    "Darren",
    "Sunita",
    "Trevor",
    "Gillian",
)
SURNAMES = (
    "Baxter",
    "Marsh",
    "Hussain",
    "Pickering",
    "Thornton",
    "Walsh",
    "Ellis",
    "Kowalski",
    "Brennan",
    "Atkinson",
    "Chowdhury",
    "Gallagher",
    "Holroyd",
    "Fairclough",
    "Nwosu",
    "Sutcliffe",
    "Rahman",
    "Dobson",
    "Hargreaves",
    "McAllister",
    "Lindqvist",
    "Okafor",
    "Bhatti",
)
CHILD_NAMES = (
    "Amelia",
    "Jayden",
    "Olivia",
    "Harry",
    "Isla",
    "Mohammed",
    "Poppy",
    "Alfie",
    "Freya",
    "Zain",
    "Ruby",
    "Oscar",
    "Maya",
    "Leo",
)
SCHOOLS = (
    "St Mary's Primary",
    "Oakfield Primary School",
    "Beckside Academy",
    "Hillcrest Infants",
    "Moorland Junior School",
)
STREETS = (
    "Elm Road",
    "Station Road",
    "Mill Lane",
    "Carr Street",
    "Ashgrove Avenue",
    "Beck Side",
    "Primrose Close",
    "Hollin Drive",
    "Kirkgate",
    "Wharf Street",
    "Hawthorn Crescent",
    "Chapel Terrace",
)
ESTATES = (
    "the Seacroft estate",
    "the Beeston Hill estate",
    "the Lincoln Green estate",
    "the Middleton estate",
)
PARKS = ("Riverside Park", "Holbeck Moor", "the Rec on Mill Lane", "Beckside Park", "Canal Gardens")
PARTIES = (
    "Labour",
    "the Conservatives",
    "the Liberal Democrats",
    "the Green Party",
    "Reform UK",
    "the Lib Dems",
    "the Tories",
    "Plaid Cymru",
)
BUSINESSES = (
    "Quickfix Drives Ltd",
    "Budget Skips Direct",
    "A1 Roofing & Sons",
    "Northern Clearances",
    "Kwik Klean Gutters",
    "Premier Paving Co",
)
_POSTCODE_AREAS = ("LS", "BD", "HX", "WF", "HD", "YO", "HG", "S", "M", "OL")
_POSTCODE_INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
_MOBILE_PREFIXES = ("07911", "07723", "07845", "07506", "07392", "07980", "07412", "07534")
_WEBMAIL = ("gmail.com", "hotmail.co.uk", "yahoo.co.uk", "btinternet.com", "outlook.com", "icloud.com")
_NINO_FIRST = "ABCEGHJKLMNOPRSTWXYZ"
_NINO_SECOND = "ABCEGHJKLMNPRSTWXYZ"
_NINO_BAD = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})

_BOLD_UPPER, _BOLD_LOWER = 0x1D400, 0x1D41A
_SANS_BOLD_UPPER, _SANS_BOLD_LOWER = 0x1D5D4, 0x1D5EE
_BOLD_ITALIC_UPPER, _BOLD_ITALIC_LOWER = 0x1D468, 0x1D482


def pick(*options: str) -> Filler:
    """A filler choosing one of ``options``."""
    choices = tuple(options)

    def fill(rng: random.Random) -> str:
        return rng.choice(choices)

    return fill


def nhs_check_digit(nine: str) -> int | None:
    """The mod-11 check digit for nine digits, or None where no valid number exists (a remainder of 10)."""
    total = sum(int(d) * w for d, w in zip(nine, range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        return 0
    return None if check == 10 else check


def _format_3_3_4(digits: str, rng: random.Random) -> str:
    sep = rng.choice((" ", " ", "-", ""))
    return f"{digits[:3]}{sep}{digits[3:6]}{sep}{digits[6:]}"


def _nhs_digits(rng: random.Random) -> str:
    while True:
        # Issued NHS numbers in England start 4, 6 or 7; never 0, which would read as a phone number.
        nine = rng.choice("467") + "".join(rng.choice("0123456789") for _ in range(8))
        check = nhs_check_digit(nine)
        if check is not None and len(set(nine + str(check))) > 1:
            return nine + str(check)


def nhs_number(rng: random.Random) -> str:
    return _format_3_3_4(_nhs_digits(rng), rng)


def bad_checksum_reference(rng: random.Random) -> str:
    """Ten digits shaped like an NHS number whose check digit is wrong: a job or case reference."""
    digits = _nhs_digits(rng)
    wrong = rng.choice([d for d in "0123456789" if d != digits[-1]])
    digits = digits[:9] + wrong
    return digits if rng.random() < 0.5 else _format_3_3_4(digits, rng)


def nino(rng: random.Random) -> str:
    while True:
        prefix = rng.choice(_NINO_FIRST) + rng.choice(_NINO_SECOND)
        if prefix not in _NINO_BAD:
            break
    digits = "".join(rng.choice("0123456789") for _ in range(6))
    suffix = rng.choice("ABCD")
    if rng.random() < 0.5:
        return f"{prefix}{digits}{suffix}"
    return f"{prefix} {digits[:2]} {digits[2:4]} {digits[4:]} {suffix}"


def mobile(rng: random.Random) -> str:
    national = rng.choice(_MOBILE_PREFIXES) + "".join(rng.choice("0123456789") for _ in range(6))
    style = rng.randrange(4)
    if style == 0:
        return f"{national[:5]} {national[5:]}"
    if style == 1:
        return national
    if style == 2:
        return f"+44 {national[1:5]} {national[5:]}"
    return f"{national[:5]} {national[5:8]} {national[8:]}"


def drama_mobile(rng: random.Random) -> str:
    """Ofcom's drama range, 07700 900000–900999: the number most fiction (and most test data) uses."""
    tail = f"{rng.randrange(1000):03d}"
    return rng.choice((f"07700 900{tail}", f"07700900{tail}", f"+44 7700 900{tail}", f"07700 900 {tail}"))


def personal_email(rng: random.Random) -> str:
    first, last = rng.choice(FIRST_NAMES).lower(), rng.choice(SURNAMES).lower()
    local = rng.choice((f"{first}.{last}", f"{first}{last}{rng.randrange(60, 99)}", f"{first[0]}{last}"))
    return f"{local}@{rng.choice(_WEBMAIL)}"


def postcode(rng: random.Random) -> str:
    while True:
        area = rng.choice(_POSTCODE_AREAS)
        code = (
            f"{area}{rng.randrange(1, 30)} {rng.randrange(1, 10)}"
            f"{rng.choice(_POSTCODE_INWARD_LETTERS)}{rng.choice(_POSTCODE_INWARD_LETTERS)}"
        )
        if code not in SITE_POSTCODES:
            return code


def house_address(rng: random.Random) -> str:
    street = rng.choice(STREETS)
    number = rng.randrange(1, 140)
    if rng.random() < 0.25:
        return f"Flat {rng.randrange(1, 12)}, {number} {street}"
    return f"{number} {street}"


def person(rng: random.Random) -> str:
    """A private individual as a story would name them: title and surname, or first name and surname."""
    if rng.random() < 0.5:
        return f"{rng.choice(('Mr', 'Mrs', 'Ms', 'Miss'))} {rng.choice(SURNAMES)}"
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"


def titled_person(rng: random.Random) -> str:
    return f"{rng.choice(('Mr', 'Mrs', 'Ms', 'Miss'))} {rng.choice(SURNAMES)}"


def full_name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"


def councillor(rng: random.Random) -> str:
    name = rng.choice(COUNCILLORS)
    return rng.choice((f"Cllr {name}", f"Councillor {name}", name))


def b_road(rng: random.Random) -> str:
    return f"{rng.choice('AB')}{rng.randrange(1000, 7000)}"


def count(low: int, high: int) -> Filler:
    def fill(rng: random.Random) -> str:
        return str(rng.randrange(low, high))

    return fill


def _shift(word: str, upper: int, lower: int) -> str:
    out = []
    for ch in word:
        if "A" <= ch <= "Z":
            out.append(chr(upper + ord(ch) - ord("A")))
        elif "a" <= ch <= "z":
            out.append(chr(lower + ord(ch) - ord("a")))
        else:
            out.append(ch)
    return "".join(out)


def fake_font(text: str, rng: random.Random) -> str:
    """``text`` in "fake bold" mathematical letters, the kind social media font generators produce."""
    upper, lower = rng.choice(
        (
            (_BOLD_UPPER, _BOLD_LOWER),
            (_SANS_BOLD_UPPER, _SANS_BOLD_LOWER),
            (_BOLD_ITALIC_UPPER, _BOLD_ITALIC_LOWER),
        )
    )
    return _shift(text, upper, lower)


def fake_font_of(*phrases: str) -> Filler:
    def fill(rng: random.Random) -> str:
        return fake_font(rng.choice(phrases), rng)

    return fill


def window_now(rng: random.Random) -> datetime:
    """A moment inside the corpus's pre-election window."""
    day = WINDOW_START + timedelta(days=rng.randrange((WINDOW_END - WINDOW_START).days + 1))
    return datetime(day.year, day.month, day.day, rng.randrange(8, 18), tzinfo=UTC)


def outside_now(rng: random.Random) -> datetime:
    """A moment well away from the pre-election window."""
    start = date(2026, 6, 1)
    day = start + timedelta(days=rng.randrange(180))
    return datetime(day.year, day.month, day.day, rng.randrange(8, 18), tzinfo=UTC)
