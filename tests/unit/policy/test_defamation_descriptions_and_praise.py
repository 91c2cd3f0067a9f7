"""TONE-DEFAME: someone picked out by a description a local knows ("Tina, who runs the car boot at the
Showground", "the burger van that does the Lowfield estate", "the lad in the grey fleece"), an office of a
body by its name ("Oakley Parish Council's treasurer", "the clerk to Ashby Town Council"), a role and a
name in brackets or after a comma, a colleague by role and a first name no list holds ("our site foreman
Baz"), a shop or pub by its one name and its place ("the Bell in Kirkby"), a business by its owner's name
("Hodson's scrapyard") and a nickname someone calls himself; and thanks, praise or help at a sentence's
start or end is no allegation. Found in development sets 96-99 (the sixteenth session)."""

from __future__ import annotations

import pytest

from tests.unit.policy.test_allegations import blocked


@pytest.mark.parametrize(
    "text",
    [
        "Tina, who runs the car boot at the Showground, keeps the pitch money and tells everyone it's ours.",
        "The burger van that does the Lowfield estate has been selling cans of lager to kids.",
        "The lad in the grey fleece at Hilltop Library has been nicking from the charity tin.",
        "A certain letting agent on Market Street has been pocketing tenants' deposits.",
        "Ken the dog walker has been taking money for walks he never does.",
        "Oakley Parish Council's treasurer has been helping herself to the hall fund.",
        "The clerk to Ashby Town Council pocketed the grant money and nobody has seen the accounts since.",
        "The drama club treasurer (Linda) has been fiddling the ticket money for years.",
        "Our site foreman Baz has been selling the council's scrap metal for cash.",
        "The Bell in Kirkby waters down the beer and lies about it.",
        "Hodson's scrapyard is pouring oil straight down the drain into the brook.",
        "A roofer calling himself Gaz has been ripping off pensioners round the estate.",
    ],
)
def test_someone_a_local_would_know_is_identifiable(text: str) -> None:
    assert blocked(text), text


@pytest.mark.parametrize(
    "text",
    [
        # help given, thanks and praise
        "The bloke from 12 Ivy Road came out and helped us drag the dumped fridge onto the lorry.",
        "Our lollipop lady Jan paid a lost child's bus fare out of her own purse. Nicest woman alive.",
        "The driver from Allways Coaches turned his engine off outside the school when I asked. Thank you!",
        "The maggot farm near Kettleby has fitted new filters and the smell has gone.",
        "Tony's garage on Mill Road passed its inspection with flying colours. Great stuff.",
        # a request to everyone is about no one
        "Please stop feeding the ducks bread at Mill Pond, it makes them ill.",
    ],
)
def test_help_thanks_and_praise_are_no_allegation(text: str) -> None:
    assert not blocked(text), text
