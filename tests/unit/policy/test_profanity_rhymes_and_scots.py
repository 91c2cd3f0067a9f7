"""TONE-PROF, read from development sets 17 and 18: rhyming slang said of someone ("a right Charlie
Hunt", "a proper merchant banker", "a load of old pony", "a pain in the Khyber"), Scots and Welsh
swearing ("ya bas", "pain in the hoop", "keech", "ballix"), "pmsl", "a flying f", "cojones" and a
leetspeak spelling that undoes to "facking"; from sets 19 and 20, a word with a capital inside read by
its parts ("McShitface", "KnackeredAF"), two of a hashtag's parts together ("#NoBellEnds") or a short
one ("#NoBS"), a stutter ("sh-sh-shitting") and a masked word run on to a long one ("clusterf**k").
Beside them, the same words where they are innocent: a banker, a pony, a hoop, a hunt, a brand's
capitals, a British Standard."""

from __future__ import annotations

import pytest

from chalicelib.domain.findings import Severity
from tests.unit.policy.test_policy_tone import found


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Whoever nicked the charity tin from reception is a right Charlie Hunt.", "right charlie hunt"),
        (
            "Whoever dumped the sofa by the bandstand, you're a proper merchant banker.",
            "proper merchant banker",
        ),
        ("'Load of old pony, that new sign,' reckons our warden Bev.", "load of old pony"),
        ("Thanks for fixing the potholes, they were a proper pain in the Khyber.", "pain in the khyber"),
        ("Ya bas! The new sensory room at the library is finally open.", "ya bas"),
        ("Diversion via Hollins Lane, aye, we know it's a pain in the hoop.", "in the hoop"),
        ("Wee Jimmy reckons the new self-checkouts are pure keech.", "keech"),
        ("PMSL at the state of Mick's hi-vis after the muck spreader went past.", "pmsl"),
        ("Forty years on the bins and never once gave a flying f about the rain.", "a flying f"),
        ("Cold enough to freeze the cojones off a brass monkey up the Rhigos today.", "cojones"),
        ("The lads have renamed the broken sweeper Sweepy McShitface.", "McShitface"),
        ("Our parks team after the Bank Holiday clean-up. KnackeredAF", "KnackeredAF"),
        ("Be sound at parkrun and thank the marshals! #NoBellEnds", "#NoBellEnds"),
        ("Summer of no nonsense: every activity free #NoBS", "#NoBS"),
        ("Sh-sh-shitting hell, what a storm last night!", "Sh-sh-shitting"),
        ("Wi-Fi down at the library again, what an absolute clusterf**k.", "clusterf**k"),
    ],
)
def test_swearing_read_from_sets_seventeen_and_eighteen_blocks(text: str, span: str) -> None:
    assert (span.lower(), Severity.BLOCK) in [(s.lower(), v) for s, v in found(text, "TONE-PROF")]


@pytest.mark.parametrize(
    "text",
    [
        "Her dad was a merchant banker in the City before he ran the food bank.",
        "The riding school's old pony, Biscuit, is retiring to a field in Kelby.",
        "Netball hoop at the leisure centre is fixed, so games are back on Tuesday.",
        "The Charlie Hunt Memorial Trophy goes to the best young bowler.",
        "The Khyber Pass restaurant on Mill Lane passed its hygiene check.",
        "Book on McDonald's PowerPoint course or watch it on YouTube with your iPhone.",
        "New sockets must meet BS 7671, and #BSWeek runs from Monday.",
        "Cllr MacArthur opened the DeVito Gallery in Scunthorpe.",
    ],
)
def test_look_alikes_pass(text: str) -> None:
    assert [s for s in found(text, "TONE-PROF") if s[1] is Severity.BLOCK] == []
