"""The local stack and the CDK app build the same queues, buckets, notifications and table.

Both come from the one definition, chalicelib/definition.py. Both sides are read back in one normal form,
with the deployment's prefix taken off every name, so the comparison is of what was built, not of
the code that built it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from moto import mock_aws

from chalicelib.definition import Resources
from infra.stack import log_bucket_name
from local.aws_resources import AwsClients, create_resources
from tests.infra.conftest import Synthesised

CDK_PREFIX = "real-stories-dev"
LOCAL_PREFIX = "rs-parity"

Shape = dict[str, Any]


def _strip(name: str, prefix: str) -> str:
    assert name.startswith(prefix + "-"), name
    return name.removeprefix(prefix + "-")


def _rules(rules: list[dict[str, str]]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((r["Name"].lower(), r["Value"]) for r in rules))


# --- the CDK template ---------------------------------------------------------------------------------


def cdk_shape(synth: Synthesised) -> Shape:
    resources = synth.template["Resources"]

    def queue_name(ref: Any) -> str:
        return _strip(str(resources[ref["Fn::GetAtt"][0]]["Properties"]["QueueName"]), CDK_PREFIX)

    queues: dict[str, Any] = {}
    for r in synth.resources("AWS::SQS::Queue").values():
        p = r["Properties"]
        redrive = p.get("RedrivePolicy")
        queues[_strip(p["QueueName"], CDK_PREFIX)] = {
            "visibility": int(p.get("VisibilityTimeout", 30)),
            "retention": int(p["MessageRetentionPeriod"]),
            "dlq": queue_name(redrive["deadLetterTargetArn"]) if redrive else None,
            "max_receives": int(redrive["maxReceiveCount"]) if redrive else None,
        }
    buckets: dict[str, Any] = {}
    for r in synth.resources("AWS::S3::Bucket").values():
        p = r["Properties"]
        if p["BucketName"] == log_bucket_name(CDK_PREFIX):
            continue  # the access-log bucket exists only in the cloud: the local stack keeps no logs
        configs = p.get("NotificationConfiguration", {}).get("QueueConfigurations", [])
        buckets[_strip(p["BucketName"], CDK_PREFIX)] = sorted(
            (queue_name(c["Queue"]), (c["Event"],), _rules(c["Filter"]["S3Key"]["Rules"])) for c in configs
        )
    [table] = synth.resources("AWS::DynamoDB::Table").values()
    t = table["Properties"]
    return {
        "queues": queues,
        "buckets": buckets,
        "table": {
            "name": _strip(t["TableName"], CDK_PREFIX),
            "keys": sorted((k["AttributeName"], k["KeyType"]) for k in t["KeySchema"]),
            "ttl": t["TimeToLiveSpecification"]["AttributeName"],
        },
    }


# --- the local stack --------------------------------------------------------------------------------------


@pytest.fixture
def local_clients(monkeypatch: pytest.MonkeyPatch) -> Iterator[AwsClients]:
    # In-process moto: this test must not depend on (or disturb) the shared moto server.
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    with mock_aws():
        yield AwsClients.from_session(boto3.session.Session(region_name="eu-west-2"))


def local_shape(clients: AwsClients) -> Shape:
    res = Resources(LOCAL_PREFIX)
    create_resources(clients, res)
    sqs, s3, db = clients.sqs, clients.s3, clients.dynamodb

    arn_to_name: dict[str, str] = {}
    attrs_by_name: dict[str, dict[str, str]] = {}
    for url in sqs.list_queues(QueueNamePrefix=LOCAL_PREFIX).get("QueueUrls", []):
        attrs = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
        name = _strip(attrs["QueueArn"].rsplit(":", 1)[-1], LOCAL_PREFIX)
        arn_to_name[attrs["QueueArn"]] = name
        attrs_by_name[name] = attrs
    queues: dict[str, Any] = {}
    for name, attrs in attrs_by_name.items():
        redrive = json.loads(attrs["RedrivePolicy"]) if "RedrivePolicy" in attrs else None
        queues[name] = {
            "visibility": int(attrs["VisibilityTimeout"]),
            "retention": int(attrs["MessageRetentionPeriod"]),
            "dlq": arn_to_name[redrive["deadLetterTargetArn"]] if redrive else None,
            "max_receives": int(redrive["maxReceiveCount"]) if redrive else None,
        }
    buckets: dict[str, Any] = {}
    for b in s3.list_buckets()["Buckets"]:
        if not b["Name"].startswith(LOCAL_PREFIX + "-"):
            continue
        conf = s3.get_bucket_notification_configuration(Bucket=b["Name"])
        buckets[_strip(b["Name"], LOCAL_PREFIX)] = sorted(
            (
                arn_to_name[c["QueueArn"]],
                tuple(c["Events"]),
                _rules([{"Name": r["Name"], "Value": r["Value"]} for r in c["Filter"]["Key"]["FilterRules"]]),
            )
            for c in conf.get("QueueConfigurations", [])
        )
    table = db.describe_table(TableName=res.table)["Table"]
    ttl = db.describe_time_to_live(TableName=res.table)["TimeToLiveDescription"]
    return {
        "queues": queues,
        "buckets": buckets,
        "table": {
            "name": _strip(table["TableName"], LOCAL_PREFIX),
            "keys": sorted((k["AttributeName"], k["KeyType"]) for k in table["KeySchema"]),
            "ttl": ttl.get("AttributeName"),
        },
    }


def test_the_local_stack_and_the_cdk_app_build_the_same_resources(
    synthesised: Synthesised, local_clients: AwsClients
) -> None:
    cloud = cdk_shape(synthesised)
    local = local_shape(local_clients)
    assert local["queues"] == cloud["queues"]
    assert local["buckets"] == cloud["buckets"]
    assert local["table"] == cloud["table"]


def test_the_shared_shape_is_not_empty(synthesised: Synthesised) -> None:
    # Guards the comparison above against two empty sides agreeing.
    shape = cdk_shape(synthesised)
    assert {"intake", "checks", "notify", "publish"} <= set(shape["queues"])
    assert {"intake", "stories", "blog"} == set(shape["buckets"])
    assert shape["buckets"]["intake"] and shape["buckets"]["stories"]
