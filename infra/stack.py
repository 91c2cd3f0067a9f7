"""The Real Stories stack: the Chalice functions and API, and everything Chalice cannot package.

Every name, queue, bucket and S3 → SQS notification comes from chalicelib/definition.py, the same
definition local/aws_resources.py builds the local stack from, so the cloud and the laptop agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aws_cdk import (
    Aws,
    CfnOutput,
    CfnResource,
    Duration,
    Fn,
    RemovalPolicy,
    Stack,
)
from aws_cdk import aws_apigateway as apigateway
from aws_cdk import aws_certificatemanager as acm
from aws_cdk import aws_cloudfront as cloudfront
from aws_cdk import aws_cloudfront_origins as origins
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_iam as iam
from aws_cdk import aws_logs as logs
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_ses as ses
from aws_cdk import aws_ses_actions as ses_actions
from aws_cdk import aws_sqs as sqs
from constructs import Construct, IDependable

from chalicelib import definition as d
from infra.chalice_app import ChaliceApp, PackagedFunction
from infra.inspect_image import IMAGE_HANDLERS, inspect_image, run_from_image
from infra.monitoring import Monitoring
from infra.suppressions import (
    API_NO_DLQ,
    ENV_HOLDS_NO_SECRETS,
    LOGS_DEFAULT_ENCRYPTION,
    NO_CMK,
    NO_VPC,
    QUEUE_FED_NO_DLQ,
    SCHEDULE_NO_DLQ,
    SQS_MANAGED_SSE,
    skip,
)

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
    # Reads a version's photos, writes what it saw beside them (photos.json).
    "on_inspect": frozenset({"stories:read", "stories:write"}),
    "on_notify": frozenset({"stories:read", "mail", "secret:link-signing-key"}),
    # Every channel's credentials, but not the key that signs approval links.
    "on_publish": frozenset({"stories:read", "blog:write", "mail", "secrets:channels"}),
    # The sweep counts what waits in the DLQs, for the needs-attention alarm (infra/monitoring.py).
    "on_schedule": frozenset({"dlqs:depth"}),
}
LINK_KEY_SECRET = "link-signing-key"  # noqa: S105 (a secret's name, not its value)

LOG_RETENTION = logs.RetentionDays.THREE_MONTHS
# S3 server access logs and CloudFront logs are kept as long as the functions' logs.
ACCESS_LOG_RETENTION_DAYS = 90

# The most runs of each function at once, so that a loop that keeps making work (a mail loop, a bug that
# re-queues a story) or a flood of requests costs at most this many functions' time. The API's function
# gets the API's burst limit instead (see StackSettings), so an excess is refused by API Gateway with a
# 429 rather than by Lambda with a 5xx. SQS-fed functions get the same number as their event source's
# maximum concurrency, so SQS is never throttled (a throttled batch counts as a receive and can end in
# the DLQ). SQS's smallest maximum concurrency is 2.
CONCURRENCY: Mapping[str, int] = {
    "on_intake": 5,
    "on_check": 5,
    "on_inspect": 2,  # seconds of CPU and ~600 MB a photo: photos wait in the queue rather than run wide
    "on_notify": 5,
    # Channels limit posting, a post costs money on some, and a loop here would post again and again.
    "on_publish": 2,
    "on_schedule": 1,  # one sweep at a time
}
DEFAULT_CONCURRENCY = 2  # a handler added to app.py later, until it is given its own number

# How Chalice packages the app, over .chalice/config.json's stage. tests/infra/test_package.py packages
# with the same settings, so the package it imports is the one deployed.
CHALICE_PACKAGING: Mapping[str, Any] = {
    # Roles are made below, one per function; Chalice's own policy analysis is not used. The role ARN
    # Chalice then needs is a placeholder, replaced on every function.
    "manage_iam_role": False,
    "autogen_policy": False,
    # Dependencies go in a layer cached by requirements.txt, so a code change packages fast.
    "automatic_layer": True,
    "xray": True,
}

# The whole API, all clients together: far above what staff and approvers need, far below a bill.
DEFAULT_API_RATE_LIMIT = 10  # requests per second, sustained
DEFAULT_API_BURST_LIMIT = 20  # requests at once
# The access log: no query strings, headers or bodies (approval links carry signed tokens), and the
# route's template, not the path as sent.
API_ACCESS_LOG_FORMAT = apigateway.AccessLogFormat.json_with_standard_fields(
    caller=False,
    http_method=True,
    ip=True,
    protocol=True,
    request_time=True,
    resource_path=True,
    response_length=True,
    status=True,
    user=False,
).to_string()


def log_bucket_name(prefix: str) -> str:
    """The access-log bucket: cloud-only, so not in chalicelib/definition.py (the local stack has no logs)."""
    return f"{prefix}-access-logs"


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
    api_rate_limit: int = DEFAULT_API_RATE_LIMIT
    api_burst_limit: int = DEFAULT_API_BURST_LIMIT
    # The blog on its own domain: an ACM certificate in us-east-1 for it. Without one, CloudFront serves
    # *.cloudfront.net with its default certificate, which allows TLS 1.0.
    blog_domain_name: str = ""
    blog_certificate_arn: str = ""
    # In an account shared with other functions, alarm on each of the stack's functions' errors ($0.10 a
    # month a function) rather than on all the account's functions together (docs/operations.md).
    errors_per_function: bool = False
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

        self.log_bucket = self._log_bucket()
        self.buckets = self._buckets()
        self.queues, self.dlqs = self._queues()
        self._notifications()
        self.table = self._table()
        self.secrets = self._secrets()
        self.receipt_rule_set = self._ses_receipt()
        self.distribution = self._blog_distribution()
        self.app = self._chalice()
        self.function_names = self._wire_functions()
        self.api_access_logs = self._api()
        self.monitoring = Monitoring(
            self,
            "Monitoring",
            prefix=settings.prefix,
            queues=self.queues,
            dlqs=self.dlqs,
            function_names=self.function_names,
            ops_email=settings.ops_email,
            errors_per_function=settings.errors_per_function,
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

    def _log_bucket(self) -> s3.Bucket:
        """Where S3 writes who read and wrote each bucket, and CloudFront who read the blog."""
        bucket = s3.Bucket(
            self,
            "AccessLogsBucket",
            bucket_name=log_bucket_name(self.settings.prefix),
            encryption=s3.BucketEncryption.S3_MANAGED,
            versioned=True,
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            # CloudFront's standard logs are written with an ACL grant to its log delivery account, so
            # ACLs stay enabled here (the bucket owner still owns every object); S3's own access logs are
            # allowed by the bucket policy.
            object_ownership=s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
            enforce_ssl=True,
            lifecycle_rules=[
                s3.LifecycleRule(
                    id="expire-access-logs",
                    expiration=Duration.days(ACCESS_LOG_RETENTION_DAYS),
                    noncurrent_version_expiration=Duration.days(1),
                    abort_incomplete_multipart_upload_after=Duration.days(7),
                )
            ],
            removal_policy=RemovalPolicy.RETAIN,
        )
        skip(
            bucket,
            "CKV_AWS_18",
            "This is the access-log bucket: logging it into itself would log every log delivery in a loop, "
            "and into another bucket would need that bucket's logs somewhere in turn.",
        )
        return bucket

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
                server_access_logs_bucket=self.log_bucket,
                server_access_logs_prefix=f"s3/{self.res.bucket(key)}/",
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
            for queue in (dlq, queues[q.key]):
                skip(queue, "CKV_AWS_27", SQS_MANAGED_SSE)
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
        table = dynamodb.Table(
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
        skip(table, "CKV_AWS_119", NO_CMK)
        return table

    def _secrets(self) -> dict[str, str]:
        """Each secret's SSM parameter ARN, by key. The parameters are SecureStrings a person creates
        (docs/deploy.md): CloudFormation cannot create a SecureString, and the values never pass through
        code or the template. Standard parameters under the AWS-managed aws/ssm key cost nothing, where
        a Secrets Manager secret costs $0.40 a month; the app refuses to run while one is missing."""
        return {
            key: f"arn:{Aws.PARTITION}:ssm:{Aws.REGION}:{Aws.ACCOUNT_ID}:parameter{self.res.secret(key)}"
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
        s = self.settings
        if bool(s.blog_domain_name) != bool(s.blog_certificate_arn):
            raise ValueError("blog_domain_name and blog_certificate_arn are set together or not at all")
        certificate = (
            acm.Certificate.from_certificate_arn(self, "BlogCertificate", s.blog_certificate_arn)
            if s.blog_certificate_arn
            else None
        )
        distribution = cloudfront.Distribution(
            self,
            "BlogDistribution",
            comment=f"{s.prefix} blog",
            default_root_object="index.html",
            domain_names=[s.blog_domain_name] if s.blog_domain_name else None,
            certificate=certificate,
            # Applies with a certificate of our own; CloudFront's default certificate ignores it.
            minimum_protocol_version=cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
            enable_logging=True,
            log_bucket=self.log_bucket,
            log_file_prefix="cloudfront/blog/",
            log_includes_cookies=False,
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
        if certificate is None:
            skip(
                distribution,
                "CKV_AWS_174",
                "No custom domain is configured (context blog_domain_name and blog_certificate_arn), so "
                "CloudFront serves *.cloudfront.net with its default certificate, which forces the TLSv1 "
                "security policy whatever MinimumProtocolVersion says. Set a domain and an ACM "
                "certificate to get TLSv1.2_2021.",
            )
        skip(
            distribution,
            "CKV_AWS_68",
            "The blog is static public pages from a private S3 bucket (origin access control, GET and "
            "HEAD only), with nothing for a WAF rule to protect; a web ACL costs $5/month plus $1 a rule "
            "and per request. CloudFront's built-in Shield Standard covers network floods.",
        )
        return distribution

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
                **CHALICE_PACKAGING,
                "environment_variables": env,
                "iam_role_arn": f"arn:{Aws.PARTITION}:iam::{Aws.ACCOUNT_ID}:role/replaced-per-function",
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
            if fn.handler in IMAGE_HANDLERS:
                run_from_image(cfn, inspect_image(self), fn.handler)
            log_group = logs.LogGroup(
                self,
                f"{fn.logical_id}Logs",
                log_group_name=f"/aws/lambda/{name}",
                retention=LOG_RETENTION,
                removal_policy=RemovalPolicy.DESTROY,
            )
            skip(log_group, "CKV_AWS_158", LOGS_DEFAULT_ENCRYPTION)
            concurrency = self._concurrency(fn)
            cfn.add_property_override("ReservedConcurrentExecutions", concurrency)
            skip(cfn, "CKV_AWS_117", NO_VPC)
            skip(cfn, "CKV_AWS_173", ENV_HOLDS_NO_SECRETS)
            if fn.sqs_events:
                skip(cfn, "CKV_AWS_116", QUEUE_FED_NO_DLQ)
            elif fn.has_schedule:
                skip(cfn, "CKV_AWS_116", SCHEDULE_NO_DLQ)
            elif fn.handler == "api_handler":
                skip(cfn, "CKV_AWS_116", API_NO_DLQ)
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
                # No more pollers than the function may run, so SQS is never throttled back.
                cfn.add_property_override(
                    f"Events.{event}.Properties.ScalingConfig.MaximumConcurrency", concurrency
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

    def _concurrency(self, fn: PackagedFunction) -> int:
        if fn.handler == "api_handler":
            return self.settings.api_burst_limit
        n = CONCURRENCY.get(fn.handler, DEFAULT_CONCURRENCY)
        # SQS's smallest maximum concurrency is 2; fewer reserved runs than that would throttle it.
        return max(2, n) if fn.sqs_events else n

    def _api(self) -> logs.LogGroup:
        """Throttling, access logs and tracing for the REST API (the AWS::Serverless::Api Chalice writes)."""
        s = self.settings
        api = self.app.get_resource("RestAPI")
        access_logs = logs.LogGroup(
            self,
            "ApiAccessLogs",
            log_group_name=f"/aws/apigateway/{s.prefix}-access",
            retention=LOG_RETENTION,
            removal_policy=RemovalPolicy.DESTROY,
        )
        skip(access_logs, "CKV_AWS_158", LOGS_DEFAULT_ENCRYPTION)
        # API Gateway writes logs through one role per account and region, set on the account. Like the
        # CDK's own RestApi, the role and the setting are kept if the stack goes, as other APIs may use it.
        push_role = iam.Role(
            self,
            "ApiGatewayLogsRole",
            assumed_by=iam.ServicePrincipal("apigateway.amazonaws.com"),
            description="API Gateway writes access logs to CloudWatch Logs (account setting)",
            managed_policies=[
                iam.ManagedPolicy.from_aws_managed_policy_name(
                    "service-role/AmazonAPIGatewayPushToCloudWatchLogs"
                )
            ],
        )
        push_role.apply_removal_policy(RemovalPolicy.RETAIN)
        account = apigateway.CfnAccount(self, "ApiGatewayAccount", cloud_watch_role_arn=push_role.role_arn)
        account.apply_removal_policy(RemovalPolicy.RETAIN)
        api.add_resource_dependency(account)
        api.add_property_override(
            "AccessLogSetting",
            {"DestinationArn": access_logs.log_group_arn, "Format": API_ACCESS_LOG_FORMAT},
        )
        # Stage-wide throttling: every route, every method, all clients together.
        api.add_property_override(
            "MethodSettings",
            [
                {
                    "ResourcePath": "/*",
                    "HttpMethod": "*",
                    "ThrottlingRateLimit": s.api_rate_limit,
                    "ThrottlingBurstLimit": s.api_burst_limit,
                }
            ],
        )
        api.add_property_override("TracingEnabled", True)
        skip(
            api,
            "CKV_AWS_120",
            "Every response is for one person (a form with its own one-time token, an approval page for "
            "one link): a cache would serve one person's page to another. A cache also costs by the hour.",
        )
        return access_logs

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
        if "dlqs:depth" in grants:
            allow(["sqs:GetQueueAttributes"], [q.queue_arn for q in self.dlqs.values()])
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
        for key, parameter_arn in self.secrets.items():
            if f"secret:{key}" in grants or ("secrets:channels" in grants and key != LINK_KEY_SECRET):
                # Decrypting under aws/ssm needs no grant of its own: that key's policy lets every
                # principal of the account use it through Parameter Store.
                allow(["ssm:GetParameter"], [parameter_arn])
        return role

    def _outputs(self) -> None:
        CfnOutput(self, "BlogUrl", value=f"https://{self.distribution.distribution_domain_name}/")
        CfnOutput(self, "ReceiptRuleSetName", value=self.receipt_rule_set.receipt_rule_set_name)
        CfnOutput(self, "OpsTopicArn", value=self.monitoring.topic.topic_arn)
        # The API's URL is Chalice's own EndpointURL output.
