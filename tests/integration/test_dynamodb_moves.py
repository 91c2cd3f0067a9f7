"""A move right after a read or a move of the same story writes without reading again, and still never
misses what another function wrote in between (DynamoDB on moto's server)."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from typing import Any

import boto3
import pytest

from chalicelib.adapters import dynamodb
from chalicelib.adapters.dynamodb import DynamoStoryTable
from chalicelib.domain.errors import ConflictError
from chalicelib.domain.states import State
from chalicelib.domain.story import Post
from local.aws_resources import AwsClients
from tests.integration.test_adapter_contracts import T0, a_record, an_event, move


@pytest.fixture
def calls(moto_endpoint: str) -> tuple[AwsClients, Counter[str]]:
    """Clients of the test's own, with every DynamoDB call they make counted by operation."""
    clients = AwsClients.from_session(boto3.session.Session())  # the region is the suite's
    counted: Counter[str] = Counter()

    def count(model: Any, **_: Any) -> None:
        counted[model.name] += 1

    clients.dynamodb.meta.events.register("before-call.dynamodb.*", count)
    return clients, counted


def test_the_moves_of_one_check_read_the_story_once(
    calls: tuple[AwsClients, Counter[str]], resources: Any
) -> None:
    clients, counted = calls
    table = DynamoStoryTable(clients.dynamodb, resources.table)
    table.create(a_record(), an_event())
    counted.clear()
    record = table.get("s-1")
    assert record is not None
    checking = move(table, State.SUBMITTED, State.CHECKING)
    # The read above stands for the move's; only whether the create's event is an audit item is asked.
    assert counted == Counter(GetItem=2, UpdateItem=1, PutItem=1)
    counted.clear()
    pending = move(table, State.CHECKING, State.PENDING_APPROVAL, at=T0 + timedelta(minutes=2))
    assert counted == Counter(UpdateItem=1, PutItem=1)  # its own move: nothing to read at all
    assert checking.state is State.CHECKING
    fresh = DynamoStoryTable(clients.dynamodb, resources.table)
    assert fresh.get("s-1") == pending
    assert [e.to_state for e in fresh.audit("s-1")] == [
        State.SUBMITTED,
        State.CHECKING,
        State.PENDING_APPROVAL,
    ]


def test_a_move_by_another_function_since_the_read_is_not_missed(
    aws_clients: AwsClients, resources: Any
) -> None:
    ours = DynamoStoryTable(aws_clients.dynamodb, resources.table)
    theirs = DynamoStoryTable(aws_clients.dynamodb, resources.table)
    ours.create(a_record(), an_event())
    assert ours.get("s-1") is not None
    move(theirs, State.SUBMITTED, State.CHECKING, actor="theirs")
    with pytest.raises(ConflictError):
        move(ours, State.SUBMITTED, State.CHECKING, actor="ours")
    assert [e.actor for e in theirs.audit("s-1")] == ["system", "theirs"]
    # And the same table, having read the story afresh, moves it from where it really is.
    assert move(ours, State.CHECKING, State.PENDING_APPROVAL, actor="ours").state is State.PENDING_APPROVAL


def test_a_write_that_left_the_state_alone_is_not_overwritten(
    aws_clients: AwsClients, resources: Any
) -> None:
    # Posts are added without a move (the rev changes, the state does not): a move from what was
    # read before them must carry them, not the record as it was read.
    ours = DynamoStoryTable(aws_clients.dynamodb, resources.table)
    theirs = DynamoStoryTable(aws_clients.dynamodb, resources.table)
    ours.create(a_record(state=State.PUBLISHING), an_event(to=State.PUBLISHING))
    assert ours.get("s-1") is not None
    post = Post(channel="x", part=1, post_id="1234", url="https://x.example/1234")
    theirs.add_posts("s-1", [post])
    published = move(ours, State.PUBLISHING, State.PUBLISHED)
    assert published.posts == (post,)
    assert theirs.get("s-1") == published


def test_what_was_read_long_ago_is_read_again(
    calls: tuple[AwsClients, Counter[str]], resources: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    clients, counted = calls
    monkeypatch.setattr(dynamodb, "KNOWN_FOR_S", 0.0)
    table = DynamoStoryTable(clients.dynamodb, resources.table)
    table.create(a_record(), an_event())
    assert table.get("s-1") is not None
    counted.clear()
    move(table, State.SUBMITTED, State.CHECKING)
    assert counted == Counter(GetItem=2, UpdateItem=1, PutItem=1)  # the story, then the create's event
