"""Logging, metrics and tracing wired once (Powertools), so every handler reports the same way."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.metrics import MetricUnit

SERVICE = "real-stories"
logger = Logger(service=SERVICE)
metrics = Metrics(namespace="RealStories", service=SERVICE)
tracer = Tracer(service=SERVICE)

__all__ = ["MetricUnit", "handler_scope", "logger", "metrics", "tracer"]


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
        metrics.flush_metrics(raise_on_empty_metrics=False)
