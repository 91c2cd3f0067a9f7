"""The resources local/aws_resources.py creates behave like deployed ones: wiring, redrive, TTL, reruns.

The local stack and these tests depend on moto honouring the same rules as AWS (notification filters,
DLQ redrive, TTL); when moto changes, these tests say so before a demo does.
"""

from __future__ import annotations

import json
import time
from typing import Any
from urllib.parse import unquote_plus

import pytest

from chalicelib.definition import NOTIFICATIONS, QUEUES, SECRETS, TABLE_TTL_ATTRIBUTE, QueueDef, Resources
from local.aws_resources import AwsClients, CreatedResources, create_resources


def _receive_all(
    clients: AwsClients, url: str, *, wait_s: int = 1, visibility_s: int = 30
) -> list[dict[str, Any]]:
    """Every message now on the queue (deleted as read), bodies parsed."""
    bodies: list[dict[str, Any]] = []
    while True:
        got = clients.sqs.receive_message(
            QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=wait_s, VisibilityTimeout=visibility_s
        )
        messages = got.get("Messages", [])
        if not messages:
            return bodies
        for m in messages:
            bodies.append(json.loads(m["Body"]))
            clients.sqs.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])
        wait_s = 0


def _object_events(bodies: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(r["eventName"], r["s3"]["object"]["key"]) for b in bodies for r in b.get("Records", [])]


