"""TONE-PROF, read from development sets 22-25: rhyming slang without its second word ("a right
Hampton", "a proper Barclays", "a J. Arthur", "a boot in the Jacobs"), swearing with an apostrophe or a
hyphen in it ("f'kin", "knob'ead", "cattle-trucking", "f-wit"), spellings that hide a word
("fucc", "basturd", "barstewards", "dikhed", "muthafukka", "fuxxed"), British South Asian,
Caribbean, Irish and Welsh words ("kutti", "pussyclaat", "gee-bag", "coc oen", "MC BC"), slurs ("spaz",
"batty boy"), crude phrases ("getting his end away", "lovely knockers") and a masked word run on with
one letter shown ("clusterf***"). Beside them, the same words where they are innocent: a shag (the
bird) and a cock soup, nonce words, an actor's film company, a cluster of flats."""

from __future__ import annotations

import pytest

from chalicelib.domain.findings import Severity
from tests.unit.policy.test_policy_tone import found


@pytest.mark.parametrize(
    ("text", "span"),
    [
        (
            "The new self-checkout at Elm Road library is a right Hampton, it never reads the card.",
            "right hampton",
        ),
        ("Our apprentice is a proper Barclays, always on his phone.", "proper barclays"),
        ("Old Reg told the porter to go and have a J. Arthur.", "a j. arthur"),
        ("That ref wants a boot in the Jacobs after today.", "in the jacobs"),
        ("Tenant reckons the new boiler is f'kin brilliant.", "f'kin"),
        ("Tha's a reet knob'ead, leaving the gate open.", "knob'ead"),
        ("Every cattle-trucking bin on the round was frozen shut.", "cattle-trucking"),
        ("Someone wrote 'warden is a f-wit' on my ticket.", "f-wit"),
        ('A note on the van: "driver is a total f-wit".', "f-wit"),
        ("Yer a f’kin legend, said the bin lad.", "f’kin"),
        ("FUCC MONDAYS, says the graffiti on the bus shelter.", "FUCC"),
        ("He said the fitter was a miserable basturd.", "basturd"),
        ("The bloke at the counter called us barstewards.", "barstewards"),
        ("'Move it, dikhed' shouted a lad at the sweeper.", "dikhed"),
        ("My back is proper fuxxed after the hoist.", "fuxxed"),
        ("Mrs Bains called her neighbour a kutti over the hedge.", "kutti"),
        ("Gran shouted 'pussyclaat!' at the pigeon.", "pussyclaat"),
        ("She called the nurse an absolute gee-bag.", "gee-bag"),
        ("The old man called the porter a coc oen.", "coc oen"),
        ("Someone scratched MC BC on the minibus window.", "mc bc"),
        ("One lad called another a spaz over the football.", "spaz"),
        ("We stopped a group shouting 'batty boy' in the park.", "batty boy"),
        ("Frank wanted to know if the handyman was getting his end away.", "getting his end away"),
        ("Bert told the student nurse she had lovely knockers.", "lovely knockers"),
        ("The parking at the pool is a total clusterf*** every evening.", "clusterf***"),
    ],
)
def test_swearing_read_from_sets_twenty_two_to_twenty_five_blocks(text: str, span: str) -> None:
    assert (span.lower(), Severity.BLOCK) in [(s.lower(), v) for s, v in found(text, "TONE-PROF")]


@pytest.mark.parametrize(
    "text",
    [
        "Birdwatching display at the library: a great tit, a woodcock and a shag.",
        "Mr Brown asked for cock soup like his mum made, and the cook found some at the Caribbean shop.",
        "Year 7 made up nonce words for Jabberwocky day.",
        "Film club: the J. Arthur Rank gong man got a cheer.",
        "The lads were effing and blinding at the rain, but the roof was done by dinner.",
        "A cluster of flats on Hampton Road gets new windows, paid for by Barclays' community fund.",
        "Book a day at the spa* with the over-60s card (*weekdays only).",
    ],
)
def test_look_alikes_pass(text: str) -> None:
    assert [s for s in found(text, "TONE-PROF") if s[1] is Severity.BLOCK] == []
