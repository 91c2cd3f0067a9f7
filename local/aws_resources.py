"""Create Real Stories' AWS resources from chalicelib/definition.py, for the local stack and tests.

The CDK app reads the same definitions, so bucket, queue and table names, DLQ redrive and the
S3 → SQS notification rules cannot drift between the laptop and the cloud. Every step tolerates
"already exists", so calling this twice is safe (a restarted stack, a shared test server).
Secret values come from the caller only: nothing secret has a default here.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from botocore.exceptions import ClientError

from chalicelib.definition import (
    BUCKETS,
    NOTIFICATIONS,
    QUEUES,
    TABLE_PARTITION_KEY,
    TABLE_SORT_KEY,
    TABLE_TTL_ATTRIBUTE,
    QueueDef,
    Resources,
)

if TYPE_CHECKING:
    import boto3
    from mypy_boto3_dynamodb import DynamoDBClient
    from mypy_boto3_s3 import S3Client
    from mypy_boto3_s3.literals import BucketLocationConstraintType
    from mypy_boto3_s3.type_defs import FilterRuleTypeDef, QueueConfigurationTypeDef
    from mypy_boto3_sesv2 import SESV2Client
    from mypy_boto3_sqs import SQSClient
    from mypy_boto3_sqs.literals import QueueAttributeNameType
    from mypy_boto3_ssm import SSMClient

DLQ_RETENTION_S = 14 * 24 * 3600  # the longest SQS allows: time for a person to look
QUEUE_RETENTION_S = 4 * 24 * 3600


@dataclass(frozen=True)
class AwsClients:
    s3: S3Client
    sqs: SQSClient
    dynamodb: DynamoDBClient
    ssm: SSMClient
    sesv2: SESV2Client

    @classmethod
    def from_session(cls, session: boto3.session.Session, **client_kwargs: Any) -> AwsClients:
        return cls(
            s3=session.client("s3", **client_kwargs),
            sqs=session.client("sqs", **client_kwargs),
            dynamodb=session.client("dynamodb", **client_kwargs),
            ssm=session.client("ssm", **client_kwargs),
            sesv2=session.client("sesv2", **client_kwargs),
        )


@dataclass(frozen=True)
class QueueInfo:
    url: str
    arn: str
    dlq_url: str
    dlq_arn: str


@dataclass(frozen=True)
class CreatedResources:
    """What was created, by key, for callers that need URLs or ARNs (the queue pumps, tests)."""

    resources: Resources
    queues: Mapping[str, QueueInfo] = field(default_factory=dict)
    secret_names: Mapping[str, str] = field(default_factory=dict)  # key → SSM parameter name


def _code(e: ClientError) -> str:
    return str(e.response.get("Error", {}).get("Code", ""))


def _queue_arn(sqs: SQSClient, url: str) -> str:
    return sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]


def _ensure_queue(sqs: SQSClient, name: str, attributes: Mapping[QueueAttributeNameType, str]) -> str:
    try:
        return sqs.create_queue(QueueName=name, Attributes=dict(attributes))["QueueUrl"]
    except ClientError as e:
        if _code(e) not in {"QueueAlreadyExists", "QueueNameExists", "QueueDeletedRecently"}:
            raise
    # Same name, different attributes (a changed definition): bring the queue in line.
    url = sqs.get_queue_url(QueueName=name)["QueueUrl"]
    sqs.set_queue_attributes(QueueUrl=url, Attributes=dict(attributes))
    return url


def _create_queues(sqs: SQSClient, res: Resources, defs: Sequence[QueueDef]) -> dict[str, QueueInfo]:
    out: dict[str, QueueInfo] = {}
    for q in defs:
        dlq_url = _ensure_queue(sqs, res.dlq(q.key), {"MessageRetentionPeriod": str(DLQ_RETENTION_S)})
        dlq_arn = _queue_arn(sqs, dlq_url)
        redrive = json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": str(q.max_receive_count)})
        url = _ensure_queue(
            sqs,
            res.queue(q.key),
            {
                "VisibilityTimeout": str(q.visibility_timeout_s),
                "MessageRetentionPeriod": str(QUEUE_RETENTION_S),
                "RedrivePolicy": redrive,
            },
        )
        out[q.key] = QueueInfo(url=url, arn=_queue_arn(sqs, url), dlq_url=dlq_url, dlq_arn=dlq_arn)
    return out


def _create_buckets(s3: S3Client, res: Resources) -> None:
    region = s3.meta.region_name
    for key in BUCKETS:
        name = res.bucket(key)
        try:
            if region == "us-east-1":
                s3.create_bucket(Bucket=name)
            else:
                s3.create_bucket(
                    Bucket=name,
                    CreateBucketConfiguration={
                        "LocationConstraint": cast("BucketLocationConstraintType", region)
                    },
                )
        except ClientError as e:
            if _code(e) != "BucketAlreadyOwnedByYou":
                raise
        s3.put_bucket_encryption(
            Bucket=name,
            ServerSideEncryptionConfiguration={
                "Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]
            },
        )
        s3.put_public_access_block(
            Bucket=name,
            PublicAccessBlockConfiguration={
                "BlockPublicAcls": True,
                "IgnorePublicAcls": True,
                "BlockPublicPolicy": True,
                "RestrictPublicBuckets": True,
            },
        )


def _wire_notifications(
    s3: S3Client, sqs: SQSClient, res: Resources, queues: Mapping[str, QueueInfo]
) -> None:
    # S3 may only send to a queue whose policy allows the bucket: one policy per queue, all its buckets.
    sources: dict[str, list[str]] = {}
    for n in NOTIFICATIONS:
        sources.setdefault(n.queue, []).append(f"arn:aws:s3:::{res.bucket(n.bucket)}")
    for queue_key, bucket_arns in sources.items():
        policy = {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "AllowS3Notifications",
                    "Effect": "Allow",
                    "Principal": {"Service": "s3.amazonaws.com"},
                    "Action": "sqs:SendMessage",
                    "Resource": queues[queue_key].arn,
                    "Condition": {"ArnLike": {"aws:SourceArn": sorted(set(bucket_arns))}},
                }
            ],
        }
        sqs.set_queue_attributes(QueueUrl=queues[queue_key].url, Attributes={"Policy": json.dumps(policy)})

    by_bucket: dict[str, list[QueueConfigurationTypeDef]] = {}
    for n in NOTIFICATIONS:
        rules: list[FilterRuleTypeDef] = [{"Name": "prefix", "Value": n.prefix}]
        if n.suffix:
            rules.append({"Name": "suffix", "Value": n.suffix})
        by_bucket.setdefault(n.bucket, []).append(
            {
                "Id": f"{n.bucket}-to-{n.queue}",
                "QueueArn": queues[n.queue].arn,
                "Events": ["s3:ObjectCreated:*"],
                "Filter": {"Key": {"FilterRules": rules}},
            }
        )
    for bucket_key, configs in by_bucket.items():
        # A put replaces the whole configuration, which is what makes this step idempotent.
        s3.put_bucket_notification_configuration(
            Bucket=res.bucket(bucket_key),
            NotificationConfiguration={"QueueConfigurations": configs},
        )


def _create_table(db: DynamoDBClient, res: Resources) -> None:
    try:
        db.create_table(
            TableName=res.table,
            AttributeDefinitions=[
                {"AttributeName": TABLE_PARTITION_KEY, "AttributeType": "S"},
                {"AttributeName": TABLE_SORT_KEY, "AttributeType": "S"},
            ],
            KeySchema=[
                {"AttributeName": TABLE_PARTITION_KEY, "KeyType": "HASH"},
                {"AttributeName": TABLE_SORT_KEY, "KeyType": "RANGE"},
            ],
            BillingMode="PAY_PER_REQUEST",
        )
    except ClientError as e:
        if _code(e) != "ResourceInUseException":
            raise
    db.get_waiter("table_exists").wait(TableName=res.table, WaiterConfig={"Delay": 1, "MaxAttempts": 60})
    ttl = db.describe_time_to_live(TableName=res.table)["TimeToLiveDescription"]
    # Enabling TTL twice is an error in DynamoDB, so only ask when it is not already on.
    if (
        ttl.get("TimeToLiveStatus") not in {"ENABLED", "ENABLING"}
        or ttl.get("AttributeName") != TABLE_TTL_ATTRIBUTE
    ):
        db.update_time_to_live(
            TableName=res.table,
            TimeToLiveSpecification={"Enabled": True, "AttributeName": TABLE_TTL_ATTRIBUTE},
        )


def _put_secrets(ssm: SSMClient, res: Resources, values: Mapping[str, str]) -> dict[str, str]:
    """Each secret as a SecureString parameter (the AWS-managed key), as docs/deploy.md sets them."""
    names: dict[str, str] = {}
    for key, value in values.items():
        names[key] = res.secret(key)
        ssm.put_parameter(Name=names[key], Value=value, Type="SecureString", Overwrite=True, Tier="Standard")
    return names


def _verify_senders(ses: SESV2Client, identities: Sequence[str]) -> None:
    for identity in identities:
        try:
            ses.create_email_identity(EmailIdentity=identity)
        except ClientError as e:
            if _code(e) != "AlreadyExistsException":
                raise


def create_resources(
    session_or_clients: boto3.session.Session | AwsClients,
    res: Resources,
    *,
    secrets: Mapping[str, str] | None = None,
    sender_domains: Sequence[str] = (),
    queue_overrides: Mapping[str, QueueDef] | None = None,
) -> CreatedResources:
    """Create or update the buckets, queues + DLQs, notifications, table, secrets and SES identities.

    ``secrets`` maps a secret key from chalicelib.definition.SECRETS (e.g. ``link-signing-key``) to its value;
    only the given secrets are written. ``sender_domains`` are SES identities (domains or addresses)
    to verify, so that mail from them is accepted. ``queue_overrides`` replaces a queue's definition
    by key (tests shorten visibility timeouts and receive counts).
    """
    clients = (
        session_or_clients
        if isinstance(session_or_clients, AwsClients)
        else AwsClients.from_session(session_or_clients)
    )
    overrides = dict(queue_overrides or {})
    unknown = set(overrides) - {q.key for q in QUEUES}
    if unknown:
        raise ValueError(f"queue_overrides names unknown queues: {sorted(unknown)}")
    defs = [overrides.get(q.key, q) for q in QUEUES]

    _create_buckets(clients.s3, res)
    queues = _create_queues(clients.sqs, res, defs)
    _wire_notifications(clients.s3, clients.sqs, res, queues)
    _create_table(clients.dynamodb, res)
    names = _put_secrets(clients.ssm, res, secrets or {})
    _verify_senders(clients.sesv2, sender_domains)
    return CreatedResources(resources=res, queues=queues, secret_names=names)
