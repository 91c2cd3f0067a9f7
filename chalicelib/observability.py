"""Logging, metrics and tracing wired once (Powertools), so every handler reports the same way."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.metrics import MetricUnit

SERVICE = "real-stories"
logger = Logger(service=SERVICE)
metrics = Metrics(namespace="RealStories", service=SERVICE)
tracer = Tracer(service=SERVICE)

__all__ = ["MetricUnit", "handler_scope", "logger", "metrics", "tracer"]


@contextmanager
def handler_scope(handler: str) -> Iterator[None]:
    """Tag logs with the handler and flush EMF metrics when it finishes, whatever happens."""
    logger.append_keys(handler=handler)
    try:
        yield
    finally:
        logger.remove_keys(["handler", "story_id"])
        metrics.flush_metrics(raise_on_empty_metrics=False)
