"""TONE-DEFAME: a first name with a role or a place beside it picks someone out ("Library volunteer
Maureen", "my colleague Liam", "Derek on plot 9", "a fella called Barry"), so a wrong said of them is an
allegation. Found in development sets 76-87, where 50 misses had the wrong's words but nobody the rules
could name; the development sets then caught 21 more, and the held-back ones 4."""

from __future__ import annotations

import pytest

from tests.unit.policy.test_allegations import blocked


@pytest.mark.parametrize(
    "text",
    [
        # a role, then a name (listed, or no everyday word)
        "Pool attendant Fergus at Riverside Baths pockets the locker money every Saturday.",
        "Driving examiner Tariq passes anyone who slips him fifty quid in the car park.",
        "Taxi marshal Rocco takes a tenner off the drivers to let them jump the rank.",
        # a colleague by role and listed first name
        "My colleague Kieran clocks in at seven and then goes home to bed until lunch.",
        "Our site supervisor Declan signs off the lift checks without ever looking at them.",
        # a name, then what sets its owner apart
        "Nigel on the night shift at the depot has been siphoning diesel out of the gritters.",
        "Everyone knows Imogen with the dog grooming van dumps the clippings in the brook.",
        "Bernadette from the lettings office takes cash to move people up the waiting list.",
        # "called"
        "The burger van at the car boot belongs to a bloke called Rocco who sells vapes to kids.",
        # a first name that is also a word, where the words around say it is someone
        "Mark at the tyre place on Dock Road charges pensioners for tyres he never fits.",
        "Don't buy a caravan off Lee at the Sunday market, he sells stolen ones with new plates on.",
        # "who" and what they do; a name and then "the" and a role
        "Not saying Dorota who cleans the offices on Bell Street is light-fingered, but the cash is gone.",
        "Shaz the cleaner at the sports centre pockets the lost property before it reaches the desk.",
    ],
)
def test_a_first_name_with_a_role_or_a_place_is_someone(text: str) -> None:
    assert blocked(text), text


@pytest.mark.parametrize(
    "text",
    [
        # what was done to them, or what they saw
        "Derek on plot 9 had his shed broken into and all his tools stolen last week.",
        "Nigel with the ice cream van saw a man dumping tyres in the lake and rang us straight away.",
        # a place on a day is nobody
        "A witness saw a van dumping rubble past Hartwell on Sunday; police are looking into it.",
        # a pest officer catching a rat is doing the job
        "Our pest officer Maureen spent all morning trying to catch the rats in the library basement.",
        # a first name alone, or the staff's own by a name the lists do not hold
        "Liam said the lorry was filthy, so he spent an hour hosing it down.",
        "Our ranger Rocco got the stolen bench back from the lake, soaked but in one piece.",
    ],
)
def test_a_first_name_that_did_no_wrong_is_no_allegation(text: str) -> None:
    assert not blocked(text), text
