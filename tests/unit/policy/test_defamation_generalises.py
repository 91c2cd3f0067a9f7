"""An allegation of wrongdoing about a person or business identifiable by shape blocks; unnamed passes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chalicelib.domain.findings import CheckContext
from tests.unit.policy.test_issue_examples import blocked_spans

CTX = CheckContext(now=datetime(2026, 6, 1, 9, tzinfo=UTC), channel="blog")


def blocked(text: str) -> list[str]:
    return blocked_spans(text, "TONE-DEFAME", CTX)


@pytest.mark.parametrize(
    ("text", "allegation"),
    [
        ("Dave Pryce is a known fly-tipper, and we've got the photos.", "fly-tipper"),
        ("Avoid Smith & Sons Roofing – cowboy builders who ripped off a pensioner.", "cowboy builders"),
        ("Brightside Lettings are crooks.", "crooks"),
        ("Everyone knows Gary Holt is the one fly-tipping behind the shops.", "fly-tipping"),
        (
            "Janet Morley has been fiddling the society's accounts for years.",
            "fiddling the society's accounts",
        ),
        ("Mr Dobson from Carr Street is dealing drugs from the flat.", "dealing drugs"),
        ("Warning to residents: Kestrel Roofing are fleecing people with fake gutter repairs.", "fleecing"),
        (
            "Hartley Skips are the ones dumping rubble in the lay-by, we've got it on camera.",
            "dumping rubble",
        ),
        (
            "Don't use Ashworth Paving: they took a pensioner's money for a new roof and never came back.",
            "took a pensioner's money for a new roof and never came back",
        ),
        ("Everyone round here knows Darren McAllister is a thief.", "thief"),
    ],
)
def test_the_issue_examples_of_an_allegation_about_someone_identifiable_block(
    text: str, allegation: str
) -> None:
    assert allegation in blocked(text)


@pytest.mark.parametrize(
    ("text", "allegation"),
    [
        ("Harris-Lowe are scamming pensioners on the estate.", "scamming"),
        ("Okafor, Brent and Lyle are ripping off tenants.", "ripping off"),
        ("Pemberton Group are cowboys.", "cowboys"),
        ("Wexley Ltd have been stealing from the site.", "stealing"),
        ("Quade Inc are con artists.", "con artists"),
        ("Mossley and Sons are a bunch of crooks.", "crooks"),
        ("Avoid Feltham: they are crooks.", "crooks"),
        ("Don't use Brannigan, he is a cowboy.", "cowboy"),
        ("Mrs O'Neill has been fiddling the books.", "fiddling the books"),
    ],
)
def test_a_business_or_person_identifiable_by_the_shape_of_the_name_is_protected(
    text: str, allegation: str
) -> None:
    assert allegation in blocked(text)


@pytest.mark.parametrize(
    "text",
    [
        "A fly-tipper was fined £400 after our enforcement team traced him.",
        "Thanks to Patel Builders Ltd for donating the timber.",
        "A resident was the victim of a scam.",
        "Thanks to Harris-Lowe for the new benches.",
        "Mr Dobson reported the fly-tipping to us.",
        "Darren McAllister was robbed on his way home.",
        "Mrs Patel had been scammed by a caller.",
        "Smith Roofing were ripped off by a supplier.",
        "Our officers caught someone dumping rubbish on Carr Street.",
        "Jane Ellis, who runs the shop, saw the man dumping rubble.",
        "Thanks to Bob Smith for stopping the thieves.",
        "Darren McAllister caught the thief.",
        "Okafor, Brent and Lyle donated the paint for the mural.",
    ],
)
def test_an_allegation_about_nobody_named_or_a_name_as_victim_or_witness_passes(text: str) -> None:
    assert blocked(text) == []
