"""Rate-limit counters in the stories table: one item per key and window, gone by TTL when it ends.

Items (keys ``pk``/``sk``): ``LIMIT#<key>#<window number>`` / ``LIMIT`` with ``hits`` and
``expires_at``. One UpdateItem with ``ADD`` counts atomically, so two requests at once both count.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from .dynamodb_common import dynamodb_call

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient

LIMIT_SK = "LIMIT"


def window_number(now: datetime, window_s: int) -> int:
    return int(now.timestamp()) // window_s


class DynamoCounters:
    """Counters over the stories table (its TTL attribute is ``expires_at``)."""

    def __init__(self, client: DynamoDBClient, table_name: str) -> None:
        self._db = client
        self._table = table_name

    def count(self, key: str, *, window_s: int, now: datetime) -> int:
        window = window_number(now, window_s)
        with dynamodb_call():
            answer = self._db.update_item(
                TableName=self._table,
                Key={"pk": {"S": f"LIMIT#{key}#{window}"}, "sk": {"S": LIMIT_SK}},
                UpdateExpression="ADD hits :one SET expires_at = if_not_exists(expires_at, :expires)",
                ExpressionAttributeValues={
                    ":one": {"N": "1"},
                    # Kept one window beyond its end, then removed by DynamoDB's TTL.
                    ":expires": {"N": str((window + 2) * window_s)},
                },
                ReturnValues="UPDATED_NEW",
            )
        return int(answer["Attributes"]["hits"]["N"])
