"""The synthesised CloudFormation template has the properties the deployment depends on."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

from aws_cdk.assertions import Match

from chalicelib import definition as d
from infra.stack import (
    ACCESS,
    ACCESS_LOG_RETENTION_DAYS,
    CONCURRENCY,
    DEFAULT_API_BURST_LIMIT,
    DEFAULT_API_RATE_LIMIT,
    log_bucket_name,
)
from tests.infra.conftest import CUSTOM_CONTEXT, REPO, Synthesised

RES = d.Resources("real-stories-dev")
DATA_SERVICES = ("s3", "dynamodb", "sqs")


def _name_of(synth: Synthesised, ref: Any, attr: str) -> str:
    """The literal name behind a {"Fn::GetAtt": [id, "Arn"]} or {"Ref": id}."""
    logical = ref["Fn::GetAtt"][0] if "Fn::GetAtt" in ref else ref["Ref"]
    return str(synth.template["Resources"][logical]["Properties"][attr])


def _functions(synth: Synthesised) -> dict[str, dict[str, Any]]:
    return synth.resources("AWS::Serverless::Function")


def _handler(props: dict[str, Any]) -> str:
    """``app.<name>``: a zip function's Handler, or the command of one deployed as an image."""
    return str(props.get("Handler") or props["ImageConfig"]["Command"][0])


def _app_handlers_with(decorator: str) -> set[str]:
    tree = ast.parse((REPO / "app.py").read_text(encoding="utf-8"))
    out = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            for dec in node.decorator_list:
                target = dec.func if isinstance(dec, ast.Call) else dec
                if isinstance(target, ast.Attribute) and target.attr == decorator:
                    out.add(node.name)
    return out


# --- storage --------------------------------------------------------------------------------------


def test_every_bucket_is_encrypted_versioned_and_closed_to_the_public(template: Any) -> None:
    for key in d.BUCKETS:
        template.has_resource_properties(
            "AWS::S3::Bucket",
            {
                "BucketName": RES.bucket(key),
                "BucketEncryption": {
                    "ServerSideEncryptionConfiguration": [
                        {"ServerSideEncryptionByDefault": {"SSEAlgorithm": Match.any_value()}}
                    ]
                },
                "VersioningConfiguration": {"Status": "Enabled"},
                "PublicAccessBlockConfiguration": {
                    "BlockPublicAcls": True,
                    "BlockPublicPolicy": True,
                    "IgnorePublicAcls": True,
                    "RestrictPublicBuckets": True,
                },
            },
        )


def test_buckets_and_the_table_outlive_the_stack(synthesised: Synthesised) -> None:
    kept = [
        *synthesised.resources("AWS::S3::Bucket").values(),
        *synthesised.resources("AWS::DynamoDB::Table").values(),
    ]
    assert kept
    assert all(r.get("DeletionPolicy") == "Retain" for r in kept)


def _has_lifecycle_rule(template: Any, bucket: str, rule: dict[str, Any]) -> None:
    template.has_resource_properties(
        "AWS::S3::Bucket",
        {
            "BucketName": bucket,
            "LifecycleConfiguration": {"Rules": Match.array_with([Match.object_like(rule)])},
        },
    )


def test_raw_and_rejected_submissions_expire_after_the_retention_period(template: Any) -> None:
    _has_lifecycle_rule(
        template,
        RES.intake_bucket,
        {"Prefix": d.RAW_PREFIX, "ExpirationInDays": d.DEFAULT_RAW_RETENTION_DAYS, "Status": "Enabled"},
    )
    rejected = {
        "TagFilters": [{"Key": d.REJECTED_TAG_KEY, "Value": d.REJECTED_TAG_VALUE}],
        "ExpirationInDays": d.DEFAULT_REJECTED_RETENTION_DAYS,
        "Status": "Enabled",
    }
    _has_lifecycle_rule(template, RES.intake_bucket, rejected)
    _has_lifecycle_rule(template, RES.stories_bucket, rejected)


