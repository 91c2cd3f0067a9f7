"""Presidio as the yardstick: its pattern recognisers, UK ones enabled, mapped onto our check ids.

Presidio is a benchmark dependency only (requirements-bench.txt), so it is imported lazily and the
evaluation works without it. No spaCy model is loaded: the analyzer runs on Presidio's no-op NLP
engine, so only recognisers that need no model take part (which is also all a Lambda could afford).
"""

from __future__ import annotations

import importlib
import importlib.util
import os
from collections import Counter
from collections.abc import Sequence
from time import perf_counter
from typing import Any

from .model import Item
from .runner import WARMUP
from .scoring import Predicted, SystemRun

# Presidio entity type → our check id. Every mapped hit counts as a BLOCK: Presidio has no severities.
ENTITY_TO_CHECK = {
    "UK_NHS": "PII-NHS",
    "UK_NINO": "PII-NINO",
    "PHONE_NUMBER": "PII-PHONE",
    "EMAIL_ADDRESS": "PII-EMAIL",
    "UK_POSTCODE": "PII-POSTCODE",
    "UK_VEHICLE_REGISTRATION": "PII-VRM",
    "PERSON": "PII-NAME",
    "LOCATION": "PII-ADDR",
}

_RECOGNISERS = (
    "NhsRecognizer",
    "UkNinoRecognizer",
    "UkPostcodeRecognizer",
    "UkVehicleRegistrationRecognizer",
    "UkPassportRecognizer",
    "UkDrivingLicenceRecognizer",
    "EmailRecognizer",
    "CreditCardRecognizer",
    "IbanRecognizer",
    "IpRecognizer",
    "UrlRecognizer",
    "DateRecognizer",
    "CryptoRecognizer",
)


def available() -> bool:
    """True when presidio-analyzer is installed (``pip install -r requirements-bench.txt``)."""
    return importlib.util.find_spec("presidio_analyzer") is not None


class PresidioAnalyzer:
    """A typed wrapper over Presidio's AnalyzerEngine, built to run offline with no NLP model."""

    name = "presidio"

    def __init__(self) -> None:
        # Presidio's email recogniser validates the domain with tldextract, which otherwise fetches the
        # public suffix list on first use; empty means the snapshot bundled with tldextract.
        os.environ["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] = ""
        analyzer: Any = importlib.import_module("presidio_analyzer")
        nlp: Any = importlib.import_module("presidio_analyzer.nlp_engine")
        predefined: Any = importlib.import_module("presidio_analyzer.predefined_recognizers")
        recognisers = [getattr(predefined, name)() for name in _RECOGNISERS]
        # GB first: the default regions read a UK number as possibly American.
        recognisers.append(predefined.PhoneRecognizer(supported_regions=("GB", "US", "IE", "FR", "DE")))
        registry = analyzer.RecognizerRegistry(recognizers=recognisers, supported_languages=["en"])
        engine = nlp.NoOpNlpEngine(models=[{"lang_code": "en", "model_name": "no_op"}])
        self._engine: Any = analyzer.AnalyzerEngine(
            registry=registry, nlp_engine=engine, supported_languages=["en"]
        )
        self.version = str(importlib.import_module("importlib.metadata").version("presidio-analyzer"))

    def analyze(self, text: str) -> list[tuple[str, int, int]]:
        """Every hit as ``(entity type, start, end)``, whatever its score."""
        return [
            (str(r.entity_type), int(r.start), int(r.end)) for r in self._engine.analyze(text, language="en")
        ]


def to_predictions(hits: Sequence[tuple[str, int, int]], unmapped: Counter[str]) -> tuple[Predicted, ...]:
    out: list[Predicted] = []
    for entity, start, end in hits:
        check = ENTITY_TO_CHECK.get(entity)
        if check is None:
            unmapped[entity] += 1
            continue
        out.append(Predicted(check, "BLOCK", start, end))
    return tuple(out)


def run_presidio(items: Sequence[Item], analyzer: PresidioAnalyzer) -> SystemRun:
    unmapped: Counter[str] = Counter()
    raw: dict[str, list[tuple[str, int, int]]] = {}
    for item in items[:WARMUP]:
        analyzer.analyze(item.text)
    start = perf_counter()
    for item in items:
        raw[item.id] = analyzer.analyze(item.text)
    seconds = perf_counter() - start
    predictions = {item_id: to_predictions(hits, unmapped) for item_id, hits in raw.items()}
    return SystemRun(f"presidio {analyzer.version}", predictions, seconds, dict(unmapped))
