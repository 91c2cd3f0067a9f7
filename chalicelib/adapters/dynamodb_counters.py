"""Rate-limit counters and spending totals in the stories table, each gone by TTL when it ends.

Items (keys ``pk``/``sk``): ``LIMIT#<key>#<window number>`` / ``LIMIT`` with ``hits`` and
``expires_at``. One UpdateItem with ``ADD`` counts atomically, so two requests at once both count.
Spending: ``SPEND#<key>`` / ``SPEND`` with ``total``, the string set ``items`` already added, and
``expires_at``; one conditional UpdateItem adds an item once and never past the cap.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from .dynamodb_common import ConditionFailed, dynamodb_call

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient

LIMIT_SK = "LIMIT"
SPEND_SK = "SPEND"


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

    def spend(self, key: str, item: str, amount: int, *, cap: int, expires_at: datetime) -> tuple[bool, int]:
        item_key = {"pk": {"S": f"SPEND#{key}"}, "sk": {"S": SPEND_SK}}
        try:
            if amount > cap:
                raise ConditionFailed("over the cap on its own")
            with dynamodb_call():
                answer = self._db.update_item(
                    TableName=self._table,
                    Key=item_key,
                    UpdateExpression=(
                        "ADD #total :amount, #items :item SET expires_at = if_not_exists(expires_at, :e)"
                    ),
                    ConditionExpression=(
                        "(attribute_not_exists(#total) OR #total <= :room) AND NOT contains(#items, :one)"
                    ),
                    ExpressionAttributeNames={"#total": "total", "#items": "items"},
                    ExpressionAttributeValues={
                        ":amount": {"N": str(amount)},
                        ":item": {"SS": [item]},
                        ":one": {"S": item},
                        ":room": {"N": str(cap - amount)},
                        ":e": {"N": str(int(expires_at.timestamp()))},
                    },
                    ReturnValues="UPDATED_NEW",
                )
            return True, int(answer["Attributes"]["total"]["N"])
        except ConditionFailed:
            pass  # counted already, or over the cap: the item says which
        with dynamodb_call():
            got = self._db.get_item(TableName=self._table, Key=item_key, ConsistentRead=True).get("Item", {})
        total = int(got.get("total", {}).get("N", "0"))
        return item in got.get("items", {}).get("SS", []), total
