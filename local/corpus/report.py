"""Render the evaluation for people (a plain or Markdown table) and for machines (JSON)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .model import Item
from .scoring import CheckScore, Miss, Rate, Report

MATCH_RULE = (
    "A finding matches a gold label of the same check when their spans overlap "
    "(for an image, when both concern the same image)."
)


@dataclass(frozen=True)
class Evaluation:
    """Everything one ``stories eval`` run measured."""

    split: str
    seed: int
    size: int
    items: Sequence[Item]
    ours: Report
    presidio: Report | None
    presidio_note: str
    not_implemented: Sequence[str]
    not_labelled: Sequence[str]
    # The checks Presidio can report at all (its entity types map to them).
    presidio_checks: frozenset[str] = frozenset()


def _num(x: float | None) -> str:
    return "—" if x is None else f"{x:.3f}"


def _pct(rate: Rate) -> str:
    return "—" if rate.value is None else f"{100 * rate.value:.1f}% ({rate.hits}/{rate.total})"


def _recall(rate: Rate) -> str:
    return "—" if rate.value is None else f"{rate.value:.3f} ({rate.hits}/{rate.total})"


def _composition(items: Sequence[Item]) -> str:
    kinds = Counter(i.kind for i in items)
    return (
        f"{len(items)} items: {kinds['clean']} clean, {kinds['hard']} hard negatives, "
        f"{kinds['positive']} positives, {kinds['multi']} multi-issue; "
        f"{len({i.family for i in items})} families"
    )


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], markdown: bool) -> list[str]:
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
        return lines + ["| " + " | ".join(r) + " |" for r in rows]
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(header)]
    fmt = "  ".join(f"{{:<{w}}}" if i == 0 else f"{{:>{w}}}" for i, w in enumerate(widths))
    return [fmt.format(*header), fmt.format(*("-" * w for w in widths))] + [fmt.format(*r) for r in rows]


def _scores(s: CheckScore, labelled: bool) -> list[str]:
    if not labelled:
        # With no gold labels every finding would count as wrong: say so instead of printing 0.
        return [str(s.predicted), "unlabelled", "—", "—"]
    return [str(s.predicted), _num(s.precision), _num(s.recall), _num(s.block_recall)]


def _check_row(
    check: str, ours: CheckScore, theirs: CheckScore | None, mapped: bool, labelled: bool
) -> list[str]:
    row = [check, str(ours.gold), str(ours.gold_block), *_scores(ours, labelled)]
    if theirs is not None:
        row += _scores(theirs, labelled) if mapped else ["n/a"] * 4
    return row


def _speed(r: Report) -> str:
    return f"{r.stories_per_second:.0f}" if r.stories_per_second else "—"


def render_text(ev: Evaluation, *, markdown: bool = False) -> str:
    ours, theirs = ev.ours, ev.presidio
    out = [
        f"stories eval: split {ev.split} (seed {ev.seed}, corpus size {ev.size})",
        _composition(ev.items),
        MATCH_RULE,
        "P = span precision, R = span recall, BLOCK R = gold BLOCK labels found as BLOCK by the same check.",
        "",
    ]
    header = ["check", "gold", "gold BLOCK", "ours found", "P", "R", "BLOCK R"]
    if theirs is not None:
        header += ["presidio found", "P", "R", "BLOCK R"]
    rows = [
        _check_row(
            c,
            s,
            theirs.per_check.get(c) if theirs else None,
            c in ev.presidio_checks,
            c not in ev.not_labelled,
        )
        for c, s in ours.per_check.items()
        if s.gold or s.predicted
    ]
    out += _table(header, rows, markdown)
    out.append("")

    measures = (
        ("BLOCK recall, every scored check", lambda r: _recall(r.block_recall)),
        ("BLOCK recall, PII-* / SEC-* / POL-PARTY", lambda r: _recall(r.block_recall_critical)),
        ("false-block rate, clean stories", lambda r: _pct(r.false_block_clean)),
        ("false-block rate, hard negatives", lambda r: _pct(r.false_block_hard)),
        ("throughput, stories per second", _speed),
    )
    s_header = ["measure", "ours"] + (["presidio"] if theirs is not None else [])
    s_rows = [[name, f(ours)] + ([f(theirs)] if theirs is not None else []) for name, f in measures]
    out += _table(s_header, s_rows, markdown)
    out.append("")
    if theirs is not None and ours.stories_per_second and theirs.stories_per_second:
        out.append(f"Speed ratio ours/presidio: {ours.stories_per_second / theirs.stories_per_second:.2f}x")
    out.append(ev.presidio_note)
    if theirs is not None and theirs.unmapped:
        listed = ", ".join(f"{k} {v}" for k, v in sorted(theirs.unmapped.items()))
        out.append(f"Presidio entities with no check mapping (reported, not scored): {listed}")
    if ev.not_implemented:
        out.append(f"Labelled in the corpus but not in the catalogue yet: {', '.join(ev.not_implemented)}")
    if ev.not_labelled:
        out.append(
            "In the catalogue but not labelled by the corpus (findings counted only): "
            + ", ".join(ev.not_labelled)
        )

    out += ["", f"Our misses (gold BLOCK not blocked by the same check): {len(ours.misses)}"]
    out += [_miss_line(m) for m in ours.misses]
    out += ["", f"Items with no gold BLOCK that our checks blocked: {len(ours.wrongly_blocked)}"]
    by_id = {i.id: i for i in ev.items}
    for item_id, preds in ours.wrongly_blocked.items():
        text = by_id[item_id].text
        found = "; ".join(f"{p.check} {text[p.start : p.end]!r}" for p in preds)
        out.append(f"  {item_id}: {found}  in {text!r}")
    return "\n".join(out)


def _miss_line(m: Miss) -> str:
    where = f"image {m.image}" if m.image is not None else f"[{m.start}:{m.end}] {m.text[m.start : m.end]!r}"
    found = ", ".join(f"{p.severity} [{p.start}:{p.end}]" for p in m.found) or "nothing"
    return f"  {m.item_id} {m.check} {where} (found: {found}) in {m.text!r}"


def _rate_json(rate: Rate) -> dict[str, Any]:
    return {"hits": rate.hits, "total": rate.total, "rate": rate.value}


def _report_json(r: Report) -> dict[str, Any]:
    return {
        "system": r.system,
        "items": r.items,
        "per_check": {
            c: {
                "gold": s.gold,
                "gold_block": s.gold_block,
                "predicted": s.predicted,
                "precision": s.precision,
                "recall": s.recall,
                "block_recall": s.block_recall,
            }
            for c, s in r.per_check.items()
        },
        "block_recall": _rate_json(r.block_recall),
        "block_recall_critical": _rate_json(r.block_recall_critical),
        "false_block_clean": _rate_json(r.false_block_clean),
        "false_block_hard": _rate_json(r.false_block_hard),
        "stories_per_second": r.stories_per_second,
        "misses": [
            {"item": m.item_id, "check": m.check, "start": m.start, "end": m.end, "image": m.image}
            for m in r.misses
        ],
        "wrongly_blocked": {k: [p.check for p in v] for k, v in r.wrongly_blocked.items()},
        "unmapped": dict(r.unmapped),
    }


def render_json(ev: Evaluation) -> dict[str, Any]:
    kinds: Mapping[str, int] = Counter(i.kind for i in ev.items)
    return {
        "split": ev.split,
        "seed": ev.seed,
        "size": ev.size,
        "items": len(ev.items),
        "kinds": dict(kinds),
        "match_rule": MATCH_RULE,
        "ours": _report_json(ev.ours),
        "presidio": _report_json(ev.presidio) if ev.presidio else None,
        "presidio_note": ev.presidio_note,
        "not_implemented": list(ev.not_implemented),
        "not_labelled": list(ev.not_labelled),
    }
