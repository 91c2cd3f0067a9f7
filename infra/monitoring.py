"""Alarms, the ops topic and the dashboard: what tells a person at 3 a.m. that something needs them.

Every alarm here has a section of the same name in docs/operations.md; the metric names are the ones the
handlers emit through Powertools (namespace RealStories, dimension service=real-stories).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from aws_cdk import Duration, RemovalPolicy
from aws_cdk import aws_cloudwatch as cw
from aws_cdk import aws_cloudwatch_actions as cw_actions
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_sns as sns
from aws_cdk import aws_sns_subscriptions as subs
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from chalicelib import definition as d

FIVE_MINUTES = Duration.minutes(5)
# The publish service reports PublishFailed_wordpress (the WordPress blog is a channel of its own);
# every channel that reports failures alarms, whether or not the shared list names it yet.
ALARMED_CHANNELS: tuple[str, ...] = d.CHANNELS
# Story flow as the handlers count it, in pipeline order.
STAGE_METRICS: tuple[str, ...] = (
    "Ingested_RECEIVED",
    "Ingested_SUBMITTED",
    "Ingested_REJECTED",
    "Checked_PENDING_APPROVAL",
    "Checked_CHANGES_NEEDED",
    "Decision_approved",
    "Decision_rejected",
    "ApprovalsExpired",
)


def app_metric(name: str, statistic: str = "Sum", period: Duration = FIVE_MINUTES) -> cw.Metric:
    return cw.Metric(
        namespace=d.METRICS_NAMESPACE,
        metric_name=name,
        dimensions_map={"service": d.METRICS_SERVICE},
        statistic=statistic,
        period=period,
    )


def lambda_metric(name: str, function_name: str, statistic: str, label: str | None = None) -> cw.Metric:
    return cw.Metric(
        namespace="AWS/Lambda",
        metric_name=name,
        dimensions_map={"FunctionName": function_name},
        statistic=statistic,
        period=FIVE_MINUTES,
        label=label,
    )


class Monitoring(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        prefix: str,
        queues: Mapping[str, sqs.Queue],
        dlqs: Mapping[str, sqs.Queue],
        function_names: Mapping[str, str],
        ops_email: str = "",
    ) -> None:
        super().__init__(scope, construct_id)
        self.prefix = prefix
        self.topic_key = self._topic_key()
        self.topic = sns.Topic(
            self,
            "OpsTopic",
            topic_name=f"{prefix}-ops",
            enforce_ssl=True,
            master_key=self.topic_key,
        )
        if ops_email:
            self.topic.add_subscription(subs.EmailSubscription(ops_email))
        self.alarms: dict[str, cw.Alarm] = {}

        res = d.Resources(prefix)
        for key, dlq in dlqs.items():
            self._alarm(
                f"{key}-dlq-not-empty",
                dlq.metric_approximate_number_of_messages_visible(
                    statistic="Maximum", period=Duration.minutes(1)
                ),
                threshold=0,
                comparison=cw.ComparisonOperator.GREATER_THAN_THRESHOLD,
                description=f"Messages are waiting in {res.dlq(key)}: a story stopped at {key}.",
                runbook="dlq-not-empty",
            )
        for key, queue in queues.items():
            self._alarm(
                f"{key}-queue-stuck",
                queue.metric_approximate_age_of_oldest_message(statistic="Maximum", period=FIVE_MINUTES),
                threshold=15 * 60,
                comparison=cw.ComparisonOperator.GREATER_THAN_THRESHOLD,
                evaluation_periods=3,
                description=f"The oldest message in {res.queue(key)} has waited 15 minutes.",
                runbook="queue-stuck",
            )
        for handler, name in function_names.items():
            self._alarm(
                f"{handler}-errors",
                lambda_metric("Errors", name, "Sum"),
                threshold=1,
                description=f"The function {name} failed (an unhandled error, a timeout or a crash).",
                runbook="function-errors",
            )
        self._alarm(
            "publish-failed",
            cw.MathExpression(
                expression="+".join(f"FILL(f{i},0)" for i in range(len(ALARMED_CHANNELS))),
                using_metrics={
                    f"f{i}": app_metric(f"PublishFailed_{ch}") for i, ch in enumerate(ALARMED_CHANNELS)
                },
                period=FIVE_MINUTES,
                label="publish failures, all channels",
            ),
            threshold=1,
            description="A channel refused or failed a post; the story is PUBLISH_FAILED or retrying.",
        )
        self._alarm(
            "approvals-overdue",
            app_metric("ApprovalsOverdue", "Maximum", Duration.minutes(15)),
            threshold=0,
            comparison=cw.ComparisonOperator.GREATER_THAN_THRESHOLD,
            description="Stories are still waiting for approval after their reminder was sent.",
        )
        self._alarm(
            "rules-invalid",
            app_metric("RulesInvalid"),
            threshold=1,
            description="The organisation's rules file does not validate; the last good rules are in force.",
        )
        self._alarm(
            "rate-limited",
            app_metric("RateLimited"),
            threshold=1,
            description="A form client or a sender went over an hourly limit; their submissions are refused.",
        )
        self.dashboard = self._dashboard(queues, dlqs, function_names)

    def _topic_key(self) -> kms.Key:
        """The ops topic's key. A customer-managed key, not the free AWS-managed alias/aws/sns: CloudWatch
        alarms can publish to an encrypted topic only if the key's policy lets CloudWatch use the key,
        and the AWS-managed key's policy cannot be changed (alarms would fail to notify, silently)."""
        key = kms.Key(
            self,
            "OpsTopicKey",
            alias=f"alias/{self.prefix}-ops",
            description=f"Encrypts {self.prefix}-ops, the alarms topic",
            enable_key_rotation=True,
            pending_window=Duration.days(7),
            removal_policy=RemovalPolicy.DESTROY,
        )
        key.add_to_resource_policy(
            iam.PolicyStatement(
                sid="AllowCloudWatchAlarmsToPublish",
                principals=[iam.ServicePrincipal("cloudwatch.amazonaws.com")],
                actions=["kms:Decrypt", "kms:GenerateDataKey*"],
                resources=["*"],
            )
        )
        return key

    def _alarm(
        self,
        name: str,
        metric: cw.IMetric,
        *,
        threshold: float,
        description: str,
        comparison: cw.ComparisonOperator = cw.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluation_periods: int = 1,
        runbook: str = "",
    ) -> cw.Alarm:
        alarm = cw.Alarm(
            self,
            "Alarm-" + name,
            alarm_name=f"{self.prefix}-{name}",
            alarm_description=f"{description} Runbook: docs/operations.md#{runbook or name}",
            metric=metric,
            threshold=threshold,
            comparison_operator=comparison,
            evaluation_periods=evaluation_periods,
            # No data means nothing happened: quiet queues and idle functions are not faults.
            treat_missing_data=cw.TreatMissingData.NOT_BREACHING,
        )
        action = cw_actions.SnsAction(self.topic)
        alarm.add_alarm_action(action)
        alarm.add_ok_action(action)
        self.alarms[name] = alarm
        return alarm

    def _dashboard(
        self,
        queues: Mapping[str, sqs.Queue],
        dlqs: Mapping[str, sqs.Queue],
        function_names: Mapping[str, str],
    ) -> cw.Dashboard:
        board = cw.Dashboard(self, "Dashboard", dashboard_name=f"{self.prefix}-operations")
        hour = Duration.hours(1)
        names: Sequence[str] = list(function_names.values())
        board.add_widgets(
            cw.AlarmStatusWidget(title="Alarms", alarms=list(self.alarms.values()), width=24, height=4)
        )
        board.add_widgets(
            cw.GraphWidget(
                title="Stories per stage (per hour)",
                left=[app_metric(m, period=hour) for m in STAGE_METRICS],
                stacked=False,
                width=12,
            ),
            cw.GraphWidget(
                title="Approval latency (seconds)",
                left=[
                    app_metric("ApprovalLatencySeconds", stat, hour).with_(label=stat)
                    for stat in ("p50", "p90", "Maximum")
                ],
                right=[app_metric("ApprovalsOverdue", "Maximum", Duration.minutes(15))],
                width=12,
            ),
        )
        board.add_widgets(
            cw.GraphWidget(
                title="Check findings by check id (per hour)",
                left=[
                    cw.SearchExpression(
                        expression=f"SEARCH('{{{d.METRICS_NAMESPACE},service}} Finding', 'Sum', 3600)",
                        label="",
                    )
                ],
                width=12,
            ),
            cw.GraphWidget(
                title="Publish results per channel",
                left=[app_metric(f"Published_{ch}", period=hour) for ch in d.CHANNELS],
                right=[app_metric(f"PublishFailed_{ch}", period=hour) for ch in d.CHANNELS],
                width=12,
            ),
        )
        board.add_widgets(
            cw.GraphWidget(
                title="Lambda duration p90 (ms)",
                left=[lambda_metric("Duration", n, "p90", n) for n in names],
                width=8,
            ),
            cw.GraphWidget(
                title="Lambda errors", left=[lambda_metric("Errors", n, "Sum", n) for n in names], width=8
            ),
            cw.GraphWidget(
                title="Queue depth and DLQ depth",
                left=[
                    q.metric_approximate_number_of_messages_visible(label=q.queue_name)
                    for q in queues.values()
                ],
                right=[
                    q.metric_approximate_number_of_messages_visible(label=q.queue_name) for q in dlqs.values()
                ],
                width=8,
            ),
        )
        board.add_widgets(
            cw.GraphWidget(
                title="Email, links and parked messages",
                left=[app_metric(m, period=hour) for m in ("EmailsSent", "FormSubmitted")],
                right=[
                    app_metric(m, period=hour)
                    for m in ("MessagesParked", "LinkRefused", "RateLimited", "RulesInvalid")
                ],
                width=24,
            )
        )
        return board
