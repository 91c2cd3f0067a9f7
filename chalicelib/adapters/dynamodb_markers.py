"""Once-only markers in the stories table, so that a side effect happens once however often it is retried.

Items (keys ``pk``/``sk``): ``MARK#<key>`` / ``MARK``, a marker that goes ``claimed`` → ``done`` and
expires by TTL (``expires_at``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextlib import suppress
from datetime import datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .dynamodb_common import ConditionFailed, deser, dynamodb_call, iso, ser, utc_now

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient

MARK_SK = "MARK"
MARKER_TTL = timedelta(days=30)


def marker_pk(key: str) -> str:
    return f"MARK#{key}"


def marker_view(d: Mapping[str, Any]) -> dict[str, str]:
    """What ``marker()`` returns: the result's fields, then status, owner and claimed_at on top."""
    view = {str(k): str(v) for k, v in d.get("result", {}).items()}
    for name in ("status", "owner", "claimed_at"):
        if name in d:
            view[name] = str(d[name])
    return view


def _epoch(at: datetime) -> Decimal:
    return Decimal(str(round(at.timestamp(), 6)))


class DynamoMarkers:
    """The marker half of StoryTable (claim, complete, release, marker) over the low-level client."""

    def __init__(
        self,
        client: DynamoDBClient,
        table_name: str,
        *,
        marker_ttl: timedelta = MARKER_TTL,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self._db = client
        self._table = table_name
        self._marker_ttl = marker_ttl
        self._clock = clock

    def _key(self, key: str) -> dict[str, Any]:
        return ser({"pk": marker_pk(key), "sk": MARK_SK})

    def claim(self, key: str, *, owner: str, now: datetime, stale_after_s: float | None = None) -> bool:
        condition = "attribute_not_exists(pk)"
        kwargs: dict[str, Any] = {}
        if stale_after_s is not None:
            # A holder that crashed mid-effect never completes: let a later caller take over its claim.
            condition += " OR (#status = :claimed AND #claimed_epoch < :cutoff)"
            kwargs = {
                "ExpressionAttributeNames": {"#status": "status", "#claimed_epoch": "claimed_epoch"},
                "ExpressionAttributeValues": ser(
                    {":claimed": "claimed", ":cutoff": _epoch(now) - Decimal(str(stale_after_s))}
                ),
            }
        item = {
            "pk": marker_pk(key),
            "sk": MARK_SK,
            "status": "claimed",
            "owner": owner,
            "claimed_at": iso(now),
            "claimed_epoch": _epoch(now),
            "expires_at": int((now + self._marker_ttl).timestamp()),
        }
        try:
            with dynamodb_call():
                self._db.put_item(
                    TableName=self._table, Item=ser(item), ConditionExpression=condition, **kwargs
                )
        except ConditionFailed:
            return False
        return True

    def complete(self, key: str, result: Mapping[str, str]) -> None:
        expires = int((self._clock() + self._marker_ttl).timestamp())
        with dynamodb_call():
            self._db.update_item(
                TableName=self._table,
                Key=self._key(key),
                UpdateExpression="SET #status = :done, #result = :result, #exp = if_not_exists(#exp, :exp)",
                ExpressionAttributeNames={"#status": "status", "#result": "result", "#exp": "expires_at"},
                ExpressionAttributeValues=ser(
                    {":done": "done", ":result": {str(k): str(v) for k, v in result.items()}, ":exp": expires}
                ),
            )

    def release(self, key: str) -> None:
        # A failed condition means already gone, or done: a done marker must never be released.
        with suppress(ConditionFailed), dynamodb_call():
            self._db.delete_item(
                TableName=self._table,
                Key=self._key(key),
                ConditionExpression="#status = :claimed",
                ExpressionAttributeNames={"#status": "status"},
                ExpressionAttributeValues=ser({":claimed": "claimed"}),
            )

    def marker(self, key: str) -> Mapping[str, str] | None:
        with dynamodb_call():
            response = self._db.get_item(TableName=self._table, Key=self._key(key), ConsistentRead=True)
        if "Item" not in response:
            return None
        return marker_view(deser(response["Item"]))
