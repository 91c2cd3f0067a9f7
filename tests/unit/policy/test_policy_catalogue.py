"""The catalogue: one verdict per story, spans into the original, overrides, and the machine interface."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from chalicelib.domain.findings import CheckContext, Finding, ImageContext, Severity, Verdict
from chalicelib.policy.catalogue import (
    CHECKS,
    context_from_json,
    merge_findings,
    run_checks,
    unknown_severity_overrides,
    verdict_json,
)
from chalicelib.policy.rules import OrgRules, parse_rules

NOW = datetime(2026, 5, 1, 9, tzinfo=UTC)
CTX = CheckContext(now=NOW, channel="x")
RULES = parse_rules("allow: {phones: ['0300 123 4567']}")

MESSY = (
    "Great day! Mrs K (NHS 401 023 2137, NI AB 12 34 56 C) rang 07700 900123 "
    "and emailed kay.b@gmail.com; we sent her to 0300 123 4567."
)


def test_the_catalogue_lists_every_check_it_runs() -> None:
    table = Path(__file__).resolve().parents[3] / "docs" / "policy-checks.md"
    text_catalogue = table.read_text(encoding="utf-8").split("## Checks on photos")[0]
    catalogue_ids = set(re.findall(r"^\| ([A-Z0-9]+-[A-Z]+) \|", text_catalogue, re.M))
    assert catalogue_ids, "the catalogue table in docs/policy-checks.md lists the checks"
    assert set(CHECKS) == catalogue_ids
    assert all(description for description in CHECKS.values())


def test_an_empty_rules_file_is_still_valid() -> None:
    rules = parse_rules("")
    assert rules.allow.inbox_words == ()
    assert run_checks("Nothing to see here.", CTX, rules).decision == "pass"


def test_a_clean_story_passes() -> None:
    verdict = run_checks("Our bin crews collected 4,000 bins in 2025. Thank you, Hartley Road!", CTX, RULES)
    assert verdict.findings == ()
    assert verdict.decision == "pass"


def test_findings_are_sorted_by_position_and_point_into_the_original() -> None:
    verdict = run_checks(MESSY, CTX, RULES)
    assert [(f.check, MESSY[f.start : f.end]) for f in verdict.findings] == [
        ("PII-NHS", "401 023 2137"),
        ("PII-NINO", "AB 12 34 56 C"),
        ("PII-PHONE", "07700 900123"),
        ("PII-EMAIL", "kay.b@gmail.com"),
    ]
    assert verdict.decision == "block"


def test_spans_stay_right_after_invisible_and_fake_font_characters_earlier_in_the_text() -> None:
    prefix = "\u200b\u200b" + "".join(chr(0x1D400 + i) for i in range(5)) + "\ufb01 "
    text = prefix + MESSY
    verdict = run_checks(text, CTX, RULES)
    pii = [f for f in verdict.findings if f.check.startswith("PII-")]
    assert [text[f.start : f.end] for f in pii] == [
        "401 023 2137",
        "AB 12 34 56 C",
        "07700 900123",
        "kay.b@gmail.com",
    ]
    assert pii[0].start == len(prefix) + MESSY.index("401")
    [font] = [f for f in verdict.findings if f.check == "A11Y-FONT"]
    assert text[font.start : font.end] == prefix[2:7]


def test_same_position_findings_are_ordered_by_check_id() -> None:
    a = Finding("PII-PHONE", Severity.WARN, 5, 9, "a")
    b = Finding("PII-NHS", Severity.BLOCK, 5, 9, "b")
    assert [f.check for f in merge_findings([a, b])] == ["PII-NHS", "PII-PHONE"]


def test_overlapping_findings_of_one_check_merge_into_the_worst() -> None:
    warn = Finding("PII-PHONE", Severity.WARN, 0, 10, "warn")
    block = Finding("PII-PHONE", Severity.BLOCK, 4, 14, "block")
    other = Finding("PII-NHS", Severity.BLOCK, 2, 6, "nhs")
    merged = merge_findings([block, other, warn])
    assert merged == [
        Finding("PII-PHONE", Severity.BLOCK, 0, 14, "block"),
        Finding("PII-NHS", Severity.BLOCK, 2, 6, "nhs"),
    ]


def test_touching_findings_of_one_check_stay_separate() -> None:
    first = Finding("PII-EMAIL", Severity.WARN, 0, 5, "x")
    second = Finding("PII-EMAIL", Severity.WARN, 5, 9, "x")
    assert merge_findings([second, first]) == [first, second]


def test_identical_image_findings_are_deduplicated_but_different_images_are_kept() -> None:
    one = Finding("A11Y-ALT", Severity.BLOCK, 0, 0, "no alt", image=0)
    two = Finding("A11Y-ALT", Severity.BLOCK, 0, 0, "no alt", image=1)
    assert merge_findings([one, two, one]) == [one, two]


def test_severity_override_can_switch_a_check_off() -> None:
    rules = parse_rules("checks: {severities: {PII-NHS: 'OFF'}}")
    assert "PII-NHS" not in {f.check for f in run_checks(MESSY, CTX, rules).findings}


def test_severity_override_can_soften_a_block_to_a_warning() -> None:
    rules = parse_rules(
        "checks: {severities: {PII-NHS: WARN, PII-NINO: WARN, PII-PHONE: WARN, PII-EMAIL: WARN}}"
    )
    verdict = run_checks(MESSY, CTX, rules)
    assert {f.severity for f in verdict.findings} == {Severity.WARN}
    assert verdict.decision == "warn"


def test_severity_override_can_harden_a_warning_to_a_block() -> None:
    rules = parse_rules("checks: {severities: {PII-PHONE: BLOCK}}")
    verdict = run_checks("Ring 01632 960123", CTX, rules)
    assert [(f.check, f.severity) for f in verdict.findings] == [("PII-PHONE", Severity.BLOCK)]


def test_unknown_check_ids_in_the_overrides_are_reported() -> None:
    rules = parse_rules("checks: {severities: {PII-NSH: 'OFF', X-LEN: WARN}}")
    assert unknown_severity_overrides(rules) == ("PII-NSH",)


def test_verdict_json_has_exactly_the_documented_shape() -> None:
    data = json.loads(verdict_json(run_checks(MESSY, CTX, RULES)))
    assert set(data) == {"decision", "findings"}
    assert data["decision"] == "block"
    for item in data["findings"]:
        assert set(item) == {"check", "severity", "start", "end", "reason"}
        assert item["severity"] in {"BLOCK", "WARN"}
        assert isinstance(item["start"], int)
        assert isinstance(item["end"], int)
    first = data["findings"][0]
    assert (first["check"], MESSY[first["start"] : first["end"]]) == ("PII-NHS", "401 023 2137")


@pytest.mark.parametrize(
    ("text", "decision"),
    [("All good.", "pass"), ("Ring 01632 960123", "warn"), ("Ring 07700 900123", "block")],
)
def test_verdict_json_decision_follows_the_worst_finding(text: str, decision: str) -> None:
    assert json.loads(verdict_json(run_checks(text, CTX, RULES)))["decision"] == decision


def test_verdict_json_of_a_clean_story_has_an_empty_findings_list() -> None:
    assert json.loads(verdict_json(Verdict())) == {"decision": "pass", "findings": []}


def test_verdict_json_adds_the_image_index_only_for_image_findings() -> None:
    verdict = Verdict(findings=(Finding("A11Y-ALT", Severity.BLOCK, 0, 0, "Add alt text.", image=2),))
    assert json.loads(verdict_json(verdict))["findings"][0]["image"] == 2


def test_context_from_json_reads_the_documented_example() -> None:
    ctx = context_from_json(
        {
            "now": "2026-05-01T09:00:00Z",
            "images": [{"alt": "Two bin crew members", "shows_child": False, "consent": True}],
            "channel": "x",
        },
        default_now=datetime(2020, 1, 1, tzinfo=UTC),
    )
    assert ctx == CheckContext(
        now=NOW,
        images=(ImageContext(alt="Two bin crew members", shows_child=False, consent=True),),
        channel="x",
    )


def test_context_from_json_fills_in_defaults() -> None:
    ctx = context_from_json({}, default_now=NOW)
    assert ctx == CheckContext(now=NOW, images=(), channel="x")


def test_context_from_json_keeps_a_named_offset() -> None:
    ctx = context_from_json({"now": "2026-05-01T10:00:00+01:00"}, default_now=NOW)
    assert ctx.now.utcoffset() == timedelta(hours=1)
    assert ctx.now == NOW.astimezone(timezone(timedelta(hours=1)))


@pytest.mark.parametrize(
    ("obj", "message"),
    [
        ([], "context must be a JSON object"),
        ({"channel": "twitter"}, "context.channel must be one of x, blog, mastodon, bluesky"),
        ({"when": "now"}, "unknown keys when"),
        ({"now": 5}, "context.now must be a date and time"),
        ({"now": "1 May"}, "not an ISO 8601 date and time"),
        ({"now": "2026-05-01T09:00:00"}, "needs a time zone"),
        ({"images": {"alt": "x"}}, "context.images must be a list"),
        ({"images": ["photo.jpg"]}, r"context.images\[0\] must be an object"),
        ({"images": [{"alt": 3}]}, r"context.images\[0\].alt must be text"),
        ({"images": [{}, {"consent": "yes"}]}, r"context.images\[1\].consent must be true or false"),
        ({"images": [{"caption": "x"}]}, r"context.images\[0\] has unknown keys caption"),
    ],
)
def test_context_from_json_explains_what_is_wrong(obj: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        context_from_json(obj, default_now=NOW)


def test_checks_are_pure_and_give_the_same_verdict_twice() -> None:
    rules = OrgRules()
    assert run_checks(MESSY, CTX, rules) == run_checks(MESSY, CTX, rules)
