"""NHS and National Insurance numbers block; look-alike references of the same shape do not."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chalicelib.domain.findings import CheckContext, Severity
from chalicelib.policy.catalogue import run_checks
from chalicelib.policy.checks.identifiers import nhs_checksum_ok
from chalicelib.policy.rules import OrgRules

CTX = CheckContext(now=datetime(2026, 5, 1, 9, tzinfo=UTC), channel="blog")
RULES = OrgRules()


def found(text: str, check: str) -> list[str]:
    """The original text of each finding of ``check``, so spans are checked against what was typed."""
    return [text[f.start : f.end] for f in run_checks(text, CTX, RULES).findings if f.check == check]


def test_the_checksum_accepts_a_valid_nhs_number() -> None:
    assert nhs_checksum_ok("9434765919")
    assert nhs_checksum_ok("4010232137")


def test_the_checksum_rejects_a_wrong_check_digit_or_a_remainder_of_ten() -> None:
    assert not nhs_checksum_ok("9434765918")
    # 1*10 + 1*2 = 12 leaves remainder 1, so the check digit would be 10: such numbers are never issued.
    assert not any(nhs_checksum_ok(f"100000001{d}") for d in range(10))


@pytest.mark.parametrize("number", ["401 023 2137", "401-023-2137", "4010232137", "943 476 5919"])
def test_nhs_number_in_any_usual_grouping_is_blocked(number: str) -> None:
    text = f"Mrs B's NHS number is {number}, she said."
    assert found(text, "PII-NHS") == [number]
    assert run_checks(text, CTX, RULES).decision == "block"


def test_nhs_finding_says_what_to_do() -> None:
    (finding,) = run_checks("NHS no 401 023 2137", CTX, RULES).findings
    assert finding.severity is Severity.BLOCK
    assert finding.reason.startswith("This looks like an NHS number. Remove it")


def test_bad_checksum_reference_is_not_an_nhs_number() -> None:
    assert found("Ref 4010232138 closed today", "PII-NHS") == []


def test_all_one_digit_is_not_an_nhs_number_even_though_it_passes_the_checksum() -> None:
    assert nhs_checksum_ok("1111111111")
    assert found("Call 111 111 1111", "PII-NHS") == []


@pytest.mark.parametrize(
    "text",
    [
        "Numbers 401 023-2137 mixed separators",
        "A longer number 40102321370 is something else",
        "Order 14010232137 shipped",
        "Ticket JOB4010232137 closed",
        "It measured 1.4010232137 metres",
        "Ring +44 401 023 2137",
        "Ring 0044 401 023 2137",
    ],
)
def test_nhs_shaped_digits_inside_other_things_are_not_flagged(text: str) -> None:
    assert found(text, "PII-NHS") == []


def test_nhs_number_in_fake_bold_digits_is_found_and_spans_the_original() -> None:
    fancy = "".join(chr(0x1D7CE + int(d)) if d.isdigit() else d for d in "401 023 2137")
    text = f"Patient {fancy} seen"
    assert found(text, "PII-NHS") == [fancy]


def test_nhs_number_with_zero_width_spaces_is_found_and_spans_the_original() -> None:
    text = "Patient 401\u200b023\u200b2137 seen"
    assert found(text, "PII-NHS") == ["401\u200b023\u200b2137"]


@pytest.mark.parametrize("nino", ["AB123456C", "AB 12 34 56 C", "ab123456c", "JG 103759 A", "CE-12-34-56-D"])
def test_national_insurance_number_is_blocked(nino: str) -> None:
    text = f"Her NI number ({nino}) was on the form."
    assert found(text, "PII-NINO") == [nino]
    (finding,) = [f for f in run_checks(text, CTX, RULES).findings if f.check == "PII-NINO"]
    assert finding.severity is Severity.BLOCK
    assert "National Insurance number" in finding.reason


@pytest.mark.parametrize("first", list("DFIQUV"))
def test_ni_prefix_with_a_forbidden_first_letter_is_not_flagged(first: str) -> None:
    assert found(f"Code {first}A123456B here", "PII-NINO") == []


@pytest.mark.parametrize("second", list("DFIOQUV"))
def test_ni_prefix_with_a_forbidden_second_letter_is_not_flagged(second: str) -> None:
    assert found(f"Code A{second}123456B here", "PII-NINO") == []


@pytest.mark.parametrize("prefix", ["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"])
def test_ni_prefixes_never_issued_are_not_flagged(prefix: str) -> None:
    assert found(f"Code {prefix}123456A here", "PII-NINO") == []


@pytest.mark.parametrize(
    "text",
    [
        "The HMRC example QQ 12 34 56 C",
        "Suffix AB123456E is out of range",
        "Too few digits AB12345C",
        "Glued XAB123456C code",
        "Part number AB123456C7",
        "VAT GB123456789",
    ],
)
def test_ni_lookalikes_are_not_flagged(text: str) -> None:
    assert found(text, "PII-NINO") == []