def test_the_table_has_point_in_time_recovery_and_ttl(template: Any) -> None:
    template.has_resource_properties(
        "AWS::DynamoDB::Table",
        {
            "TableName": RES.table,
            "KeySchema": [
                {"AttributeName": d.TABLE_PARTITION_KEY, "KeyType": "HASH"},
                {"AttributeName": d.TABLE_SORT_KEY, "KeyType": "RANGE"},
            ],
            "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": True},
            "TimeToLiveSpecification": {"AttributeName": d.TABLE_TTL_ATTRIBUTE, "Enabled": True},
            "SSESpecification": {"SSEEnabled": True},
        },
    )


def test_no_secret_value_or_paid_secret_is_in_the_template(synthesised: Synthesised) -> None:
    # The secrets are SecureString parameters a person creates (docs/deploy.md); the template only
    # names them in the roles that may read them.
    assert not synthesised.resources("AWS::SecretsManager::Secret")
    assert not synthesised.resources("AWS::SSM::Parameter")


# --- queues and functions -------------------------------------------------------------------------


def test_every_queue_has_a_dlq_after_its_configured_receives(synthesised: Synthesised) -> None:
    queues = {
        r["Properties"]["QueueName"]: r["Properties"]
        for r in synthesised.resources("AWS::SQS::Queue").values()
    }
    for q in d.QUEUES:
        props = queues[RES.queue(q.key)]
        assert props["RedrivePolicy"]["maxReceiveCount"] == q.max_receive_count
        assert _name_of(synthesised, props["RedrivePolicy"]["deadLetterTargetArn"], "QueueName") == RES.dlq(
            q.key
        )
        assert props["VisibilityTimeout"] == q.visibility_timeout_s
        assert queues[RES.dlq(q.key)]["MessageRetentionPeriod"] == d.DLQ_RETENTION_S
        assert props["SqsManagedSseEnabled"] is True


