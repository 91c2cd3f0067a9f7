"""Held-out positives for personal data: identifiers, contact details, addresses, names, special
category data and children, in sentences written apart from the dev families."""

from __future__ import annotations

from ..model import Family
from .build import L, pos
from .slots import one_of, surname
from .sources import sexuality_gender

PERSONAL: tuple[Family, ...] = (
    pos(
        "PII-NHS",
        "nhs",
        "The discharge letter for the man on the ward had NHS No. {nhs} at the top, so we matched it up.",
        "Her care plan, reference NHS {nhs}, finally came through from the hospital this afternoon.",
        "Logged {nhs} against the new referral and the OT visit is booked for {day}.",
        "Can someone check whether {nhs} is the right NHS number for the lady we saw yesterday?",
        labels=(L("PII-NHS", "nhs"),),
    ),
    pos(
        "PII-NINO",
        "nino",
        "He brought in his DWP letter with his National Insurance number, {nino}, and we sorted the claim.",
        "Payroll needed {nino} re-keyed after the new starter's form was smudged.",
        "NI no. {nino} was on the back of the form, so the council tax reduction went through.",
        labels=(L("PII-NINO", "nino"),),
    ),
    pos(
        "PII-PHONE",
        "mobile",
        "If anyone spots the missing dog near {street}, ring {first} on {mobile}.",
        "Any questions about Saturday's clean-up, my mobile is {mobile}.",
        "The tenant asked us to text her on {mobile} when the repair team is on the way.",
        labels=(L("PII-PHONE", "mobile"),),
    ),
    pos(
        "PII-EMAIL",
        "webmail",
        "{first} from the allotment society says drop her a line at {webmail} if you want a plot.",
        "The resident who found the ring is happy to be contacted on {webmail}.",
        "Entries for the photo competition go to {webmail} by {day}.",
        labels=(L("PII-EMAIL", "webmail"),),
    ),
    pos(
        "PII-ADDR",
        "home",
        "We cleared the overgrown garden at {house} for an elderly resident who couldn't manage it.",
        "The crew fitted a new front door at {house} after the tenant was burgled.",
        "Mrs {first} at {house} says thank you to the bin crew for bringing her bin back every week.",
        "A huge thank you to the family at {house}, who've been feeding the street's cats all winter.",
        labels=(L("PII-ADDR", "house"),),
    ),
    pos(
        "PII-POSTCODE",
        "postcode_person",
        "{name} of {postcode} won the best front garden prize this year.",
        "We delivered the new wheelie bins to {house}, {postcode}, this morning.",
        labels=(L("PII-POSTCODE", "postcode"), L("PII-NAME", "name"), L("PII-ADDR", "house")),
    ),
    pos(
        "PII-NAME",
        "colleague",
        "My colleague {name} has worked on the bin rounds for twenty years and still loves it.",
        "Huge thanks to {name}, who stayed late to get every library book back on the shelves.",
        "Residents on {street} wanted to say thanks to {name} for clearing the leaves.",
        "Today we said goodbye to {name}, our longest-serving lollipop lady.",
        labels=(L("PII-NAME", "name"),),
    ),
    pos(
        "PII-NAME",
        "resident",
        "{name}, 84, told us she hasn't missed a library reading group in ten years.",
        "We helped {name} from {town} get his boiler fixed before the cold snap.",
        "{name} said the new bus shelter has made a big difference to her mornings.",
        "Our home library volunteer visits {titled} every {day} with a bag of crime novels.",
        labels=(L("PII-NAME", "name"), L("PII-NAME", "titled")),
    ),
    pos(
        "PII-SPECIAL",
        "condition",
        "{first} from reablement has been helping {name}, who was diagnosed with {condition} last year.",
        "{titled} has {condition}, so the crew now collects her bin from the back door.",
        "Our tenant {name} is living with {condition} and needed the bathroom adapted.",
        "{first} on the parks team is recovering from {condition} and will be back in spring.",
        labels=(L("PII-SPECIAL", "condition"), L("PII-NAME", "name"), L("PII-NAME", "titled")),
    ),
    pos(
        "PII-SPECIAL",
        "belief_identity",
        "As a {religion}, {first} always swaps shifts with colleagues over the holidays.",
        "{name} is a devout {religion} and helped us plan the new multi-faith room.",
        "{first}, who is {ethnic}, told us the new leaflets finally speak to her community.",
        "{name} came out as {gender} to the team last year and wanted to share her story.",
        labels=(
            L("PII-SPECIAL", "religion"),
            L("PII-SPECIAL", "ethnic"),
            L("PII-SPECIAL", "gender"),
            L("PII-NAME", "name"),
        ),
        slots={"gender": one_of(sexuality_gender)},
    ),
    pos(
        "PII-SPECIAL",
        "record",
        "{first} served {years} years for {offence} and now volunteers on our litter picks every week.",
        "{name} was convicted of {offence} but has turned his life around with our employment scheme.",
        "The tenant at number {n} was in prison for {offence}, so we gave him extra support moving in.",
        labels=(L("PII-SPECIAL", "years", to="offence"), L("PII-SPECIAL", "offence"), L("PII-NAME", "name")),
    ),
    pos(
        "PII-CHILD",
        "named_child",
        "{child}, aged {age}, from {school} won our poster competition.",
        "Well done to {child} ({age}) from {school}, who read forty books over the summer.",
        "Pupil {child} {surname} from {school} planted the first tree in the new orchard.",
        "{child}, {age}, helped the crew fill the grit bin outside {school}.",
        labels=(L("PII-CHILD", "child"),),
        slots={"surname": surname},
    ),
)
