"""`stories eval`: the policy checks measured on a labelled corpus, beside Presidio on the same items."""

from __future__ import annotations

import argparse
import json

from local.corpus import DEFAULT_SEED, DEFAULT_SIZE


def _cmd_eval(args: argparse.Namespace) -> int:
    from local.corpus.blind import SETS, render, score
    from local.corpus.evaluation import evaluate
    from local.corpus.report import render_json, render_text

    if args.size < 1:
        print("stories eval: --size must be at least 1")
        return 2
    ev = evaluate(args.split, args.seed, args.size, with_presidio=not args.no_presidio)
    # The blind-written sets are whole stories outside the seeded corpus: scored with any test split.
    blind = tuple(score(b) for b in SETS) if args.split != "dev" else ()
    if args.json:
        out = render_json(ev)
        out["blind"] = [
            {
                "set": b.set.name,
                "check": b.set.check,
                "tuned": b.set.tuned,
                "block_recall": {"found": b.caught, "of": b.positives},
                "false_blocks": {"blocked": b.false_blocks, "of": b.lookalikes},
            }
            for b in blind
        ]
        print(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        print(render_text(ev, markdown=args.markdown))
        if blind:
            print("\n" + "\n".join(render(blind)))
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``eval`` subcommand to the ``stories`` command."""
    p = sub.add_parser(
        "eval",
        help="measure the policy checks on the labelled corpus, beside Presidio",
        description=(
            "Generate the seeded, labelled corpus and report per-check span precision and recall, BLOCK "
            "recall, false-block rates and throughput, for our checks and for Presidio on the same items."
        ),
    )
    p.add_argument("--split", choices=("dev", "test", "all"), default="test", help="default: test")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"corpus seed (default {DEFAULT_SEED})")
    p.add_argument("--size", type=int, default=DEFAULT_SIZE, help=f"corpus items (default {DEFAULT_SIZE})")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--markdown", action="store_true", help="tables in Markdown")
    p.add_argument("--no-presidio", action="store_true", help="do not run Presidio")
    p.set_defaults(func=_cmd_eval)
