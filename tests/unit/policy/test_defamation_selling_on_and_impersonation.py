"""TONE-DEFAME: wrongs told in everyday words (selling on what was taken, serving children, turning away
guide dogs, working with a lapsed registration, forcing a tenant out), each beside the look-alike that
clears the named: the business someone pretended to be, the seller who reports fakes to trading
standards, the landlord who paid his tenants back, the cleaner who found the missing ring. Found in
development sets 116 and 118 (the eighteenth session); the sentences here are written for the tests."""

from __future__ import annotations

import pytest

from tests.unit.policy.test_allegations import blocked


@pytest.mark.parametrize(
    "text",
    [
        "The lads who run the bait shop on Quay Street net trout from the reservoir and are selling them on.",
        "The lad on the till at the Spar on Brook Lane is serving kids in school uniform.",
        "The manager of the Red Lion has been letting under-18s in on quiz night.",
        "The driver of cab 14 turns away guide dogs and says he's allergic.",
        "Smiler, the gas fitter on the Beckett estate, isn't Gas Safe registered any more.",
        "The landlord of 5 Mill Row switched the power off at the board to get a tenant out.",
        "The rug shop on Market Place has had a closing down sale since 2018.",
        "The night carer on the Hollins round skips the doses and ticks the chart anyway.",
    ],
)
def test_wrongs_in_everyday_words_about_someone_identifiable_block(text: str) -> None:
    assert blocked(text)


@pytest.mark.parametrize(
    "text",
    [
        "Someone pretending to be from Abbey Removals has been ringing widows for storage fees.",
        "Bev, who sells vintage clothes from Priory Road, keeps reporting fakes to trading standards.",
        "Mr Varma, the landlord on Blossom Street, lost the deposits and paid every tenant back.",
        "Shaz from the cleaning company found Mrs Ahmed's missing ring behind the radiator on Willow Road.",
        "Cityview Lettings have agreed to drop every admin fee for our tenants.",
        "Big Stu the skip hire bloke has been reporting rubbish dumped in the lay-by every week.",
    ],
)
def test_the_named_as_victim_reporter_or_helper_passes(text: str) -> None:
    assert not blocked(text)


@pytest.mark.parametrize(
    "text",
    [
        "A certain councillor has been fiddling his expenses again.",
        "A certain locksmith with a yellow van has been charging double to pensioners.",
        "The chip shop by the bridge has been selling them on.",
        "The vape shop right next to the bus station is serving kids in school uniform.",
    ],
)
def test_a_certain_someone_and_a_business_by_its_landmark_are_identifiable(text: str) -> None:
    assert blocked(text)


@pytest.mark.parametrize(
    "text",
    [
        "A certain retired councillor runs the bric-a-brac stall for the Scouts. It all goes to the hut.",
        "The cafe by the park has reopened, and the van outside the school was selling ice creams.",
        "Someone outside the chip shop was selling them on, so we called the police.",
    ],
)
def test_with_no_wrong_or_no_one_picked_out_they_pass(text: str) -> None:
    assert not blocked(text)


@pytest.mark.parametrize(
    "text",
    [
        "That dental practice by the station took my deposit and never got anything done.",
        "cllr dawson was proper drunk at the parade and then got in his car and drove home.",
        "The governor from St Cuthbert's who parks on the zig zags uses a blue badge that isn't his.",
        "The councillor who opened our reading corner took the laptops home and is selling them on.",
    ],
)
def test_offices_in_lower_case_or_by_what_their_holder_did_are_identifiable(text: str) -> None:
    assert blocked(text)


@pytest.mark.parametrize(
    "text",
    [
        "Car windows smashed on Birch Avenue. The lad at number 30 got the reg and gave it to the police.",
        "Ms Greaves on Pinfold Lane says her grandson moved in. We added him, all above board.",
        "The tenant at 41 Heron Way fought the damp for months. It was our gutter all along: sorry Mrs Hale.",
        "The lady with the grooming van on Holt Street showed us her waste tank receipts: it isn't her.",
    ],
)
def test_witnesses_the_above_board_and_those_we_wronged_pass(text: str) -> None:
    assert not blocked(text)


@pytest.mark.parametrize(
    "text",
    [
        "Well done to the head at Millbrook for such creative attendance figures. Half the kids were off.",
        "Thank you to the tenant at 22 Dale View who has somehow claimed single-person discount for years.",
    ],
)
def test_praise_with_irony_is_no_excuse(text: str) -> None:
    assert blocked(text)


@pytest.mark.parametrize(
    "text",
    [
        "Shame the guy at number 9 Poplar Mews had his fence kicked in overnight. Sorry that happened, Mark.",
        "Castle Estates on Northgate returned every single deposit within a week when the block was sold.",
        "Is it just me or does the trader with the red gazebo sell the best samosas in the county?",
        "The red pickup with the Bulldog Plant decals by the pond is ours on hire. Nothing dodgy, promise.",
    ],
)
def test_victims_good_deeds_and_exonerations_pass(text: str) -> None:
    assert not blocked(text)
