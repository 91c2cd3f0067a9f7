"""Checkov findings the stack accepts, each written beside its resource with the reason.

checkov (tests/infra/test_scanner.py) reads ``Metadata.checkov.skip`` on a resource as a suppression. Every
one is added through ``skip`` below, which refuses an empty reason; the reasons shared by many resources
are named here so they read the same everywhere. docs/deploy.md summarises them.
"""

from __future__ import annotations

from typing import Any

from aws_cdk import CfnResource
from constructs import Construct

# --- reasons shared by several resources ----------------------------------------------------------------

NO_CMK = (
    "Encrypted at rest with an AWS-managed key; a customer-managed KMS key adds $1/month a key and a key "
    "policy to keep right, and is only needed to share the data across accounts, which nothing here does."
)
SQS_MANAGED_SSE = (
    "Encrypted at rest with SQS-managed SSE (SqsManagedSseEnabled); checkov only accepts KmsMasterKeyId. "
    "S3 cannot send event notifications to a queue encrypted with the AWS-managed aws/sqs key, and a "
    "customer-managed key would cost $1/month for no gain."
)
LOGS_DEFAULT_ENCRYPTION = (
    "CloudWatch Logs encrypts every log group at rest by default; a customer-managed KMS key would cost "
    "$1/month and need a key policy for the logs service. No secrets are logged."
)
NO_VPC = (
    "The function calls only AWS APIs and public HTTPS services (X, Mastodon, Bluesky, WordPress); a VPC "
    "would add NAT gateways (about $35/month each) and protect nothing, as there is no private resource."
)
ENV_HOLDS_NO_SECRETS = (
    "The environment holds names, a URL and log settings, never a secret (secrets are read from Secrets "
    "Manager at run time); Lambda encrypts the environment at rest with an AWS-managed key."
)
QUEUE_FED_NO_DLQ = (
    "Invoked synchronously by an SQS event source mapping, so a Lambda DLQ (for asynchronous invocations) "
    "would never be used: a failing message goes to the queue's own redrive DLQ, which raises an alarm."
)
API_NO_DLQ = (
    "Invoked synchronously by API Gateway: the caller gets the error at once and the errors alarm fires; "
    "a Lambda DLQ only serves asynchronous invocations."
)
SCHEDULE_NO_DLQ = (
    "Run every 5 minutes by a schedule; the sweep is idempotent and the next run redoes whatever a failed "
    "run missed, so an event kept in a DLQ would never need replaying. Failures raise the errors alarm."
)


def skip(resource: Construct, check_id: str, reason: str) -> None:
    """Suppress checkov's ``check_id`` on ``resource`` (an L1 resource or an L2 construct), with a reason."""
    if not check_id.startswith("CKV"):
        raise ValueError(f"not a checkov check id: {check_id!r}")
    if not reason.strip():
        raise ValueError(f"{check_id}: a suppression needs a reason")
    cfn = resource if isinstance(resource, CfnResource) else resource.node.default_child
    if not isinstance(cfn, CfnResource):
        raise TypeError(f"{resource.node.path} has no CloudFormation resource to annotate")
    meta: Any = cfn.get_metadata("checkov") or {}
    skips = [s for s in meta.get("skip", []) if s["id"] != check_id]
    skips.append({"id": check_id, "comment": reason.strip()})
    cfn.add_metadata("checkov", {"skip": skips})
