"""The Real Stories stack: the Chalice functions and API, and everything Chalice cannot package.

Every name, queue, bucket and S3 → SQS notification comes from infra/definition.py, the same
definition local/aws_resources.py builds the local stack from, so the cloud and the laptop agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from aws_cdk import (
    Aws,
    CfnOutput,
    CfnResource,
    Duration,
    Fn,
    RemovalPolicy,
    SecretValue,
    Stack,
)
from aws_cdk import aws_cloudfront as cloudfront
from aws_cdk import aws_cloudfront_origins as origins
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_iam as iam
from aws_cdk import aws_logs as logs
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_secretsmanager as secretsmanager
from aws_cdk import aws_ses as ses
from aws_cdk import aws_ses_actions as ses_actions
from aws_cdk import aws_sqs as sqs
from constructs import Construct, IDependable

from infra import definition as d
from infra.chalice_app import ChaliceApp, PackagedFunction
from infra.monitoring import Monitoring

# What each handler may touch beyond what every function gets (the table, the rules file, sending to
# the pipeline's queues). Names are those of app.py's functions; "api_handler" serves every route.
# A handler missing here gets only the common grants, so a new one fails closed, visibly, in its logs.
ACCESS: Mapping[str, frozenset[str]] = {
    "api_handler": frozenset(
        {"intake:read", "intake:write", "stories:read", "stories:write", "secret:link-signing-key"}
    ),
    "on_intake": frozenset(
        {"intake:read", "intake:write", "stories:read", "stories:write", "secret:link-signing-key"}
    ),
    "on_check": frozenset({"stories:read", "stories:write"}),
    "on_notify": frozenset({"stories:read", "mail", "secret:link-signing-key"}),
    # Every channel's credentials, but not the key that signs approval links.
    "on_publish": frozenset({"stories:read", "blog:write", "mail", "secrets:channels"}),
    "on_schedule": frozenset(),
}
LINK_KEY_SECRET = "link-signing-key"  # noqa: S105 (a secret's name, not its value)

LOG_RETENTION = logs.RetentionDays.THREE_MONTHS


def _cfn(construct: Construct) -> CfnResource:
    child = construct.node.default_child
    assert isinstance(child, CfnResource)
    return child


@dataclass(frozen=True)
class StackSettings:
    """Per-deployment choices, from CDK context (see cdk.json and docs/deploy.md)."""

    stage: str = "dev"
    prefix: str = "real-stories-dev"
    submission_address: str = "stories@example.gov.uk"
    sender_domain: str = "example.gov.uk"
    public_base_url: str = ""  # e.g. https://stories.example.gov.uk; default: the API Gateway URL
    ops_email: str = ""
    raw_retention_days: int = d.DEFAULT_RAW_RETENTION_DAYS
    rejected_retention_days: int = d.DEFAULT_REJECTED_RETENTION_DAYS
    scratch_dir: Path = field(default_factory=lambda: Path("cdk.out"))


class RealStoriesStack(Stack):
    """One deployment (a Chalice stage). The construct id must be the Chalice stage name, because the
    Chalice construct reads its stage from its scope: per-function settings in .chalice/config.json
    (the publish timeout) then apply."""

    def __init__(self, scope: Construct, settings: StackSettings) -> None:
        super().__init__(
            scope,
            settings.stage,
            stack_name=settings.prefix,
            description="Real Stories: staff stories checked, approved by email and published",
        )
        self.settings = settings
        self.res = d.Resources(settings.prefix)

        self.buckets = self._buckets()
        self.queues, self.dlqs = self._queues()
        self._notifications()
        self.table = self._table()
        self.secrets = self._secrets()
        self.receipt_rule_set = self._ses_receipt()
        self.distribution = self._blog_distribution()
        self.app = self._chalice()
        self.function_names = self._wire_functions()
        self.monitoring = Monitoring(
            self,
            "Monitoring",
            prefix=settings.prefix,
            queues=self.queues,
            dlqs=self.dlqs,
            function_names=self.function_names,
            ops_email=settings.ops_email,
        )
        self._outputs()

    # --- storage -------------------------------------------------------------------------------------

    def _lifecycle(self, key: str) -> list[s3.LifecycleRule]:
        s = self.settings
        rules = [
            s3.LifecycleRule(
                id="abort-incomplete-uploads", abort_incomplete_multipart_upload_after=Duration.days(7)
            ),
            s3.LifecycleRule(
                id="delete-rejected-submissions",
                tag_filters={d.REJECTED_TAG_KEY: d.REJECTED_TAG_VALUE},
                expiration=Duration.days(s.rejected_retention_days),
                noncurrent_version_expiration=Duration.days(1),
            ),
        ]
        if key == "intake":
            rules.append(
                s3.LifecycleRule(
                    id="delete-raw-submissions",
                    prefix=d.RAW_PREFIX,
                    expiration=Duration.days(s.raw_retention_days),
                    noncurrent_version_expiration=Duration.days(1),
                )
            )
        else:
            # Replaced pages and story files are history nobody reads after a month.
            rules.append(
                s3.LifecycleRule(id="expire-old-versions", noncurrent_version_expiration=Duration.days(30))
            )
        return rules

    def _buckets(self) -> dict[str, s3.Bucket]:
        out: dict[str, s3.Bucket] = {}
        for key in d.BUCKETS:
            out[key] = s3.Bucket(
                self,
                f"{key.capitalize()}Bucket",
                bucket_name=self.res.bucket(key),
                encryption=s3.BucketEncryption.S3_MANAGED,
                versioned=True,
                block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
                object_ownership=s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
                enforce_ssl=True,
                lifecycle_rules=self._lifecycle(key),
                # Stories and their audit trail outlive the stack.
                removal_policy=RemovalPolicy.RETAIN,
            )
        return out

    def _queues(self) -> tuple[dict[str, sqs.Queue], dict[str, sqs.Queue]]:
        queues: dict[str, sqs.Queue] = {}
        dlqs: dict[str, sqs.Queue] = {}
        for q in d.QUEUES:
            name = q.key.capitalize()
            dlq = sqs.Queue(
                self,
                f"{name}Dlq",
                queue_name=self.res.dlq(q.key),
                retention_period=Duration.seconds(d.DLQ_RETENTION_S),
                encryption=sqs.QueueEncryption.SQS_MANAGED,
                enforce_ssl=True,
            )
            queues[q.key] = sqs.Queue(
                self,
                f"{name}Queue",
                queue_name=self.res.queue(q.key),
                visibility_timeout=Duration.seconds(q.visibility_timeout_s),
                retention_period=Duration.seconds(d.QUEUE_RETENTION_S),
                encryption=sqs.QueueEncryption.SQS_MANAGED,
                enforce_ssl=True,
                dead_letter_queue=sqs.DeadLetterQueue(queue=dlq, max_receive_count=q.max_receive_count),
            )
            dlqs[q.key] = dlq
        return queues, dlqs

    def _bucket_arn(self, key: str) -> str:
        # Built from the name, not a reference: the bucket's notification configuration depends on
        # this queue policy, so the policy must not depend on the bucket.
        return f"arn:{Aws.PARTITION}:s3:::{self.res.bucket(key)}"

    def _notifications(self) -> None:
        """S3 → SQS as plain bucket properties (no custom resource, so no broad S3 permission for one)."""
        sources: dict[str, set[str]] = {}
        for n in d.NOTIFICATIONS:
            sources.setdefault(n.queue, set()).add(n.bucket)
        policies: dict[str, IDependable] = {}
        for queue_key, bucket_keys in sources.items():
            queue = self.queues[queue_key]
            added = queue.add_to_resource_policy(
                iam.PolicyStatement(
                    sid="AllowS3Notifications",
                    principals=[iam.ServicePrincipal("s3.amazonaws.com")],
                    actions=["sqs:SendMessage"],
                    resources=[queue.queue_arn],
                    conditions={
                        "ArnLike": {"aws:SourceArn": [self._bucket_arn(b) for b in sorted(bucket_keys)]},
                        "StringEquals": {"aws:SourceAccount": Aws.ACCOUNT_ID},
                    },
                )
            )
            if added.policy_dependable is not None:
                policies[queue_key] = added.policy_dependable
        by_bucket: dict[str, list[s3.CfnBucket.QueueConfigurationProperty]] = {}
        for n in d.NOTIFICATIONS:
            rules = [s3.CfnBucket.FilterRuleProperty(name="prefix", value=n.prefix)]
            if n.suffix:
                rules.append(s3.CfnBucket.FilterRuleProperty(name="suffix", value=n.suffix))
            by_bucket.setdefault(n.bucket, []).append(
                s3.CfnBucket.QueueConfigurationProperty(
                    event="s3:ObjectCreated:*",
                    queue=self.queues[n.queue].queue_arn,
                    filter=s3.CfnBucket.NotificationFilterProperty(
                        s3_key=s3.CfnBucket.S3KeyFilterProperty(rules=rules)
                    ),
                )
            )
        for bucket_key, configs in by_bucket.items():
            cfn_bucket = self.buckets[bucket_key].node.default_child
            assert isinstance(cfn_bucket, s3.CfnBucket)
            cfn_bucket.notification_configuration = s3.CfnBucket.NotificationConfigurationProperty(
                queue_configurations=configs
            )
            # S3 checks it may send to each queue when the configuration is set.
            for n in d.NOTIFICATIONS:
                if n.bucket == bucket_key and n.queue in policies:
                    cfn_bucket.node.add_dependency(policies[n.queue])

    def _table(self) -> dynamodb.Table:
        return dynamodb.Table(
            self,
            "StoriesTable",
            table_name=self.res.table,
            partition_key=dynamodb.Attribute(name=d.TABLE_PARTITION_KEY, type=dynamodb.AttributeType.STRING),
            sort_key=dynamodb.Attribute(name=d.TABLE_SORT_KEY, type=dynamodb.AttributeType.STRING),
            billing_mode=dynamodb.BillingMode.PAY_PER_REQUEST,
            time_to_live_attribute=d.TABLE_TTL_ATTRIBUTE,
            point_in_time_recovery_specification=dynamodb.PointInTimeRecoverySpecification(
                point_in_time_recovery_enabled=True
            ),
            encryption=dynamodb.TableEncryption.AWS_MANAGED,
            deletion_protection=True,
            removal_policy=RemovalPolicy.RETAIN,
        )

    def _secrets(self) -> dict[str, secretsmanager.Secret]:
        # Created holding an empty JSON object: the values are set by a person (docs/deploy.md), never
        # generated into or read from code. The app refuses to run on the placeholder.
        return {
            key: secretsmanager.Secret(
                self,
                "Secret" + "".join(p.capitalize() for p in key.split("-")),
                secret_name=self.res.secret(key),
                description=f"Real Stories {key}; set its value as docs/deploy.md says",
                secret_string_value=SecretValue.unsafe_plain_text("{}"),
            )
            for key in d.SECRETS
        }

    # --- mail in, blog out -----------------------------------------------------------------------------

    def _ses_receipt(self) -> ses.ReceiptRuleSet:
        rule_set = ses.ReceiptRuleSet(
            self, "ReceiptRuleSet", receipt_rule_set_name=f"{self.settings.prefix}-intake"
        )
        rule_set.add_rule(
            "StoreSubmissions",
            receipt_rule_name=f"{self.settings.prefix}-store-submissions",
            recipients=[self.settings.submission_address],
            # Spam and virus verdicts are added as X-SES-* headers to the stored message, not acted on
            # here: ingest decides, and every raw submission is kept for the audit.
            scan_enabled=True,
            tls_policy=ses.TlsPolicy.REQUIRE,
            enabled=True,
            actions=[ses_actions.S3(bucket=self.buckets["intake"], object_key_prefix=d.EMAIL_PREFIX)],
        )
        return rule_set

    def _blog_distribution(self) -> cloudfront.Distribution:
        # Blog pages live at stories/<id>/index.html and are linked as stories/<id>/.
        index_rewrite = cloudfront.Function(
            self,
            "BlogIndexRewrite",
            function_name=f"{self.settings.prefix}-blog-index",
            runtime=cloudfront.FunctionRuntime.JS_2_0,
            code=cloudfront.FunctionCode.from_inline(
                "function handler(event) {\n"
                "  var r = event.request;\n"
                "  if (r.uri.endsWith('/')) { r.uri += 'index.html'; }\n"
                "  return r;\n"
                "}\n"
            ),
        )
        return cloudfront.Distribution(
            self,
            "BlogDistribution",
            comment=f"{self.settings.prefix} blog",
            default_root_object="index.html",
            minimum_protocol_version=cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
            default_behavior=cloudfront.BehaviorOptions(
                origin=origins.S3BucketOrigin.with_origin_access_control(self.buckets["blog"]),
                viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
                response_headers_policy=cloudfront.ResponseHeadersPolicy.SECURITY_HEADERS,
                function_associations=[
                    cloudfront.FunctionAssociation(
                        function=index_rewrite, event_type=cloudfront.FunctionEventType.VIEWER_REQUEST
                    )
                ],
            ),
        )

    # --- functions ---------------------------------------------------------------------------------------

    def _chalice(self) -> ChaliceApp:
        env = {
            "RESOURCE_PREFIX": self.settings.prefix,
            "POWERTOOLS_SERVICE_NAME": d.METRICS_SERVICE,
            "POWERTOOLS_METRICS_NAMESPACE": d.METRICS_NAMESPACE,
        }
        if self.settings.public_base_url:
            env["PUBLIC_BASE_URL"] = self.settings.public_base_url.rstrip("/")
        return ChaliceApp(
            self,
            "ChaliceApp",
            scratch_dir=self.settings.scratch_dir,
            stage_config={
                "environment_variables": env,
                # Roles are made below, one per function; Chalice's own policy analysis is not used.
                "manage_iam_role": False,
                "iam_role_arn": f"arn:{Aws.PARTITION}:iam::{Aws.ACCOUNT_ID}:role/replaced-per-function",
                "autogen_policy": False,
                # Dependencies go in a layer cached by requirements.txt, so a code change packages fast.
                "automatic_layer": True,
                "xray": True,
            },
        )

    def _function_name(self, fn: PackagedFunction) -> str:
        return f"{self.settings.prefix}-{fn.handler}"

    def _wire_functions(self) -> dict[str, str]:
        names: dict[str, str] = {}
        by_queue_name = {self.res.queue(q.key): q.key for q in d.QUEUES}
        for fn in self.app.functions:
            cfn = self.app.function_resource(fn)
            name = self._function_name(fn)
            names[fn.handler] = name
            cfn.add_property_override("FunctionName", name)
            log_group = logs.LogGroup(
                self,
                f"{fn.logical_id}Logs",
                log_group_name=f"/aws/lambda/{name}",
                retention=LOG_RETENTION,
                removal_policy=RemovalPolicy.DESTROY,
            )
            consumes = [by_queue_name[q] for q in fn.sqs_queue_names if q in by_queue_name]
            role = self._role(fn, log_group, consumes)
            cfn.add_property_override("Role", role.role_arn)
            cfn.add_resource_dependency(_cfn(log_group))
            # The event source is checked against the role's policy when it is created, so the policy
            # (not only the role, which the Role property already waits for) must exist first.
            policy = role.node.try_find_child("DefaultPolicy")
            if policy is not None:
                cfn.node.add_dependency(policy)
            for event in fn.sqs_events:
                # Chalice never asks for partial batch responses; without this, one bad record would
                # make Lambda retry the whole batch.
                cfn.add_property_override(
                    f"Events.{event}.Properties.FunctionResponseTypes", ["ReportBatchItemFailures"]
                )
            for key in consumes:
                # Lambda rejects an event source whose queue hides messages for less than a run takes.
                visibility = next(q.visibility_timeout_s for q in d.QUEUES if q.key == key)
                if fn.timeout_s > visibility:
                    raise ValueError(f"{fn.handler}: timeout {fn.timeout_s}s exceeds {key}'s visibility")
                cfn.add_resource_dependency(_cfn(self.queues[key]))
            if not self.settings.public_base_url and fn.handler != "api_handler":
                # Links in emails point at the API. The API's own function cannot be given its URL (a
                # cycle: the API refers to the function), which is one reason to set public_base_url.
                cfn.add_property_override(
                    "Environment.Variables.PUBLIC_BASE_URL",
                    Fn.sub("https://${RestAPI}.execute-api.${AWS::Region}.${AWS::URLSuffix}/api"),
                )
        return names

    def _role(self, fn: PackagedFunction, log_group: logs.LogGroup, consumes: Iterable[str]) -> iam.Role:
        grants = ACCESS.get(fn.handler, frozenset())
        role = iam.Role(
            self,
            f"{fn.logical_id}Role",
            assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"),
            description=f"Real Stories {fn.handler}",
        )

        def allow(actions: list[str], resources: list[str]) -> None:
            role.add_to_policy(iam.PolicyStatement(actions=actions, resources=resources))

        allow(["logs:CreateLogStream", "logs:PutLogEvents"], [log_group.log_group_arn])
        # X-Ray accepts no resource narrower than this.
        allow(["xray:PutTraceSegments", "xray:PutTelemetryRecords"], ["*"])

        table = self.table.table_arn
        allow(
            [
                "dynamodb:GetItem",
                "dynamodb:PutItem",
                "dynamodb:UpdateItem",
                "dynamodb:DeleteItem",
                "dynamodb:ConditionCheckItem",
                "dynamodb:Query",
                "dynamodb:Scan",
            ],
            [table, f"{table}/index/*"],
        )
        intake, stories, blog = (self.buckets[k] for k in ("intake", "stories", "blog"))
        allow(["s3:GetObject"], [intake.arn_for_objects(d.RULES_KEY)])
        # Parking a message sends it to the stage's own DLQ; every stage may hand work to the next.
        allow(
            ["sqs:SendMessage", "sqs:GetQueueUrl"],
            [q.queue_arn for q in self.queues.values()] + [q.queue_arn for q in self.dlqs.values()],
        )
        for key in consumes:
            allow(
                [
                    "sqs:ReceiveMessage",
                    "sqs:DeleteMessage",
                    "sqs:ChangeMessageVisibility",
                    "sqs:GetQueueAttributes",
                ],
                [self.queues[key].queue_arn],
            )
        if "intake:read" in grants:
            allow(["s3:GetObject", "s3:GetObjectVersion"], [intake.arn_for_objects(f"{d.RAW_PREFIX}*")])
        if "intake:write" in grants:
            allow(["s3:PutObject", "s3:PutObjectTagging"], [intake.arn_for_objects(f"{d.RAW_PREFIX}*")])
        if "stories:read" in grants:
            allow(["s3:GetObject"], [stories.arn_for_objects("*")])
            allow(["s3:ListBucket"], [stories.bucket_arn])
        if "stories:write" in grants:
            allow(["s3:PutObject", "s3:PutObjectTagging"], [stories.arn_for_objects("*")])
        if "blog:write" in grants:
            allow(["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], [blog.arn_for_objects("*")])
            allow(["s3:ListBucket"], [blog.bucket_arn])
        if "mail" in grants:
            allow(
                ["ses:SendEmail", "ses:SendRawEmail"],
                [
                    f"arn:{Aws.PARTITION}:ses:{Aws.REGION}:{Aws.ACCOUNT_ID}:identity/{self.settings.sender_domain}",
                ],
            )
        for key, secret in self.secrets.items():
            if f"secret:{key}" in grants or ("secrets:channels" in grants and key != LINK_KEY_SECRET):
                allow(["secretsmanager:GetSecretValue"], [secret.secret_arn])
        return role

    def _outputs(self) -> None:
        CfnOutput(self, "BlogUrl", value=f"https://{self.distribution.distribution_domain_name}/")
        CfnOutput(self, "ReceiptRuleSetName", value=self.receipt_rule_set.receipt_rule_set_name)
        CfnOutput(self, "OpsTopicArn", value=self.monitoring.topic.topic_arn)
        # The API's URL is Chalice's own EndpointURL output.
