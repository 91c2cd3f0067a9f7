"""The benchmarks' own arithmetic, without sockets: a wrong parser or meter would print wrong figures."""

from __future__ import annotations

from bench.cold_start import heaviest_in
from bench.cost import Meter

# As importtime prints it: a module after everything it imported, two more spaces per level.
IMPORTTIME = """\
import time: self [us] | cumulative | imported package
import time:       100 |        100 |       botocore.compat
import time:      2000 |     150000 |     aws_xray_sdk.core
import time:       500 |     151000 |   chalicelib.observability
import time:       300 |        300 |     yaml
import time:       400 |      40000 |     pydantic
import time:       200 |      41000 |   chalicelib.policy.rules
import time:      1000 |     193000 | app
"""


def test_importtime_names_each_package_with_the_module_of_ours_that_imports_it() -> None:
    assert heaviest_in(IMPORTTIME) == [
        (0.15, "aws_xray_sdk", "chalicelib.observability"),
        (0.04, "pydantic", "chalicelib.policy.rules"),
        (0.0003, "yaml", "chalicelib.policy.rules"),
    ]


def test_what_a_queue_functions_first_batch_imports_after_the_app_is_named_too() -> None:
    first_batch = """\
import time:       900 |      30000 |     asyncio
import time:       700 |      46000 |   aws_lambda_powertools.utilities.batch.base
import time:       100 |      46100 | aws_lambda_powertools.utilities.batch
"""
    assert heaviest_in(IMPORTTIME + first_batch)[:2] == [
        (0.15, "aws_xray_sdk", "chalicelib.observability"),
        (0.0461, "aws_lambda_powertools", "app._batch (the first batch)"),
    ]


def test_the_meter_bills_transactions_double_and_ignores_empty_polls() -> None:
    meter = Meter()
    item = {"Put": {"TableName": "t", "Item": {"pk": {"S": "a"}}}}
    meter.record("dynamodb", "TransactWriteItems", {"TransactItems": [item, item]}, {})
    meter.record("dynamodb", "GetItem", {"ConsistentRead": True}, {"Item": {"pk": {"S": "a"}}})
    meter.record("dynamodb", "Query", {}, {"Items": []})
    meter.record("sqs", "ReceiveMessage", {"QueueUrl": "http://q/rs-intake"}, {"Messages": []})
    meter.record("sqs", "ReceiveMessage", {"QueueUrl": "http://q/rs-intake"}, {"Messages": [{}, {}]})

    assert meter.wru == 4
    assert meter.rru == 1.5
    assert meter.received == {"rs-intake": 2}
    assert meter.calls[("sqs", "ReceiveMessage")] == 1
