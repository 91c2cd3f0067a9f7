"""The local stack runs each queue's handler as many times at once, and its sweep as often, as deployed."""

from __future__ import annotations

from chalicelib.definition import QUEUES
from infra.stack import CONCURRENCY, DEFAULT_CONCURRENCY
from local.stack import POLLERS, SCHEDULE_EVERY_S


def test_each_local_queue_pump_runs_as_many_invocations_at_once_as_its_deployed_event_source() -> None:
    for q in QUEUES:
        if q.handler:
            assert POLLERS.get(q.handler, 1) == CONCURRENCY.get(q.handler, DEFAULT_CONCURRENCY), q.handler


def test_the_local_sweep_runs_at_the_deployed_schedules_rate() -> None:
    from chalice.app import Rate, ScheduledEventConfig

    import app

    seconds = {"MINUTES": 60, "HOURS": 3600, "DAYS": 86400}
    rates = [
        e.schedule_expression
        for e in app.app.event_sources
        if isinstance(e, ScheduledEventConfig) and e.handler_string.endswith(".on_schedule")
    ]
    assert len(rates) == 1 and isinstance(rates[0], Rate)
    assert rates[0].value * seconds[rates[0].unit] == SCHEDULE_EVERY_S
