"""Spending totals with a cap: the same contract from DynamoDB (on moto's server) and the memory fake.

The X budget rests on three promises: an item is added once however often it is offered, a total never
passes its cap, and two spenders racing for the last of the room cannot both get it.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest

from chalicelib.adapters.dynamodb_counters import DynamoCounters
from chalicelib.adapters.ports import Counters
from local.memory import MemoryCounters

END = datetime(2027, 2, 1, tzinfo=UTC)


@pytest.fixture(params=["memory", "moto"])
def counters(request: pytest.FixtureRequest) -> Counters:
    if request.param == "memory":
        return MemoryCounters()
    clients = request.getfixturevalue("aws_clients")
    created = request.getfixturevalue("created")
    return DynamoCounters(clients.dynamodb, created.resources.table)


def _key(request: pytest.FixtureRequest) -> str:
    return f"x-spend#{request.node.name}"


def test_an_item_is_added_once_however_often_it_is_offered(
    counters: Counters, request: pytest.FixtureRequest
) -> None:
    key = _key(request)
    assert counters.spend(key, "s-1#1", 15, cap=1000, expires_at=END) == (True, 15)
    assert counters.spend(key, "s-1#1", 15, cap=1000, expires_at=END) == (True, 15)
    assert counters.spend(key, "s-2#1", 200, cap=1000, expires_at=END) == (True, 215)


def test_a_total_never_passes_its_cap(counters: Counters, request: pytest.FixtureRequest) -> None:
    key = _key(request)
    assert counters.spend(key, "a", 40, cap=50, expires_at=END) == (True, 40)
    assert counters.spend(key, "b", 15, cap=50, expires_at=END) == (False, 40)
    assert counters.spend(key, "c", 10, cap=50, expires_at=END) == (True, 50)
    assert counters.spend(key, "d", 60, cap=50, expires_at=END)[0] is False


def test_an_item_too_big_for_an_empty_budget_is_refused(
    counters: Counters, request: pytest.FixtureRequest
) -> None:
    assert counters.spend(_key(request), "a", 60, cap=50, expires_at=END) == (False, 0)


def test_racing_spenders_share_the_room_without_passing_the_cap(
    counters: Counters, request: pytest.FixtureRequest
) -> None:
    key = _key(request)
    won: list[str] = []
    lock = threading.Lock()

    def spend(item: str) -> None:
        ok, _ = counters.spend(key, item, 10, cap=50, expires_at=END)
        if ok:
            with lock:
                won.append(item)

    threads = [threading.Thread(target=spend, args=(f"s-{n}",)) for n in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(won) == 5
    assert counters.spend(key, "late", 1, cap=50, expires_at=END) == (False, 50)
