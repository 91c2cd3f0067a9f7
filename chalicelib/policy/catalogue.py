"""The policy check catalogue: which checks exist, and running them all over one story into a verdict.

This is the one place that knows every check. It normalises the text once, runs each check once,
maps spans back to the submitter's text, applies the organisation's severity overrides and merges
overlapping findings, so that a story gets the same verdict in the pipeline, the CLI and the evaluation.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from types import MappingProxyType

from ..domain.findings import CheckContext, Finding, ImageContext, Severity, Verdict
from .checks import (
    accessibility,
    addresses,
    children,
    contact,
    endorsement,
    identifiers,
    jargon,
    names,
    politics,
    posting,
    profanity,
    security,
    special,
    tone,
    xlength,
)
from .normalise import NormalisedText, normalise
from .registry import CheckFn, Registration
from .rules import OrgRules
from .thread import split_thread

__all__ = [
    "CHANNELS",
    "CHECKS",
    "CheckFn",
    "check_thread",
    "context_from_json",
    "merge_findings",
    "registrations",
    "run_checks",
    "verdict_json",
]

CHANNELS = ("x", "blog", "mastodon", "bluesky")

_CORE: tuple[Registration, ...] = (
    Registration(
        identifiers.NHS,
        "NHS number: 10 digits (3-3-4) passing the mod-11 check, not all one digit",
        identifiers.check_nhs_number,
    ),
    Registration(
        identifiers.NINO,
        "National Insurance number: 2 letters, 6 digits and A-D, within the HMRC letter rules",
        identifiers.check_ni_number,
    ),
    Registration(
        contact.PHONE,
        "Phone number not on the allow-list: a UK mobile blocks, any other number warns",
        contact.check_phone,
    ),
    Registration(
        contact.EMAIL,
        "Email address: a personal one blocks, a named staff address warns, allow-listed inboxes pass",
        contact.check_email,
    ),
    Registration(
        xlength.XLEN,
        "Too long for X: over 280 weighted characters without threads, or a sentence too long for a part",
        xlength.check_x_length,
    ),
)
# The order checks run and are listed in; findings are sorted afterwards, so it never changes a verdict.
_REGISTRY: tuple[Registration, ...] = _CORE + (
    names.REGISTRY
    + addresses.REGISTRY
    + special.REGISTRY
    + children.REGISTRY
    + security.REGISTRY
    + politics.REGISTRY
    + profanity.REGISTRY
    + tone.REGISTRY
    + endorsement.REGISTRY
    + accessibility.REGISTRY
    + jargon.REGISTRY
    + posting.REGISTRY
)

_CHECK_FNS: tuple[CheckFn, ...] = tuple(check for _, _, check in _REGISTRY)

CHECKS: Mapping[str, str] = MappingProxyType({check_id: about for check_id, about, _ in _REGISTRY})

_RANK = {Severity.WARN: 0, Severity.BLOCK: 1}


def registrations() -> tuple[Registration, ...]:
    """Every check in the order ``run_checks`` runs them, for timing each one on its own."""
    return _REGISTRY


def unknown_severity_overrides(rules: OrgRules) -> tuple[str, ...]:
    """Check ids in ``checks.severities`` that the catalogue does not have, so a typo can be reported."""
    return tuple(sorted(set(rules.checks.severities) - set(CHECKS)))


def run_checks(text: str, ctx: CheckContext, rules: OrgRules) -> Verdict:
    """Every check in the catalogue over ``text``; findings point into ``text`` itself."""
    normalised = normalise(text)
    overrides = rules.checks.severities
    if overrides:
        findings = _findings_with_overrides(normalised, ctx, rules, overrides)
    else:
        # No severity is overridden (the usual rules file): each finding only needs mapping back, and
        # in text that normalising left as it was (most stories: plain ASCII) not even that.
        findings = []
        if normalised.text is normalised.original:
            for check in _CHECK_FNS:
                findings += check(normalised, ctx, rules)
            return Verdict(findings=tuple(merge_findings(findings)))
        for check in _CHECK_FNS:
            for f in check(normalised, ctx, rules):
                if f.image is not None:
                    findings.append(f)
                    continue
                start, end = normalised.to_original(f.start, f.end)
                findings.append(f if (start, end) == (f.start, f.end) else replace(f, start=start, end=end))
    return Verdict(findings=tuple(merge_findings(findings)))


def _findings_with_overrides(
    normalised: NormalisedText, ctx: CheckContext, rules: OrgRules, overrides: Mapping[str, str]
) -> list[Finding]:
    findings: list[Finding] = []
    for check_id, _, check in _REGISTRY:
        if overrides.get(check_id) == "OFF":
            continue
        for f in check(normalised, ctx, rules):
            override = overrides.get(f.check)
            if override == "OFF":
                continue
            start, end = (f.start, f.end) if f.image is not None else normalised.to_original(f.start, f.end)
            severity = Severity(override) if override else f.severity
            # A copy only when something changes: ``replace`` costs more than most checks.
            changed = (start, end, severity) != (f.start, f.end, f.severity)
            findings.append(replace(f, start=start, end=end, severity=severity) if changed else f)
    return findings


def check_thread(text: str, ctx: CheckContext, rules: OrgRules) -> list[tuple[str, Verdict]]:
    """Each part of the thread ``text`` would become, with the catalogue's verdict on that part."""
    return [(part, run_checks(part, ctx, rules)) for part in split_thread(text)]


