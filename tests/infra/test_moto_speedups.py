"""Every DynamoDB answer the local moto writes directly reads back in the SDK as moto's serialiser's does."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.parsers import create_parser
from moto import mock_aws
from moto.dynamodb.responses import DynamoResult

from local.moto_speedups import DIRECT, direct_answer

TABLE = "stories"


@pytest.fixture
def compared(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Any, set[str]]]:
    """A DynamoDB client whose every data call's answer is written both ways and read back both ways."""
    seen: set[str] = set()
    serialiser = DynamoResult.execute_result
    with mock_aws():
        db = boto3.client("dynamodb", region_name="eu-west-2")
        model = db.meta.service_model
        parser = create_parser("json")

        def execute_result(self: DynamoResult, context: Any) -> Any:
            answer = serialiser(self, context)
            name = context.operation_model.name
            if name in DIRECT and isinstance(self.result, dict):
                shape = model.operation_model(name).output_shape
                status, headers, body = direct_answer(self.result)
                moto_body = answer[2] if isinstance(answer[2], bytes) else answer[2].encode()
                expected = parser.parse({"status_code": 200, "headers": {}, "body": moto_body}, shape)
                got = parser.parse({"status_code": status, "headers": {}, "body": body.encode()}, shape)
                assert got == expected, name
                assert json.loads(body).keys() >= json.loads(moto_body).keys(), name
                assert (status, headers["Content-Type"]) == (answer[0], answer[1]["Content-Type"]), name
                seen.add(name)
            return answer

        monkeypatch.setattr(DynamoResult, "execute_result", execute_result)
        db.create_table(
            TableName=TABLE,
            AttributeDefinitions=[
                {"AttributeName": "pk", "AttributeType": "S"},
                {"AttributeName": "sk", "AttributeType": "S"},
            ],
            KeySchema=[
                {"AttributeName": "pk", "KeyType": "HASH"},
                {"AttributeName": "sk", "KeyType": "RANGE"},
            ],
            BillingMode="PAY_PER_REQUEST",
        )
        yield db, seen


def item(n: int, sk: str = "META") -> dict[str, Any]:
    return {
        "pk": {"S": f"STORY#{n}"},
        "sk": {"S": sk},
        "rev": {"N": str(n)},
        "title": {"S": f"Bins ✓ {n}"},
        "photo": {"B": bytes(range(n % 7 + 1))},
        "tags": {"SS": ["a", "b"]},
        "sizes": {"NS": ["1", "2.5"]},
        "blobs": {"BS": [b"\x00\xff", b"x"]},
        "extra": {"M": {"step": {"S": "0"}, "nested": {"L": [{"N": "1"}, {"NULL": True}, {"BOOL": False}]}}},
        "posts": {"L": []},
        "ok": {"BOOL": True},
    }