def test_every_defined_resource_exists(aws_clients: AwsClients, created: CreatedResources) -> None:
    res = created.resources
    for key in ("intake", "stories", "blog"):
        aws_clients.s3.head_bucket(Bucket=res.bucket(key))
        enc = aws_clients.s3.get_bucket_encryption(Bucket=res.bucket(key))[
            "ServerSideEncryptionConfiguration"
        ]
        assert enc["Rules"][0]["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] == "AES256"
    assert set(created.queues) == {q.key for q in QUEUES}
    table = aws_clients.dynamodb.describe_table(TableName=res.table)["Table"]
    assert {k["AttributeName"]: k["KeyType"] for k in table["KeySchema"]} == {"pk": "HASH", "sk": "RANGE"}
    assert created.secret_names == {k: res.secret(k) for k in SECRETS}


def test_the_table_expires_markers_by_ttl(aws_clients: AwsClients, resources: Resources) -> None:
    ttl = aws_clients.dynamodb.describe_time_to_live(TableName=resources.table)["TimeToLiveDescription"]
    assert (ttl["TimeToLiveStatus"], ttl["AttributeName"]) == ("ENABLED", TABLE_TTL_ATTRIBUTE)


def test_each_queue_redrives_to_its_dlq_after_its_max_receive_count(
    aws_clients: AwsClients, created: CreatedResources
) -> None:
    for q in QUEUES:
        info = created.queues[q.key]
        attrs = aws_clients.sqs.get_queue_attributes(QueueUrl=info.url, AttributeNames=["All"])["Attributes"]
        redrive = json.loads(attrs["RedrivePolicy"])
        assert redrive["deadLetterTargetArn"] == info.dlq_arn
        assert int(redrive["maxReceiveCount"]) == q.max_receive_count
        assert int(attrs["VisibilityTimeout"]) == q.visibility_timeout_s
        assert info.dlq_arn.endswith(":" + created.resources.dlq(q.key))


def test_creating_twice_is_safe_and_updates_secret_values(
    aws_clients: AwsClients, created: CreatedResources, secret_values: dict[str, str]
) -> None:
    res = created.resources
    aws_clients.s3.put_object(Bucket=res.stories_bucket, Key="keep/me", Body=b"1")
    again = create_resources(
        aws_clients,
        res,
        secrets={"link-signing-key": "rotated-in-test"},
        sender_domains=["example.gov.uk"],
    )
    assert again.queues == created.queues
    assert aws_clients.s3.get_object(Bucket=res.stories_bucket, Key="keep/me")["Body"].read() == b"1"

    def value(key: str) -> str:
        return aws_clients.ssm.get_parameter(Name=res.secret(key), WithDecryption=True)["Parameter"]["Value"]

    assert value("link-signing-key") == "rotated-in-test"
    assert value("x-credentials") == secret_values["x-credentials"]


def test_queue_overrides_replace_a_queue_definition(
    aws_clients: AwsClients, created: CreatedResources
) -> None:
    res = created.resources
    again = create_resources(
        aws_clients,
        res,
        queue_overrides={"publish": QueueDef("publish", max_receive_count=2, visibility_timeout_s=1)},
    )
    attrs = aws_clients.sqs.get_queue_attributes(
        QueueUrl=again.queues["publish"].url, AttributeNames=["All"]
    )["Attributes"]
    assert attrs["VisibilityTimeout"] == "1"
    assert int(json.loads(attrs["RedrivePolicy"])["maxReceiveCount"]) == 2
    with pytest.raises(ValueError, match="unknown queues"):
        create_resources(aws_clients, res, queue_overrides={"nope": QueueDef("nope")})


def test_a_raw_upload_notifies_the_intake_queue_with_a_url_encoded_key(
    aws_clients: AwsClients, created: CreatedResources
) -> None:
    res = created.resources
    key = "raw/email/<abc+1@mail.example.gov.uk> ü.eml"
    aws_clients.s3.put_object(Bucket=res.intake_bucket, Key=key, Body=b"From: a@example.gov.uk\r\n\r\nhi")
    aws_clients.s3.put_object(Bucket=res.intake_bucket, Key="config/rules.yaml", Body=b"x: 1")
    bodies = _receive_all(aws_clients, created.queues["intake"].url)
    # moto, like S3, says hello when the notification is configured: handlers must skip it.
    assert bodies[0]["Event"] == "s3:TestEvent"
    assert bodies[0]["Bucket"] == res.intake_bucket
    events = _object_events(bodies)
    assert len(events) == 1
    name, encoded = events[0]
    assert name.startswith("ObjectCreated:")
    assert encoded != key
    assert unquote_plus(encoded) == key
    record = next(r for b in bodies for r in b.get("Records", []))
    assert record["s3"]["bucket"]["name"] == res.intake_bucket
    assert record["eventSource"] == "aws:s3"


def test_only_story_json_in_the_stories_bucket_notifies_the_checks_queue(
    aws_clients: AwsClients, created: CreatedResources
) -> None:
    res = created.resources
    rule = next(n for n in NOTIFICATIONS if n.queue == "checks")
    assert (rule.prefix, rule.suffix) == ("stories/", "/story.json")
    s3 = aws_clients.s3
    s3.put_object(Bucket=res.stories_bucket, Key="stories/s-1/v1/media/1-kettle.jpg", Body=b"jpg")
    s3.put_object(Bucket=res.stories_bucket, Key="stories/s-1/v1/findings.json", Body=b"{}")
    s3.put_object(Bucket=res.stories_bucket, Key="stories/s-1/v1/media/1-story.json", Body=b"{}")
    s3.put_object(Bucket=res.stories_bucket, Key="elsewhere/story.json", Body=b"{}")
    s3.put_object(Bucket=res.stories_bucket, Key="stories/s-1/v1/story.json", Body=b"{}")
    events = _object_events(_receive_all(aws_clients, created.queues["checks"].url))
    assert [unquote_plus(k) for _, k in events] == ["stories/s-1/v1/story.json"]
    assert _object_events(_receive_all(aws_clients, created.queues["intake"].url, wait_s=0)) == []


def test_a_message_received_too_often_moves_to_the_dlq(
    aws_clients: AwsClients, created: CreatedResources
) -> None:
    info = created.queues["publish"]
    max_receives = next(q.max_receive_count for q in QUEUES if q.key == "publish")
    aws_clients.sqs.send_message(QueueUrl=info.url, MessageBody=json.dumps({"story_id": "s-1", "version": 1}))
    for _ in range(max_receives):
        got = aws_clients.sqs.receive_message(QueueUrl=info.url, WaitTimeSeconds=1, VisibilityTimeout=0)
        assert len(got.get("Messages", [])) == 1  # a handler failed: not deleted, visible again at once
    assert aws_clients.sqs.receive_message(QueueUrl=info.url, WaitTimeSeconds=0).get("Messages", []) == []
    deadline = time.monotonic() + 5
    dead: list[dict[str, Any]] = []
    while not dead and time.monotonic() < deadline:
        dead = _receive_all(aws_clients, info.dlq_url, wait_s=1)
    assert dead == [{"story_id": "s-1", "version": 1}]
