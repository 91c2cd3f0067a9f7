"""TONE-DEFAME, read from development sets 21 and 22: "our neighbour at 3 Lydgate Close" is someone
identifiable though "our" comes before (a neighbour, a landlord, a builder are of our lives, not of the
staff); a business placed beside, next to or opposite a named place ("the car wash beside the Co-op");
a firm's "Co." that a sentence goes on after in lower case; a scrapyard, a pub or a farm as a business at
a place; paying under the minimum wage; and "spotless" as praise only when it is not what we left. Beside
each, what a comms officer would publish: a neighbour who helped, a firm that left a flat spotless, a
scrapyard that was robbed, a pub's fundraising."""

from __future__ import annotations

import pytest

from tests.unit.policy.test_allegations import blocked


@pytest.mark.parametrize(
    "text",
    [
        "our neighbour at 3 Lydgate Close has been dumping his trade waste in the woods off Scar Lane.",
        "My landlord at 14 Elm Road has been pocketing the deposits and never fixing the boiler.",
        "My old boss Graham at Hollingworth Print paid me under minimum wage for 2 years.",
        'Careful with Fenwick\'s Lettings: they kept our deposit for "cleaning" a flat we left spotless.',
        "the scrapyard on Hemsworth Lane takes catalytic converters no questions asked, cash only.",
        "Is it me or has the Polperro Pasty Co. been passing off supermarket pasties as homemade?",
        "Word on the estate is the new warden at Hatherley Court goes through residents post.",
    ],
)
def test_allegations_about_neighbours_and_firms_block(text: str) -> None:
    assert blocked(text), text


@pytest.mark.parametrize(
    "text",
    [
        "Our neighbour at number 6 helped us clear the fly-tipping off the verge.",
        "My neighbour at 12 Elm Road had her car stolen, so please check your dashcams.",
        "Fenwick's Lettings left the flat spotless for the new tenants.",
        "The scrapyard on Ferry Lane had a load of cable nicked overnight, poor sods. Police are on it.",
        "The pub on Mill Lane raised £300 for the hospice.",
        "Thieves stole lead from the farm on Moor Road; ring 101 if you saw anything.",
        "We thank Smith & Co. They were great with the new benches.",
    ],
)
def test_look_alikes_pass(text: str) -> None:
    assert blocked(text) == [], text
