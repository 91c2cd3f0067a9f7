"""moto's own process keeps a client's connection open between requests, as AWS does, and answers right."""

from __future__ import annotations

import http.client
import socket
from collections.abc import Iterator

import boto3
import pytest

from local.stack import start_moto_process

SIGNED = (
    "AWS4-HMAC-SHA256 Credential=local/20260101/eu-west-2/{}/aws4_request, SignedHeaders=host, Signature=x"
)


@pytest.fixture(scope="module")
def port() -> Iterator[int]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        free = int(s.getsockname()[1])
    stop = start_moto_process("127.0.0.1", free)
    try:
        yield free
    finally:
        stop()


def list_tables(conn: http.client.HTTPConnection) -> http.client.HTTPResponse:
    headers = {
        "X-Amz-Target": "DynamoDB_20120810.ListTables",
        "Content-Type": "application/x-amz-json-1.0",
        "Authorization": SIGNED.format("dynamodb"),
    }
    conn.request("POST", "/", body="{}", headers=headers)
    return conn.getresponse()


def test_requests_with_a_length_share_one_connection(port: int) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    first = list_tables(conn)
    assert (first.status, first.read(), first.getheader("Connection")) == (200, b'{"TableNames": []}', None)
    sock = conn.sock
    second = list_tables(conn)
    assert (second.status, second.read()) == (200, b'{"TableNames": []}')
    assert conn.sock is sock  # the same connection answered both
    conn.close()


def test_a_chunked_request_still_closes_its_connection(port: int) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {
        "X-Amz-Target": "DynamoDB_20120810.ListTables",
        "Content-Type": "application/x-amz-json-1.0",
        "Authorization": SIGNED.format("dynamodb"),
    }
    conn.request("POST", "/", body=iter([b"{", b"}"]), headers=headers, encode_chunked=True)
    resp = conn.getresponse()
    assert (resp.status, resp.getheader("Connection")) == (200, "close")
    conn.close()


def test_the_sdk_reads_and_writes_every_kind_of_call_on_kept_connections(port: int) -> None:
    kwargs = {
        "endpoint_url": f"http://127.0.0.1:{port}",
        "region_name": "eu-west-2",
        "aws_access_key_id": "local",
        "aws_secret_access_key": "local",
    }
    s3, sqs, db = (boto3.client(name, **kwargs) for name in ("s3", "sqs", "dynamodb"))  # type: ignore[call-overload]
    bucket = {"CreateBucketConfiguration": {"LocationConstraint": "eu-west-2"}}
    s3.create_bucket(Bucket="kept", **bucket)
    body = bytes(range(256)) * 1000
    for n in range(3):
        s3.put_object(Bucket="kept", Key=f"k{n}", Body=body)
        assert s3.get_object(Bucket="kept", Key=f"k{n}")["Body"].read() == body
    url = sqs.create_queue(QueueName="kept")["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody="hello")
    assert sqs.receive_message(QueueUrl=url, WaitTimeSeconds=1)["Messages"][0]["Body"] == "hello"
    db.create_table(
        TableName="kept",
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        BillingMode="PAY_PER_REQUEST",
    )
    db.put_item(TableName="kept", Item={"pk": {"S": "a"}, "n": {"N": "1"}})
    with pytest.raises(db.exceptions.ConditionalCheckFailedException):
        db.put_item(TableName="kept", Item={"pk": {"S": "a"}}, ConditionExpression="attribute_not_exists(pk)")
    assert db.get_item(TableName="kept", Key={"pk": {"S": "a"}})["Item"]["n"] == {"N": "1"}


def test_updates_and_refusals_answer_as_moto_does_without_headers_for_browsers(port: int) -> None:
    db = boto3.client(
        "dynamodb",
        endpoint_url=f"http://127.0.0.1:{port}",
        region_name="eu-west-2",
        aws_access_key_id="local",
        aws_secret_access_key="local",
    )
    db.create_table(
        TableName="updated",
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        BillingMode="PAY_PER_REQUEST",
    )
    key = {"pk": {"S": "a"}}
    for n in ("1", "2"):  # the same expression twice: the second must not keep the first's values
        db.update_item(
            TableName="updated",
            Key=key,
            UpdateExpression="SET #n = :n, #m = :m",
            ExpressionAttributeNames={"#n": "n", "#m": "m"},
            ExpressionAttributeValues={":n": {"N": n}, ":m": {"M": {"at": {"S": n}}}},
        )
    assert db.get_item(TableName="updated", Key=key)["Item"] == {
        "pk": {"S": "a"},
        "n": {"N": "2"},
        "m": {"M": {"at": {"S": "2"}}},
    }
    with pytest.raises(db.exceptions.ClientError) as refused:
        db.update_item(
            TableName="updated",
            Key=key,
            UpdateExpression="SET #n = :missing",
            ExpressionAttributeNames={"#n": "n"},
            ExpressionAttributeValues={":n": {"N": "3"}},
        )
    assert refused.value.response["Error"]["Code"] == "ValidationException"
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    answer = list_tables(conn)
    answer.read()
    assert answer.status == 200
    assert answer.getheader("Access-Control-Allow-Origin") is None  # nothing reaches moto from a page
    conn.close()