def test_every_data_call_reads_back_the_same(compared: tuple[Any, set[str]]) -> None:
    db, seen = compared
    key = {"pk": {"S": "STORY#1"}, "sk": {"S": "META"}}
    for n in range(1, 13):
        db.put_item(TableName=TABLE, Item=item(n))
        db.put_item(TableName=TABLE, Item=item(n, f"AUDIT#{n:03}"), ReturnValues="ALL_OLD")
    db.put_item(TableName=TABLE, Item=item(1), ReturnValues="ALL_OLD", ReturnConsumedCapacity="TOTAL")
    db.get_item(TableName=TABLE, Key=key, ConsistentRead=True)
    db.get_item(TableName=TABLE, Key={"pk": {"S": "STORY#none"}, "sk": {"S": "META"}})
    db.get_item(TableName=TABLE, Key=key, ProjectionExpression="title, photo")
    for returns in ("NONE", "ALL_NEW", "ALL_OLD", "UPDATED_NEW", "UPDATED_OLD"):
        db.update_item(
            TableName=TABLE,
            Key=key,
            UpdateExpression="SET #t = :t, extra.step = :s ADD #rev :one REMOVE ok",
            ConditionExpression="attribute_exists(pk)",
            ExpressionAttributeNames={"#t": "title", "#rev": "rev"},
            ExpressionAttributeValues={":t": {"S": returns}, ":s": {"S": "1"}, ":one": {"N": "1"}},
            ReturnValues=returns,
        )
    with pytest.raises(db.exceptions.ConditionalCheckFailedException):
        db.update_item(
            TableName=TABLE,
            Key=key,
            UpdateExpression="SET #t = :t",
            ConditionExpression="#t = :other",
            ExpressionAttributeNames={"#t": "title"},
            ExpressionAttributeValues={":t": {"S": "x"}, ":other": {"S": "y"}},
            ReturnValuesOnConditionCheckFailure="ALL_OLD",
        )
    pages = db.get_paginator("query").paginate(
        TableName=TABLE,
        KeyConditionExpression="pk = :pk AND begins_with(sk, :a)",
        ExpressionAttributeValues={":pk": {"S": "STORY#2"}, ":a": {"S": "AUDIT#"}},
        PaginationConfig={"PageSize": 1},
    )
    assert sum(p["Count"] for p in pages) == 1
    scanned = db.get_paginator("scan").paginate(
        TableName=TABLE,
        FilterExpression="sk = :meta",
        ExpressionAttributeValues={":meta": {"S": "META"}},
        PaginationConfig={"PageSize": 5},
    )
    assert sum(p["Count"] for p in scanned) == 12
    db.scan(TableName=TABLE, Select="COUNT")
    db.batch_write_item(
        RequestItems={TABLE: [{"PutRequest": {"Item": item(40)}}, {"DeleteRequest": {"Key": key}}]}
    )
    db.batch_get_item(RequestItems={TABLE: {"Keys": [{"pk": {"S": "STORY#40"}, "sk": {"S": "META"}}, key]}})
    update = {
        "TableName": TABLE,
        "Key": {"pk": {"S": "STORY#2"}, "sk": {"S": "META"}},
        "UpdateExpression": "SET ok = :f",
        "ExpressionAttributeValues": {":f": {"BOOL": False}},
    }
    db.transact_write_items(
        TransactItems=[{"Put": {"TableName": TABLE, "Item": item(41)}}, {"Update": update}]
    )
    db.transact_get_items(
        TransactItems=[{"Get": {"TableName": TABLE, "Key": {"pk": {"S": "STORY#41"}, "sk": {"S": "META"}}}}]
    )
    db.delete_item(TableName=TABLE, Key={"pk": {"S": "STORY#3"}, "sk": {"S": "META"}}, ReturnValues="ALL_OLD")
    db.delete_item(TableName=TABLE, Key={"pk": {"S": "STORY#none"}, "sk": {"S": "META"}})
    assert seen == DIRECT, DIRECT - seen


def _table_keyed_by_pk(db: Any) -> None:
    db.create_table(
        TableName=TABLE,
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        BillingMode="PAY_PER_REQUEST",
    )


def test_the_local_moto_answers_directly_once_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    from local.moto_speedups import answer_dynamodb_directly

    monkeypatch.setattr(DynamoResult, "execute_result", DynamoResult.execute_result)
    answer_dynamodb_directly()
    answer_dynamodb_directly()  # a second call leaves the first in place
    assert getattr(DynamoResult.execute_result, "direct", False)
    with mock_aws():
        db = boto3.client("dynamodb", region_name="eu-west-2")
        _table_keyed_by_pk(db)
        db.put_item(TableName=TABLE, Item={"pk": {"S": "a"}, "b": {"B": b"\x00\x01"}})
        assert db.get_item(TableName=TABLE, Key={"pk": {"S": "a"}})["Item"]["b"]["B"] == b"\x00\x01"


