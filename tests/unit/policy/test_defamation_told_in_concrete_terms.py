"""TONE-DEFAME, read from development sets 84-87 (children's services, older people, neighbours and
streets, vans and garages), whose writers told wrongs in concrete terms rather than by name: children
shut in, a pension walked out with, a will signed over, the council's diesel sold, a dog set on someone,
tenants frozen out, workers sleeping in a back room. Beside each, what a comms officer would publish."""

from __future__ import annotations

import pytest

from tests.unit.policy.test_allegations import blocked


@pytest.mark.parametrize(
    "text",
    [
        "Kayleigh Dunn, a play worker at Ferndale Play Club, shuts the noisy kids in the store room.",
        "Mrs Gill who does the shopping for the flats on Dean Row walks out with their pension every week.",
        "Stan Hobbs from the chapel somehow became the only name on his new will, weeks before Mr Lee died.",
        "Dale Price on nights at the Harlow depot has been selling the council's diesel to a haulier.",
        "The man at 31 Ferry Road set his dog on our meter reader again this morning.",
        "The landlord of the Victoria Street flats, Mr Pearce, keeps switching off his tenants' heating.",
        "The owner of Nail Envy on Quay Street has girls sleeping in the back room on twelve-hour days.",
        "Coach Wayne at Millbrook Juniors drives the lads home with a few pints in him.",
    ],
)
def test_wrongs_told_in_concrete_terms_block(text: str) -> None:
    assert blocked(text), text


@pytest.mark.parametrize(
    "text",
    [
        "The play worker at Ferndale after-school club, Kayleigh, has built a den in the store room.",
        "Mrs Gill helps the flats on Dean Row check they get every penny of their pension credit.",
        "Stan from the chapel left his piano to the school in his will, and the pupils played it today.",
        "Dale on the night shift at the Harlow depot fuelled twelve gritters before the frost came in.",
        "The man at 31 Ferry Road kept his dog in while our meter reader called. Thank you!",
        "Our tenants on Victoria Street now have smart thermostats, so nobody pays to heat empty rooms.",
    ],
)
def test_look_alikes_of_wrongs_told_in_concrete_terms_pass(text: str) -> None:
    assert not blocked(text), text
