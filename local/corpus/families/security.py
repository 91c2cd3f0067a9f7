"""Positive families for security: door and key safe codes, passwords and vulnerable locations."""

from __future__ import annotations

from .. import fillers as f
from ..model import Family
from .build import L, pos

SECURITY: tuple[Family, ...] = (
    pos(
        "SEC-CODE",
        "code.keysafe",
        "Note for the care team: the {codekind} is {code}, front door round the side.",
        "Reminder: {codekind} {code} for the community centre, don't lose it!",
        labels=(L("SEC-CODE", "codekind", to="code"),),
        slots={
            "codekind": f.pick("key safe code", "keysafe code", "door code", "gate code", "keypad code"),
            "code": f.pick("4721", "1984#", "C2468X", "0852", "7319", "2580"),
        },
    ),
    pos(
        "SEC-CODE",
        "code.wifi",
        "The library {codekind} is {code} if anyone asks.",
        "Depot {codekind}: {code}. Change it when you can!",
        labels=(L("SEC-CODE", "codekind", to="code"),),
        slots={
            "codekind": f.pick("Wi-Fi password", "wifi password", "guest wifi password", "login password"),
            "code": f.pick("Library2026!", "bins4life", "Summer#24", "parks1234"),
        },
    ),
    pos(
        "SEC-CODE",
        "code.alarm",
        "The {codekind} for the pool plant room is {code}.",
        "Last one out sets the {codekind}: {code}.",
        labels=(L("SEC-CODE", "codekind", to="code"),),
        slots={
            "codekind": f.pick("alarm code", "PIN", "alarm PIN", "padlock combination"),
            "code": f.pick("4417", "9023", "1357", "6604"),
        },
    ),
    pos(
        "SEC-VULN",
        "vuln.refuge",
        "Our gardeners tidied the grounds of the {refuge} on {street} today.",
        "New locks fitted at the {refuge} on {street}. Safe and sound.",
        labels=(L("SEC-VULN", "refuge", to="street"),),
        slots={"refuge": f.pick("women's refuge", "domestic abuse refuge", "refuge", "safe house")},
    ),
    pos(
        "SEC-VULN",
        "vuln.sheltered",
        "Fire alarm tests done at the {scheme} on {street}.",
        "Our repairs team painted the lounge at the {scheme} on {street} this week.",
        labels=(L("SEC-VULN", "scheme", to="street"),),
        slots={
            "scheme": f.pick(
                "sheltered housing scheme",
                "supported housing flats",
                "extra care scheme",
                "hostel for care leavers",
            )
        },
    ),
    pos(
        "SEC-VULN",
        "vuln.home",
        "Our warden checks on {alone} at {addr} every morning.",
        "We dropped a food parcel round to {alone} at {addr}.",
        labels=(L("SEC-VULN", "alone", to="addr"), L("PII-ADDR", "addr")),
        slots={
            "alone": f.pick(
                "an elderly man who lives alone",
                "a frail lady who lives on her own",
                "a vulnerable tenant",
                "a housebound pensioner",
            )
        },
    ),
)