# Updates of every kind the walk meets: paths into maps and lists, functions, arithmetic, REMOVE, ADD,
# DELETE, and the ones moto refuses (overlapping paths, a key, a name or value not given, a wrong type).
UPDATES: list[tuple[str, dict[str, str], dict[str, Any]]] = [
    ("SET #a = :s, #n = :one", {"#a": "a", "#n": "n"}, {":s": {"S": "x"}, ":one": {"N": "1"}}),
    (
        "SET #n = #n + :one, #m = :map",
        {"#n": "n", "#m": "m"},
        {":one": {"N": "1"}, ":map": {"M": {"k": {"L": []}}}},
    ),
    ("SET #m.#k = list_append(#m.#k, :l)", {"#m": "m", "#k": "k"}, {":l": {"L": [{"S": "one"}, {"N": "2"}]}}),
    ("SET #m.#k[0] = :s, #b = if_not_exists(#b, :s)", {"#m": "m", "#k": "k", "#b": "b"}, {":s": {"S": "y"}}),
    (
        "SET #n = #n - :one REMOVE #a, #m.#k[1]",
        {"#n": "n", "#a": "a", "#m": "m", "#k": "k"},
        {":one": {"N": "1"}},
    ),
    ("ADD #c :two, #ss :set", {"#c": "c", "#ss": "ss"}, {":two": {"N": "2"}, ":set": {"SS": ["p", "q"]}}),
    ("DELETE #ss :gone", {"#ss": "ss"}, {":gone": {"SS": ["p"]}}),
    ("SET #a = :s, #a = :s", {"#a": "a"}, {":s": {"S": "z"}}),
    ("SET #m = :s, #m.#k = :s", {"#m": "m", "#k": "k"}, {":s": {"S": "z"}}),
    ("SET #pk = :s", {"#pk": "pk"}, {":s": {"S": "other"}}),
    ("SET #a = :nope", {"#a": "a"}, {":s": {"S": "z"}}),
    ("SET #nope = :s", {"#a": "a"}, {":s": {"S": "z"}}),
    ("SET #n = #a + :one", {"#n": "n", "#a": "a"}, {":one": {"N": "1"}}),
    ("SET #missing = #gone + :one", {"#missing": "missing", "#gone": "gone"}, {":one": {"N": "1"}}),
    # The first expression again with other values: a tree kept from its first parse must not keep those.
    ("SET #a = :s, #n = :one", {"#a": "a", "#n": "n"}, {":s": {"S": "again"}, ":one": {"N": "7"}}),
    ("SET #m.#k[0] = :s, #b = if_not_exists(#b, :s)", {"#m": "m", "#k": "k", "#b": "b"}, {":s": {"S": "w"}}),
]


def _run_updates() -> list[Any]:
    """Each update's outcome (the item after it, or its error code), on a fresh moto."""
    outcomes: list[Any] = []
    with mock_aws():
        db = boto3.client("dynamodb", region_name="eu-west-2")
        _table_keyed_by_pk(db)
        key = {"pk": {"S": "s-1"}}
        for expression, names, values in UPDATES:
            try:
                db.update_item(
                    TableName=TABLE,
                    Key=key,
                    UpdateExpression=expression,
                    ExpressionAttributeNames=names,
                    ExpressionAttributeValues=values,
                )
            except db.exceptions.ClientError as e:
                outcomes.append((expression, e.response["Error"]["Code"], e.response["Error"]["Message"]))
            else:
                outcomes.append((expression, db.get_item(TableName=TABLE, Key=key)["Item"]))
    return outcomes


def test_the_light_walk_and_the_kept_parses_leave_every_update_as_moto_has_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from moto.dynamodb.parsing.ast_nodes import DepthFirstTraverser  # type: ignore[attr-defined]
    from moto.dynamodb.parsing.expressions import UpdateExpressionParser  # type: ignore[attr-defined]

    from local.moto_speedups import parse_each_update_expression_once, traverse_update_expressions_lightly

    walk = DepthFirstTraverser.__dict__["traverse_node_recursively"]
    monkeypatch.setattr(DepthFirstTraverser, "traverse_node_recursively", walk)
    monkeypatch.setattr(UpdateExpressionParser, "make", UpdateExpressionParser.__dict__["make"])
    as_moto_has_it = _run_updates()
    for _ in range(2):  # a second call leaves the first in place
        traverse_update_expressions_lightly()
        parse_each_update_expression_once()
    assert getattr(DepthFirstTraverser.traverse_node_recursively, "light", False)
    assert getattr(UpdateExpressionParser.make, "kept", False)
    assert _run_updates() == as_moto_has_it
    assert _run_updates() == as_moto_has_it  # every tree from the kept parses this time
    refused = [o for o in as_moto_has_it if len(o) == 3]
    assert len(refused) >= 5, refused  # the refusals are compared too, not only the updates that went in
