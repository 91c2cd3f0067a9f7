"""The local stack runs each queue's handler as many times at once as the deployed event source may."""

from __future__ import annotations

from chalicelib.definition import QUEUES
from infra.stack import CONCURRENCY, DEFAULT_CONCURRENCY
from local.stack import POLLERS


def test_each_local_queue_pump_runs_as_many_invocations_at_once_as_its_deployed_event_source() -> None:
    for q in QUEUES:
        if q.handler:
            assert POLLERS.get(q.handler, 1) == CONCURRENCY.get(q.handler, DEFAULT_CONCURRENCY), q.handler