def merge_findings(findings: list[Finding]) -> list[Finding]:
    """Sort by position then check id, and fold overlapping findings of one check into the worst of them."""
    if len(findings) < 2:
        return list(findings)  # most stories have one finding or none: nothing to sort or fold
    ordered = sorted(findings, key=lambda f: (f.start, f.check, f.end, -1 if f.image is None else f.image))
    out: list[Finding] = []
    last_of_check: dict[tuple[str, int | None], int] = {}
    for f in ordered:
        key = (f.check, f.image)
        i = last_of_check.get(key)
        if i is not None:
            prev = out[i]
            if f.start < prev.end or (f.start, f.end) == (prev.start, prev.end):
                worst = f if _RANK[f.severity] > _RANK[prev.severity] else prev
                out[i] = replace(worst, start=prev.start, end=max(prev.end, f.end))
                continue
        last_of_check[key] = len(out)
        out.append(f)
    return out


def verdict_json(verdict: Verdict) -> str:
    """The machine interface of ``stories check --json``, exactly as the catalogue documents it.

    ``{"decision": …, "findings": [{"check", "severity", "start", "end", "reason"}, …]}``.

    A finding about an image (none yet in this slice) also carries ``"image"``: its index in the context.
    """
    findings = [f.to_dict() for f in verdict.findings]
    return json.dumps({"decision": verdict.decision, "findings": findings}, ensure_ascii=False)


def _bool(value: object, where: str) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{where} must be true or false, not {json.dumps(value)}")
    return value


def _image(value: object, index: int) -> ImageContext:
    where = f"context.images[{index}]"
    if not isinstance(value, Mapping):
        raise ValueError(
            f'{where} must be an object like {{"alt": "…", "shows_child": false, "consent": true}}'
        )
    unknown = sorted(set(value) - {"alt", "shows_child", "consent"})
    if unknown:
        raise ValueError(
            f"{where} has unknown keys {', '.join(map(str, unknown))} (allowed: alt, shows_child, consent)"
        )
    alt = value.get("alt", "")
    if not isinstance(alt, str):
        raise ValueError(f"{where}.alt must be text")
    return ImageContext(
        alt=alt,
        shows_child=_bool(value.get("shows_child", False), f"{where}.shows_child"),
        consent=_bool(value.get("consent", False), f"{where}.consent"),
    )


def context_from_json(obj: object, default_now: datetime) -> CheckContext:
    """Build a CheckContext from the CLI's ``--context`` JSON, saying exactly what is wrong if it cannot.

    ``now`` must carry a time zone (pre-election windows are compared as instants, and a bare time is
    ambiguous across BST); it defaults to ``default_now``. ``images`` defaults to none, ``channel`` to x.
    """
    if not isinstance(obj, Mapping):
        raise ValueError(
            'context must be a JSON object, e.g. {"now": "2026-05-01T09:00:00Z", "channel": "x"}'
        )
    unknown = sorted(set(obj) - {"now", "images", "channel"})
    if unknown:
        raise ValueError(
            f"context has unknown keys {', '.join(map(str, unknown))} (allowed: now, images, channel)"
        )

    now = default_now
    if "now" in obj:
        raw_now = obj["now"]
        if not isinstance(raw_now, str):
            raise ValueError("context.now must be a date and time as text, e.g. 2026-05-01T09:00:00Z")
        try:
            now = datetime.fromisoformat(raw_now)
        except ValueError as e:
            raise ValueError(f"context.now is not an ISO 8601 date and time: {raw_now!r}") from e
        if now.tzinfo is None or now.utcoffset() is None:
            raise ValueError(f"context.now needs a time zone, e.g. 2026-05-01T09:00:00Z; got {raw_now!r}")

    raw_images = obj.get("images", [])
    if not isinstance(raw_images, list):
        raise ValueError("context.images must be a list of images")
    images = tuple(_image(value, i) for i, value in enumerate(raw_images))

    channel = obj.get("channel", "x")
    if channel not in CHANNELS:
        raise ValueError(f"context.channel must be one of {', '.join(CHANNELS)}; got {json.dumps(channel)}")
    return CheckContext(now=now, images=images, channel=str(channel))
