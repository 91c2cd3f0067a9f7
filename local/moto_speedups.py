"""Local-only shortcuts in moto's DynamoDB that answer exactly as moto would, for less of its one core.

Found by profiling the load benchmark (``py-spy record --gil`` on local/moto_process.py): DynamoDB was
half of the moto process's time, and almost half of that went into serialising answers through the
botocore model (a walk of the output shape for every attribute of every item). A DynamoDB item answer
is already JSON in DynamoDB's own wire form, so the data calls are written out directly; a test
(tests/infra/test_moto_speedups.py) proves that every answer the SDK reads is the same either way.
"""

from __future__ import annotations

import base64
import json
from datetime import datetime
from typing import Any

# The data calls whose answers are items and counts (moto's DynamoResult): their shapes hold no
# timestamps, enums or renamed members. Everything else, errors included, goes through the serialiser.
DIRECT = frozenset(
    {
        "GetItem",
        "PutItem",
        "UpdateItem",
        "DeleteItem",
        "Query",
        "Scan",
        "BatchGetItem",
        "TransactGetItems",
    }
)
CONTENT_TYPE = "application/x-amz-json-1.0"


def wire(value: Any) -> Any:
    """A result as DynamoDB's JSON: binary as base64, no nulls (the serialiser leaves unset members out)."""
    if isinstance(value, dict):
        return {k: wire(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [wire(v) for v in value]
    if isinstance(value, bytes | bytearray):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, datetime):  # not in these shapes today; as the serialiser would write it
        return value.timestamp()
    return value


def direct_answer(result: dict[str, Any]) -> tuple[int, dict[str, str], str]:
    """Status, headers and body of a data call's answer, written straight from its result."""
    return 200, {"Content-Type": CONTENT_TYPE}, json.dumps(wire(result))


def answer_dynamodb_directly() -> None:
    """DynamoDB's data calls answer with their result as JSON instead of through the model serialiser."""
    from moto.dynamodb.responses import DynamoResult

    original = DynamoResult.execute_result
    if getattr(original, "direct", False):
        return

    def execute_result(self: DynamoResult, context: Any) -> Any:
        if context.operation_model.name in DIRECT and isinstance(self.result, dict):
            return direct_answer(self.result)
        return original(self, context)

    execute_result.direct = True  # type: ignore[attr-defined]
    DynamoResult.execute_result = execute_result  # type: ignore[method-assign,assignment]
