"""TONE-DEFAME, read from development sets 72-75 (pubs and traders, clubs and charities, council
services, neighbourhood posts): figures made up, money kept in someone's own account, a licence or a
registration that is not there, favours for a job or a tenner, footage that went astray, a hint ("if you
know what I mean"), and someone not up to the job ("couldn't run a raffle to save his life"). Beside each,
what a comms officer would publish: a scam warning, a joke about flapjacks, a praise of a cook, a charity
that is registered, advice to report fake sites."""

from __future__ import annotations

import pytest

from tests.unit.policy.test_allegations import blocked


@pytest.mark.parametrize(
    "text",
    [
        "The treasurer of Hillcrest Bowls Club, Norman Price, made up the membership figures for the grant.",
        "Gail at the Brookside tuck shop pays the takings in her own account and the club never sees it.",
        "Coach Derek at Ashvale Juniors couldn't run a raffle to save his life, and lost the kit money too.",
        "The minicab firm on Station Road, QuickCars, half their drivers aren't even licensed.",
        "Kind Hearts Appeal outside the Co-op in Marston aren't a registered charity at all.",
        "The caretaker at Elm Road Hall, Rob, wants a tenner cash before he'll unlock it. Slip him a tenner "
        "or you're not getting in.",
        "The Rose and Crown in Fenby somehow lost the CCTV from the night of the fight.",
        "Mick at the Pelham Street car wash does more than wash cars out back, if you know what I mean.",
        "Councillor Ann Drew voted on the market lease while owning the café next door.",
        "Paul Dyer at Westmoor Motors copied the service history word for word from another car.",
    ],
)
def test_allegations_of_figures_money_and_favours_block(text: str) -> None:
    assert blocked(text), text


@pytest.mark.parametrize(
    "text",
    [
        'Scam warning: fake "council tax refund" texts are going round Marston, and we never send them.',
        "Paid for a parking permit online? Report fake sites to Action Fraud: permits are free with us.",
        "Cllr Joan Fisher's lemon drizzle at the Fenby fun day should honestly be illegal.",
        "Kind Hearts Appeal is a registered charity, and its volunteers are outside the Co-op on Saturday.",
        "The new CCTV at Elm Road Hall went live on Monday, and the caretaker, Rob, showed us how it works.",
        "Our treasurer Norman Price has put the club's figures online, every receipt with them.",
    ],
)
def test_look_alikes_of_figures_money_and_favours_pass(text: str) -> None:
    assert not blocked(text), text
