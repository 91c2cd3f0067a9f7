"""Logging, metrics and tracing wired once (Powertools), so every handler reports the same way."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from aws_lambda_powertools import Logger, Metrics
from aws_lambda_powertools.metrics import MetricUnit

from .definition import ATTENTION_METRIC, PAGED_METRICS

if TYPE_CHECKING:
    from aws_lambda_powertools import Tracer

SERVICE = "real-stories"
logger = Logger(service=SERVICE)
metrics = Metrics(namespace="RealStories", service=SERVICE)
_tracer: Tracer | None = None

__all__ = ["MetricUnit", "handler_scope", "logger", "metrics", "tracer"]


def tracer() -> Tracer:
    """The X-Ray tracer, created on first use rather than at import.

    Creating it loads the X-Ray SDK (a third of a second) and patches botocore; the composition root
    calls this before it builds the first AWS client, so every call is still traced, and importing the
    app for a cold start stays cheap.

    Only botocore is patched: the AWS calls are what a trace is for. Powertools' default patches every
    library the X-Ray SDK knows, which in Lambda imports requests, httpx and sqlite3 into every function
    whether it uses them or not (about 10 MB; `BENCH_ONLY=memory`).
    """
    global _tracer  # noqa: PLW0603 - one tracer per execution environment
    if _tracer is None:
        from aws_lambda_powertools import Tracer

        _tracer = Tracer(service=SERVICE, patch_modules=("botocore",))
    return _tracer


# Handlers that record nothing (a skipped S3 test event) are normal, not worth a warning per batch.
warnings.filterwarnings("ignore", message="No application metrics to publish")


@contextmanager
def handler_scope(handler: str) -> Iterator[None]:
    """Tag logs with the handler and flush EMF metrics when it finishes, whatever happens.

    Keys are kept per thread: in Lambda there is one, but the local stack runs every handler in one process.
    """
    logger.thread_safe_append_keys(handler=handler)
    try:
        yield
    finally:
        logger.thread_safe_clear_keys()
        _add_attention()
        metrics.flush_metrics(raise_on_empty_metrics=False)


def paged(name: str) -> bool:
    """Whether a count is one that pages ops (definition.PAGED_METRICS)."""
    return any(name.startswith(p) if p.endswith("_") else name == p for p in PAGED_METRICS)


def _add_attention() -> None:
    """Add up the paged counts about to be flushed into the one metric the attention alarm reads.

    Flushed whenever a paged count is, even at 0: the sweep's zeros are the alarm's heartbeat.
    """
    counts = [sum(m["Value"]) for name, m in metrics.metric_set.items() if paged(name)]
    if counts:
        metrics.add_metric(name=ATTENTION_METRIC, unit=MetricUnit.Count, value=sum(counts))
