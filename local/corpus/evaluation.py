"""One evaluation run: build the corpus, run our checks and Presidio on the same items, score both."""

from __future__ import annotations

from chalicelib.policy.catalogue import CHECKS

from . import presidio
from .generate import generate, select
from .report import Evaluation
from .rules import corpus_rules
from .runner import run_catalogue
from .scoring import labelled_checks, score


def evaluate(split: str, seed: int, size: int, *, with_presidio: bool = True) -> Evaluation:
    corpus = generate(seed=seed, size=size)
    items = select(corpus, split)
    implemented = frozenset(CHECKS)
    labelled = labelled_checks(corpus)
    ours = score(items, run_catalogue(items, corpus_rules()), implemented)

    theirs = None
    if not with_presidio:
        note = "Presidio: skipped (--no-presidio)."
    elif not presidio.available():
        note = "Presidio: not installed (pip install -r requirements-bench.txt), so not compared."
    else:
        analyzer = presidio.PresidioAnalyzer()
        theirs = score(items, presidio.run_presidio(items, analyzer), implemented)
        note = (
            f"Presidio {analyzer.version}: pattern recognisers with the UK ones enabled, no NLP model; "
            "every mapped hit counts as a BLOCK."
        )
    return Evaluation(
        split=split,
        seed=seed,
        size=size,
        items=items,
        ours=ours,
        presidio=theirs,
        presidio_note=note,
        not_implemented=sorted(labelled - implemented),
        not_labelled=sorted(implemented - labelled),
        presidio_checks=frozenset(presidio.ENTITY_TO_CHECK.values()),
    )
