"""Wrongdoing said in ordinary words about someone identifiable blocks, by kind of wrongdoing.

Each allegation stands beside a sentence a user could write with the same words and no allegation
in it: nobody identifiable, the name as the one it was done to or who dealt with it, or the words in
an innocent sense. The names are invented.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chalicelib.domain.findings import CheckContext
from tests.unit.policy.test_issue_examples import blocked_spans

CTX = CheckContext(now=datetime(2026, 6, 1, 9, tzinfo=UTC), channel="blog")


def blocked(text: str) -> list[str]:
    return blocked_spans(text, "TONE-DEFAME", CTX)


# (allegation, what it blocks on, the same words with no allegation in them)
TAKING = [
    (
        "Kelvin Marsh has been pocketing the raffle money for months.",
        "pocketing the raffle money",
        "Kelvin Marsh pocketed the black to win the snooker final.",
    ),
    (
        "Dermot Falk helps himself to the petty cash at the community centre.",
        "helps himself to the petty cash",
        "We helped ourselves to tea in the staff room.",
    ),
    (
        "Brenda Tolley helped herself to stock from the food bank.",
        "helped herself to stock",
        "Brenda Tolley helped herself to a slice of the retirement cake.",
    ),
    (
        "Marcus Tate skimmed money from the youth club's funds.",
        "skimmed money",
        "Marcus Tate skimmed the leaves off the pond before the gala.",
    ),
    (
        "Mr Fenwick has his hand in the till.",
        "has his hand in the till",
        "Mr Fenwick has his hand in plaster after the fun run.",
    ),
    (
        "Don't use Pendle Aerials: they took a deposit and did a runner.",
        "took a deposit and did a runner",
        "Pendle Aerials took a deposit and fitted the dish the next day.",
    ),
]
DEALING = [
    (
        "Avoid Larkfield Motors: they sell stolen catalytic converters.",
        "sell stolen",
        "Stolen bikes are recovered by the police team.",
    ),
    (
        "Colin Reddy is flogging knock-off perfume at the car boot sale.",
        "flogging knock-off",
        "Colin Reddy is selling his own perfume at the car boot sale.",
    ),
    (
        "Mr Achterberg handles stolen phones from his shop.",
        "handles stolen",
        "Jo Bell received two reports of stolen phones this week.",
    ),
    (
        "Pauline Weir sold vapes to kids outside the school gates.",
        "sold vapes to kids",
        "Pauline Weir sold bread to the school canteen.",
    ),
    (
        "Gordon Shale is growing cannabis in his shed.",
        "growing cannabis",
        "Gordon Shale is growing tomatoes in his shed.",
    ),
    (
        "Kestrel Lettings are running an unlicensed HMO on the estate.",
        "running an unlicensed HMO",
        "Jo Bell runs the illegal money lending team.",
    ),
    (
        "Mrs Ivory runs a brothel above the launderette.",
        "runs a brothel",
        "Jo Bell runs the scam awareness sessions at the library.",
    ),
]
FRAUD = [
    (
        "Terry Wrenn forged his mother's signature on the form.",
        "forged his mother's signature",
        "Terry Wrenn forged a friendship with the twinned town.",
    ),
    (
        "Brightwell Roofing overcharged a pensioner for a tiny repair.",
        "overcharged",
        "Jo Bell is helping residents who were overcharged.",
    ),
    (
        "Hollis Glazing billed Mrs Amis twice for the same window.",
        "billed Mrs Amis twice",
        "Hollis Glazing billed the council for the new windows.",
    ),
    (
        "Nadia Forsythe is claiming single person discount while her partner lives there.",
        "claiming single person discount while",
        "Nadia Forsythe is claiming single person discount for the first time.",
    ),
    (
        "Owen Kettle has been subletting his council flat.",
        "subletting his council flat",
        "Our team stopped a tenant subletting a council flat.",
    ),
    (
        "Sandra Jolly lied to the tenants about the repairs.",
        "lied",
        "Sandra Jolly was lied to by a caller claiming to be from her bank.",
    ),
    (
        "Rita Moss fraudulently claimed the grant.",
        "fraudulently claimed",
        "Kestrel Lettings helped tenants who were illegally evicted.",
    ),
]
HARM = [
    (
        "Stuart Mayhew assaulted a neighbour last week.",
        "assaulted",
        "Stuart Mayhew was assaulted on his way home.",
    ),
    (
        "Glenn Hardy keeps threatening his neighbours.",
        "threatening his neighbours",
        "Glenn Hardy threatened to run the marathon in fancy dress.",
    ),
    (
        "Hayley Brock is abusing her position on the committee.",
        "abusing her position",
        "Hayley Brock leads our work on bullying in schools.",
    ),
]
INCOMPETENCE = [
    (
        "Fairway Paving botched the patio.",
        "botched",
        "Fairway Paving put right the botched patio for free.",
    ),
    (
        "Jasper Quint made a complete mess of the extension.",
        "made a complete mess of",
        "Jasper Quint made a cake for the volunteers.",
    ),
    (
        "Ashdown Scaffolding left the scaffold unsafe over the weekend.",
        "left the scaffold unsafe",
        "Jo Bell left early because the hall was unsafe.",
    ),
    ("Carl Binns is totally incompetent.", "incompetent", "A conservative estimate is 400 bags."),
    ("Leon Pratt is dishonest.", "dishonest", "Leon Pratt is honest about what went wrong."),
]
FLY_TIPPING = [
    (
        "Everyone knows Lorna Pike is the one dumping mattresses in the car park.",
        "dumping mattresses",
        "Thanks to Lorna Pike for clearing the mattresses people keep dumping.",
    ),
    (
        "Bexley Clearances keep leaving rubble behind the garages.",
        "leaving rubble",
        "Thanks to Jo Bell for leaving the bin bags out for our crews.",
    ),
]
CASES = TAKING + DEALING + FRAUD + HARM + INCOMPETENCE + FLY_TIPPING


@pytest.mark.parametrize(("text", "allegation"), [(text, allegation) for text, allegation, _ in CASES])
def test_wrongdoing_said_of_someone_identifiable_blocks(text: str, allegation: str) -> None:
    assert allegation in blocked(text)


@pytest.mark.parametrize("text", [negative for _, _, negative in CASES])
def test_the_same_words_with_no_allegation_in_them_pass(text: str) -> None:
    assert blocked(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The thief was caught by police.",
        "PC Jo Bell arrested a man selling stolen bikes.",
        "Our officer Jo Bell is tackling people dumping rubbish.",
        "Jo Bell cleared the dumped rubbish from Carr Street.",
        "Trading Standards officer Jane Smith warned residents about selling stolen goods.",
        "The council's Jo Bell collected the stolen bikes from the police station.",
        "Jo Bell took the donations to the food bank.",
        "Jo Bell kept the money for the raffle in a locked box.",
        "Jo Bell left tools lying about the site.",
        "Mrs Patel's roof was botched by a rogue trader.",
    ],
)
def test_someone_else_doing_it_or_nobody_identifiable_passes(text: str) -> None:
    assert blocked(text) == []
