"""Held-out positives for security, politics and tone, with held-out clean stories and hard negatives."""

from __future__ import annotations

from ..fillers import window_now
from ..model import Family
from .build import L, clean, hard, pos
from .slots import one_of, pick
from .sources import rude_places

OTHER: tuple[Family, ...] = (
    pos(
        "SEC-CODE",
        "entry_codes",
        "Heads up team: the {what} at the {place} has changed to {code}.",
        "The {what} for the {place} is now {code}, please don't share it outside the team.",
        "New starters: you'll need {code} for the {what} at the {place}.",
        "Reminder that the {place} {what} was reset this morning. It's {code} until further notice.",
        labels=(L("SEC-CODE", "what", to="code"), L("SEC-CODE", "code")),
        slots={
            "what": pick(
                "door code", "keypad code", "key safe", "lock box", "alarm code", "gate code", "padlock"
            ),
            "place": pick(
                "depot", "staff room", "salt barn", "community hall", "day centre", "library back office"
            ),
        },
    ),
    pos(
        "SEC-CODE",
        "logins",
        "The {what} for the {place} is {password} if anyone needs it.",
        "Quick one: the {what} at the {place} is now {password} (case sensitive).",
        "We've all been using {password} as the {what} for the {place}, which probably isn't ideal.",
        labels=(L("SEC-CODE", "what", to="password"), L("SEC-CODE", "password")),
        slots={
            "what": pick("Wi-Fi password", "wifi password", "shared login", "laptop password", "PIN"),
            "place": pick(
                "library staff room", "depot office", "youth club", "mobile library", "reception desk"
            ),
        },
    ),
    pos(
        "SEC-VULN",
        "safe_places",
        "Our handyperson fixed the fence at the {refuge} on {street} this week.",
        "The new {refuge} on {street} opened its doors to its first residents today.",
        labels=(L("SEC-VULN", "refuge", to="street"),),
        slots={
            "refuge": pick(
                "women's refuge",
                "domestic abuse refuge",
                "supported housing for care leavers",
                "sheltered housing scheme",
                "safe house",
            )
        },
    ),
    pos(
        "POL-PARTY",
        "promotion",
        "This skate park was built by {party}. Remember that when you vote on {day}!",
        "Proud to be standing as the {party} candidate for {town} ward in May.",
        "Vote for {party} to keep the libraries open.",
        "Only {party} will protect our bin collections. Back them on polling day.",
        labels=(L("POL-PARTY", "party"),),
        now=window_now,
    ),
    pos(
        "TONE-PROF",
        "swearing",
        "Some {swear} has dumped a mattress outside the library again.",
        "Which {swear} parked across the depot gates this morning?",
        "The new scheduling system is a total {swear}, honestly.",
        "Told the bloke who kicked the bins over he was a {swear}. Not my finest moment.",
        labels=(L("TONE-PROF", "swear"),),
    ),
    # The gold label of an allegation runs from the party named to the end of the claim, as in the dev
    # families and the catalogue: the claim about someone identifiable is what defames.
    pos(
        "TONE-DEFAME",
        "business",
        "Don't use {business}: {took}.",
        "{business} {dumping} on {street}, we've got it on camera.",
        "Warning to residents: {business} {fleecing}.",
        labels=(
            L("TONE-DEFAME", "business", to="took"),
            L("TONE-DEFAME", "business", to="dumping"),
            L("TONE-DEFAME", "business", to="fleecing"),
        ),
        slots={
            "took": pick(
                "they took a pensioner's money for a new roof and never came back",
                "they pocketed a widow's deposit for a conservatory and vanished",
                "they charged an old man twice for guttering they never fitted",
            ),
            "dumping": pick(
                "are the ones dumping rubble in the lay-by",
                "have been tipping asbestos sheets behind the garages",
                "keep leaving their builders' waste by the recycling bank",
            ),
            "fleecing": pick(
                "are fleecing people with fake gutter repairs",
                "are conning pensioners with bogus roof inspections",
                "are ripping off the elderly with driveway jobs they never finish",
            ),
        },
    ),
    pos(
        "TONE-DEFAME",
        "person",
        "Everyone knows {name} {flytipping} on {street}.",
        "{name} {fiddling}.",
        "{titled} from {street} {dealing}, according to neighbours.",
        labels=(
            L("TONE-DEFAME", "name", to="flytipping"),
            L("TONE-DEFAME", "name", to="fiddling"),
            L("TONE-DEFAME", "titled", to="dealing"),
            L("PII-NAME", "name"),
        ),
        slots={
            "flytipping": pick(
                "is the one fly-tipping behind the shops",
                "is the one dumping mattresses by the garages",
                "is the man leaving bin bags in the alley",
            ),
            "fiddling": pick(
                "has been fiddling the allotment society's accounts for years",
                "has been pocketing the tenants' association subs",
                "helps himself to the money from the charity shop till",
            ),
            "dealing": pick(
                "is dealing drugs from the flat",
                "is selling stolen bikes out of the garage",
                "is running a cannabis farm in the loft",
            ),
        },
    ),
    clean(
        "services",
        "Our gritters covered {n} miles of roads overnight so you could get to work safely.",
        "The mobile library is back on the road after its new engine, visiting {town} every {day}.",
        "We've planted {n} new street trees this winter, from cherries to silver birches.",
        "Food waste caddies are now collected every week across {town}. Thanks for using them!",
        "The leisure centre pool has reopened after its refit, with a new accessible changing room.",
        "Our apprentices rebuilt the dry stone wall at the country park using stone from the old quarry.",
    ),
    clean(
        "frontline",
        "Early start for the bin crews today: the frost was thick but every round was finished by two.",
        "The library's knit and natter group made {n} hats for the winter shelter.",
        "Pothole team update: {n} filled this week, and the worst stretch of the ring road is resurfaced.",
        "Thank you to everyone who came to the park clean-up on {day}. We filled {n} bags!",
    ),
    hard(
        "rude_places",
        "Our crews cleared the fallen tree on {place} in under an hour.",
        "The library van stops at {place} every {day} afternoon.",
        "Gritting routes now include {place}, after requests from residents.",
        slots={"place": one_of(rude_places)},
    ),
    hard(
        "everyday_words",
        "The Wi-Fi in the library is free for everyone, no password needed.",
        "The health centre reopened on {day} after its refurbishment.",
        "It's a conservative estimate, but we think {n} tonnes of litter were collected.",
        "Ask at reception for the guest Wi-Fi details when you arrive.",
        "Our new code of practice for street works comes in next month.",
        "The Green Flag award for the park was renewed again this year.",
        "Labour costs for the new roof came in under budget.",
    ),
    hard(
        "no_person",
        "The new bus shelter on {street} has a bench and a real-time display.",
        "Roadworks on {street} finish on {day}, a week early.",
        "Our housing team answered {n} calls about damp this month.",
        "Our training slides use the dummy NI number {bad_nino}, which HMRC never issues.",
    ),
)