def test_every_queue_handler_reports_batch_item_failures(synthesised: Synthesised) -> None:
    consumers: dict[str, str] = {}
    for props in (f["Properties"] for f in _functions(synthesised).values()):
        for event in props.get("Events", {}).values():
            if event["Type"] == "SQS":
                assert event["Properties"]["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
                queue = event["Properties"]["Queue"]["Fn::Sub"].rsplit(":", 1)[-1]
                consumers[queue] = _handler(props)
    assert consumers == {RES.queue(q.key): f"app.{q.handler}" for q in d.QUEUES}


def test_no_function_outlasts_its_queues_visibility_timeout(synthesised: Synthesised) -> None:
    visibility = {RES.queue(q.key): q.visibility_timeout_s for q in d.QUEUES}
    for props in (f["Properties"] for f in _functions(synthesised).values()):
        for event in props.get("Events", {}).values():
            if event["Type"] == "SQS":
                queue = event["Properties"]["Queue"]["Fn::Sub"].rsplit(":", 1)[-1]
                assert props["Timeout"] <= visibility[queue]


def test_functions_are_named_from_the_prefix_and_traced(synthesised: Synthesised) -> None:
    for props in (f["Properties"] for f in _functions(synthesised).values()):
        handler = _handler(props).removeprefix("app.")
        assert props["FunctionName"] == f"{RES.prefix}-{'api_handler' if handler == 'app' else handler}"
        assert props["Environment"]["Variables"]["RESOURCE_PREFIX"] == RES.prefix
        assert props["Environment"]["Variables"]["POWERTOOLS_METRICS_NAMESPACE"] == d.METRICS_NAMESPACE
        assert props["Tracing"] == "Active"


def test_the_schedule_exists_exactly_when_the_app_has_a_scheduled_handler(synthesised: Synthesised) -> None:
    scheduled = {
        _handler(f["Properties"]).removeprefix("app.")
        for f in _functions(synthesised).values()
        if any(e["Type"] == "Schedule" for e in f["Properties"].get("Events", {}).values())
    }
    assert scheduled == _app_handlers_with("schedule")


def test_every_handler_has_its_own_role_and_a_known_access_list(synthesised: Synthesised) -> None:
    roles = {str(f["Properties"]["Role"]["Fn::GetAtt"][0]) for f in _functions(synthesised).values()}
    assert len(roles) == len(_functions(synthesised))
    for props in (f["Properties"] for f in _functions(synthesised).values()):
        handler = _handler(props).removeprefix("app.")
        assert ("api_handler" if handler == "app" else handler) in ACCESS


def test_the_deployed_code_is_chalices_package_as_made_with_the_resource_definition_in_it(
    synthesised: Synthesised,
) -> None:
    [fn] = [f for f in _functions(synthesised).values() if f["Properties"].get("Handler") == "app.on_intake"]
    key = fn["Properties"]["CodeUri"]["Key"]
    with zipfile.ZipFile(synthesised.outdir / f"asset.{key}") as z:
        names = set(z.namelist())
        assert {"app.py", "chalicelib/definition.py"} <= names
        assert z.read("chalicelib/definition.py") == (REPO / "chalicelib" / "definition.py").read_bytes()
        # Nothing from the CDK app is added to the package: the deployed code must not need it.
        assert not [n for n in names if n.startswith("infra/")]


# --- IAM ------------------------------------------------------------------------------------------


def _statements(synth: Synthesised) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for res in synth.template["Resources"].values():
        props = res.get("Properties", {})
        docs = []
        if res["Type"] == "AWS::IAM::Policy":
            docs.append(props["PolicyDocument"])
        elif res["Type"] == "AWS::IAM::Role":
            docs.extend(p["PolicyDocument"] for p in props.get("Policies", []))
        elif res["Type"] in ("AWS::S3::BucketPolicy", "AWS::SQS::QueuePolicy", "AWS::SNS::TopicPolicy"):
            docs.append(props["PolicyDocument"])
        for doc in docs:
            out.extend(doc["Statement"])
    return out


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def test_no_iam_statement_grants_star_on_s3_dynamodb_or_sqs(synthesised: Synthesised) -> None:
    allows = [s for s in _statements(synthesised) if s["Effect"] == "Allow"]
    assert allows
    for s in allows:
        actions = [str(a) for a in _as_list(s["Action"])]
        assert "*" not in actions, s
        for service in DATA_SERVICES:
            assert f"{service}:*" not in actions, s
        touches_data = any(a.split(":", 1)[0] in DATA_SERVICES for a in actions)
        if touches_data:
            assert "*" not in _as_list(s.get("Resource", [])), s


def _secret_readers(synth: Synthesised) -> dict[str, set[str]]:
    """Secret key → the logical ids of the policies that may read it."""
    readers: dict[str, set[str]] = {k: set() for k in d.SECRETS}
    for logical, p in synth.resources("AWS::IAM::Policy").items():
        for s in p["Properties"]["PolicyDocument"]["Statement"]:
            actions = _as_list(s["Action"])
            assert "secretsmanager:GetSecretValue" not in actions
            if "ssm:GetParameter" in actions:
                assert actions == ["ssm:GetParameter"], s
                [resource] = _as_list(s["Resource"])
                [key] = [
                    k for k in d.SECRETS if json.dumps(resource).endswith(f':parameter{RES.secret(k)}"]]}}')
                ]
                readers[key].add(logical)
    return readers


def test_only_the_publisher_reads_channel_credentials_and_nobody_else_the_x_keys(
    synthesised: Synthesised,
) -> None:
    readers = _secret_readers(synthesised)
    for channel in ("x", "mastodon", "bluesky", "wordpress"):
        [reader] = readers[f"{channel}-credentials"]
        assert reader.startswith("OnPublishRole")


def test_the_link_key_is_read_by_the_web_intake_and_mail_functions_only(synthesised: Synthesised) -> None:
    readers = _secret_readers(synthesised)["link-signing-key"]
    assert {r.split("Role")[0] for r in readers} == {"APIHandler", "OnIntake", "OnNotify"}


# --- mail in, blog out ----------------------------------------------------------------------------


def test_the_ses_receipt_rule_scans_and_stores_submissions_in_the_intake_bucket(template: Any) -> None:
    template.has_resource_properties(
        "AWS::SES::ReceiptRule",
        {
            "Rule": Match.object_like(
                {
                    "Enabled": True,
                    "ScanEnabled": True,
                    "TlsPolicy": "Require",
                    "Recipients": ["stories@example.gov.uk"],
                    "Actions": [
                        {"S3Action": {"BucketName": Match.any_value(), "ObjectKeyPrefix": d.EMAIL_PREFIX}}
                    ],
                }
            )
        },
    )


def test_ses_stores_mail_in_the_intake_bucket(synthesised: Synthesised) -> None:
    [rule] = synthesised.resources("AWS::SES::ReceiptRule").values()
    bucket = rule["Properties"]["Rule"]["Actions"][0]["S3Action"]["BucketName"]
    assert _name_of(synthesised, bucket, "BucketName") == RES.intake_bucket


def test_the_blog_is_served_by_cloudfront_through_origin_access_control(template: Any) -> None:
    template.resource_count_is("AWS::CloudFront::OriginAccessControl", 1)
    template.has_resource_properties(
        "AWS::CloudFront::Distribution",
        {
            "DistributionConfig": Match.object_like(
                {
                    "DefaultRootObject": "index.html",
                    "Origins": [Match.object_like({"OriginAccessControlId": Match.any_value()})],
                    "DefaultCacheBehavior": Match.object_like({"ViewerProtocolPolicy": "redirect-to-https"}),
                }
            )
        },
    )
    template.has_resource_properties(
        "AWS::S3::BucketPolicy",
        {
            "PolicyDocument": {
                "Statement": Match.array_with(
                    [
                        Match.object_like(
                            {
                                "Action": "s3:GetObject",
                                "Principal": {"Service": "cloudfront.amazonaws.com"},
                                "Condition": Match.object_like({"StringEquals": Match.any_value()}),
                            }
                        )
                    ]
                )
            }
        },
    )


# --- access logs, limits and encryption -------------------------------------------------------------


def _bucket_named(synth: Synthesised, name: str) -> tuple[str, dict[str, Any]]:
    [(logical, res)] = [
        (k, v) for k, v in synth.resources("AWS::S3::Bucket").items() if v["Properties"]["BucketName"] == name
    ]
    return logical, res


def test_every_bucket_logs_its_access_to_the_log_bucket(synthesised: Synthesised) -> None:
    log_id, log = _bucket_named(synthesised, log_bucket_name(RES.prefix))
    for key in d.BUCKETS:
        _, bucket = _bucket_named(synthesised, RES.bucket(key))
        assert bucket["Properties"]["LoggingConfiguration"] == {
            "DestinationBucketName": {"Ref": log_id},
            "LogFilePrefix": f"s3/{RES.bucket(key)}/",
        }
    props = log["Properties"]
    assert props["PublicAccessBlockConfiguration"]["BlockPublicAcls"] is True
    assert props["BucketEncryption"]["ServerSideEncryptionConfiguration"]
    assert props["VersioningConfiguration"] == {"Status": "Enabled"}
    [rule] = props["LifecycleConfiguration"]["Rules"]
    assert rule["ExpirationInDays"] == ACCESS_LOG_RETENTION_DAYS
    # S3 delivers through the bucket policy, each source bucket to its own prefix only.
    [policy] = [
        p["Properties"]["PolicyDocument"]
        for p in synthesised.resources("AWS::S3::BucketPolicy").values()
        if p["Properties"]["Bucket"] == {"Ref": log_id}
    ]
    writers = [
        s for s in policy["Statement"] if s.get("Principal") == {"Service": "logging.s3.amazonaws.com"}
    ]
    assert len(writers) == len(d.BUCKETS)
    for s in writers:
        assert s["Action"] == "s3:PutObject"
        assert "aws:SourceAccount" in s["Condition"]["StringEquals"]


def test_cloudfront_logs_to_the_log_bucket_without_cookies(synthesised: Synthesised) -> None:
    log_id, _ = _bucket_named(synthesised, log_bucket_name(RES.prefix))
    [dist] = synthesised.resources("AWS::CloudFront::Distribution").values()
    logging = dist["Properties"]["DistributionConfig"]["Logging"]
    assert logging["Bucket"] == {"Fn::GetAtt": [log_id, "RegionalDomainName"]}
    assert logging["IncludeCookies"] is False
    assert logging["Prefix"] == "cloudfront/blog/"


def _api(synth: Synthesised) -> dict[str, Any]:
    [api] = synth.resources("AWS::Serverless::Api").values()
    return api


def test_the_api_stage_is_throttled_traced_and_access_logged(synthesised: Synthesised) -> None:
    api = _api(synthesised)
    props = api["Properties"]
    assert props["MethodSettings"] == [
        {
            "ResourcePath": "/*",
            "HttpMethod": "*",
            "ThrottlingRateLimit": DEFAULT_API_RATE_LIMIT,
            "ThrottlingBurstLimit": DEFAULT_API_BURST_LIMIT,
        }
    ]
    assert props["TracingEnabled"] is True
    log_ref = props["AccessLogSetting"]["DestinationArn"]["Fn::GetAtt"][0]
    group = synthesised.template["Resources"][log_ref]
    assert group["Type"] == "AWS::Logs::LogGroup"
    assert group["Properties"]["RetentionInDays"] > 0
    fmt = json.loads(props["AccessLogSetting"]["Format"])
    assert {"requestId", "ip", "status", "resourcePath"} <= set(fmt)
    # Approval links carry signed tokens: the log has the route's template, never the path or query.
    assert not any(v in fmt.values() for v in ("$context.path", "$context.requestOverride.path"))
    assert "querystring" not in props["AccessLogSetting"]["Format"].lower()
    # API Gateway may write logs only once the account has its CloudWatch role.
    [account_id] = synthesised.resources("AWS::ApiGateway::Account")
    assert account_id in api["DependsOn"]


def _reserved(synth: Synthesised) -> dict[str, int]:
    return {
        f["Properties"]["FunctionName"].removeprefix(f"{RES.prefix}-"): f["Properties"][
            "ReservedConcurrentExecutions"
        ]
        for f in _functions(synth).values()
    }


def test_every_function_has_reserved_concurrency_and_sqs_never_outruns_it(synthesised: Synthesised) -> None:
    reserved = _reserved(synthesised)
    assert reserved["api_handler"] == DEFAULT_API_BURST_LIMIT
    for handler, n in CONCURRENCY.items():
        assert reserved[handler] == n
    assert reserved["on_publish"] <= 2  # a runaway publish loop costs least this way
    for f in _functions(synthesised).values():
        props = f["Properties"]
        for event in props.get("Events", {}).values():
            if event["Type"] == "SQS":
                maximum = event["Properties"]["ScalingConfig"]["MaximumConcurrency"]
                assert 2 <= maximum <= props["ReservedConcurrentExecutions"]


def test_the_ops_topic_needs_tls_and_the_stack_pays_for_no_kms_key(synthesised: Synthesised) -> None:
    [topic] = synthesised.resources("AWS::SNS::Topic").values()
    # CloudWatch cannot publish under the AWS-managed aws/sns key, and alarm messages carry nothing
    # that needs a key of our own (infra/monitoring.py, OPS_TOPIC_UNENCRYPTED).
    assert "KmsMasterKeyId" not in topic["Properties"]
    assert not synthesised.resources("AWS::KMS::Key")
    [policy] = synthesised.resources("AWS::SNS::TopicPolicy").values()
    assert any(
        s["Effect"] == "Deny" and s["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
        for s in policy["Properties"]["PolicyDocument"]["Statement"]
    )


def test_optional_settings_give_the_blog_its_domain_with_tls_1_2_and_set_the_api_limits(
    synthesised_custom: Synthesised,
) -> None:
    [dist] = synthesised_custom.resources("AWS::CloudFront::Distribution").values()
    config = dist["Properties"]["DistributionConfig"]
    assert config["Aliases"] == [CUSTOM_CONTEXT["blog_domain_name"]]
    assert config["ViewerCertificate"] == {
        "AcmCertificateArn": CUSTOM_CONTEXT["blog_certificate_arn"],
        "MinimumProtocolVersion": "TLSv1.2_2021",
        "SslSupportMethod": "sni-only",
    }
    [settings] = _api(synthesised_custom)["Properties"]["MethodSettings"]
    assert settings["ThrottlingRateLimit"] == CUSTOM_CONTEXT["api_rate_limit"]
    assert settings["ThrottlingBurstLimit"] == CUSTOM_CONTEXT["api_burst_limit"]
    assert _reserved(synthesised_custom)["api_handler"] == CUSTOM_CONTEXT["api_burst_limit"]


# --- monitoring -----------------------------------------------------------------------------------


def _alarms(synth: Synthesised) -> dict[str, dict[str, Any]]:
    return {
        a["Properties"]["AlarmName"]: a["Properties"]
        for a in synth.resources("AWS::CloudWatch::Alarm").values()
    }


def test_only_the_sweep_may_read_the_dlqs_depths_for_the_attention_alarm(synthesised: Synthesised) -> None:
    dlq_arns = {
        json.dumps({"Fn::GetAtt": [logical, "Arn"]})
        for logical, q in synthesised.resources("AWS::SQS::Queue").items()
        if q["Properties"]["QueueName"].endswith("-dlq")
    }
    readers = set()
    for logical, p in synthesised.resources("AWS::IAM::Policy").items():
        for s in p["Properties"]["PolicyDocument"]["Statement"]:
            if (
                s["Action"] == "sqs:GetQueueAttributes"
                and {json.dumps(r) for r in _as_list(s["Resource"])} == dlq_arns
            ):
                readers.add(logical)
    assert len(dlq_arns) == len(d.QUEUES)
    assert len(readers) == 1 and next(iter(readers)).startswith("OnScheduleRole")
    assert not [a for a in _alarms(synthesised) if a.endswith("-dlq-not-empty")]


def test_a_stuck_queue_raises_an_alarm(synthesised: Synthesised) -> None:
    alarms = _alarms(synthesised)
    for q in d.QUEUES:
        a = alarms[f"{RES.prefix}-{q.key}-queue-stuck"]
        assert a["MetricName"] == "ApproximateAgeOfOldestMessage"
        assert _name_of(synthesised, a["Dimensions"][0]["Value"], "QueueName") == RES.queue(q.key)


def test_every_function_error_in_the_account_raises_one_alarm(synthesised: Synthesised) -> None:
    a = _alarms(synthesised)[f"{RES.prefix}-function-errors"]
    assert a["Namespace"] == "AWS/Lambda" and a["MetricName"] == "Errors"
    assert "Dimensions" not in a  # Lambda's total over every function
    assert a["Threshold"] == 1
    for f in _functions(synthesised).values():
        assert f["Properties"]["FunctionName"] in a["AlarmDescription"]


def test_in_a_shared_account_the_errors_alarm_adds_up_the_stacks_own_functions(
    synthesised_custom: Synthesised,
) -> None:
    a = _alarms(synthesised_custom)[f"{RES.prefix}-function-errors"]
    stats = [m["MetricStat"]["Metric"] for m in a["Metrics"] if "MetricStat" in m]
    assert {m["MetricName"] for m in stats} == {"Errors"}
    watched = {m["Dimensions"][0]["Value"] for m in stats}
    assert watched == {f["Properties"]["FunctionName"] for f in _functions(synthesised_custom).values()}
    [total] = [m for m in a["Metrics"] if "Expression" in m]
    assert all(f"FILL({m['Id']},0)" in total["Expression"] for m in a["Metrics"] if "MetricStat" in m)


def test_dead_letters_publish_failures_broken_rules_rate_limits_and_overdue_approvals_raise_one_alarm(
    synthesised: Synthesised,
) -> None:
    a = _alarms(synthesised)[f"{RES.prefix}-needs-attention"]
    assert a["MetricName"] == d.ATTENTION_METRIC
    assert a["Namespace"] == d.METRICS_NAMESPACE
    assert a["Dimensions"] == [{"Name": "service", "Value": d.METRICS_SERVICE}]
    assert a["Statistic"] == "Sum" and a["Threshold"] == 1
    assert set(d.PAGED_METRICS) == {
        "PublishFailed_",
        "RulesInvalid",
        "RateLimited",
        "ApprovalsOverdue",
        "DeadLetters",
    }
    # The sweep reports every 5 minutes: a 10-minute period without a report means it has stopped.
    assert a["Period"] == 600 and a["TreatMissingData"] == "breaching"


def test_the_alarms_read_no_more_metrics_than_cloudwatch_gives_free(synthesised: Synthesised) -> None:
    from bench.bill import FREE, inventory

    inv = inventory(synthesised.template)
    assert inv.alarm_metrics <= FREE["alarm_metrics"]
    assert inv.high_res_alarm_metrics == inv.composite_alarms == 0
    assert len(inv.custom_metrics) <= FREE["custom_metrics"]


def test_every_alarm_tells_the_ops_topic_and_has_a_runbook_section(synthesised: Synthesised) -> None:
    [topic] = synthesised.resources("AWS::SNS::Topic")
    runbook = (REPO / "docs" / "operations.md").read_text(encoding="utf-8")
    for a in _alarms(synthesised).values():
        assert a["AlarmActions"] == [{"Ref": topic}]
        assert a["OKActions"] == [{"Ref": topic}]
        [section] = re.findall(r"docs/operations\.md#([a-z-]+)", a["AlarmDescription"])
        assert f"\n## {section}\n" in runbook, section


def test_the_dashboard_shows_what_the_runbook_refers_to(synthesised: Synthesised) -> None:
    [board] = synthesised.resources("AWS::CloudWatch::Dashboard").values()
    body = str(board["Properties"]["DashboardBody"])
    for title in (
        "Stories per stage",
        "Approval latency",
        "Check findings by check id",
        "Publish results per channel",
        "Lambda duration",
        "Lambda errors",
        "DLQ depth",
    ):
        assert title in body
    for metric in (
        "ApprovalLatencySeconds",
        "Finding",
        "Published_x",
        "PublishFailed_blog",
        "Ingested_SUBMITTED",
        "RateLimited",
        "RulesInvalid",
        "PublishFailed_wordpress",
        "ApprovalsOverdue",
        "DeadLetters",
    ):
        assert metric in body


# --- the template as a whole ----------------------------------------------------------------------


def test_cfn_lint_finds_no_errors(synthesised: Synthesised) -> None:
    done = subprocess.run(
        [str(Path(sys.executable).parent / "cfn-lint"), str(synthesised.template_path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    # cfn-lint's exit status is a bit mask: 1 fatal, 2 errors, 4 warnings, 8 informational.
    assert done.returncode & 0b11 == 0, done.stdout + done.stderr


def test_synthesis_needs_no_aws_account(synthesised: Synthesised) -> None:
    text = synthesised.template_path.read_text()
    assert "Fn::Sub" in text  # account and region stay pseudo parameters
    assert not any(ch.isdigit() for ch in _account_ids(text))


def _account_ids(text: str) -> list[str]:
    return re.findall(r"arn:aws:[a-z0-9-]+:[a-z0-9-]*:(\d{12}):", text)


def test_synthesis_writes_only_into_its_output_directory(synthesised: Synthesised) -> None:
    assert not (REPO / "chalice.out").exists()
    assert (synthesised.outdir / "chalice").is_dir()
    assert Path(synthesised.template_path).parent == synthesised.outdir
