"""Alarms, the ops topic and the dashboard: what tells a person at 3 a.m. that something needs them.

Every alarm here has a section of the same name in docs/operations.md; the metric names are the ones the
handlers emit through Powertools (namespace RealStories, dimension service=real-stories).

CloudWatch bills an alarm for every metric it reads ($0.10 a month each beyond the first 10, whether
the alarm reads one metric or a SUM of five; a composite alarm costs $0.50 on top of the alarms it
combines), so the alarms read few metrics: each working queue's oldest message (one a queue), the
errors of every Lambda function in the account and region (1), and the handlers' own count of
everything else that pages (1, definition.ATTENTION_METRIC), DLQ depths included, which the sweep
reads from SQS every run. With ``errors_per_function`` (for an account shared with other functions)
the errors alarm reads each function's errors instead.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from aws_cdk import Duration
from aws_cdk import aws_cloudwatch as cw
from aws_cdk import aws_cloudwatch_actions as cw_actions
from aws_cdk import aws_sns as sns
from aws_cdk import aws_sns_subscriptions as subs
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from chalicelib import definition as d
from infra.suppressions import skip

FIVE_MINUTES = Duration.minutes(5)
# The sweep runs every 5 minutes and always reports the attention count (0 when all is well), so every
# period this long holds at least one report while it runs.
ATTENTION_PERIOD = Duration.minutes(10)
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


def lambda_metric(
    name: str, function_name: str | None, statistic: str, label: str | None = None
) -> cw.Metric:
    """A Lambda metric of one function, or (``function_name`` None) of every function in the account and
    region together, which Lambda publishes without a dimension."""
    return cw.Metric(
        namespace="AWS/Lambda",
        metric_name=name,
        dimensions_map={"FunctionName": function_name} if function_name else None,
        statistic=statistic,
        period=FIVE_MINUTES,
        label=label,
    )


# Why the ops topic has no KMS key, for checkov (CKV_AWS_26) and docs/deploy.md.
OPS_TOPIC_UNENCRYPTED = (
    "The topic carries only alarm state changes (an alarm's name, description, metric and threshold): no "
    "story, no personal data, no secret. CloudWatch cannot publish to a topic under the AWS-managed "
    "aws/sns key (its key policy cannot let CloudWatch use it), so encryption at rest would need a "
    "customer-managed key at $1/month for messages SNS keeps only until it has delivered them; SNS "
    "delivers over TLS and the topic policy refuses publishing without it."
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
        errors_per_function: bool = False,
    ) -> None:
        super().__init__(scope, construct_id)
        self.prefix = prefix
        self.topic = sns.Topic(self, "OpsTopic", topic_name=f"{prefix}-ops", enforce_ssl=True)
        skip(self.topic, "CKV_AWS_26", OPS_TOPIC_UNENCRYPTED)
        if ops_email:
            self.topic.add_subscription(subs.EmailSubscription(ops_email))
        self.alarms: dict[str, cw.Alarm] = {}

        res = d.Resources(prefix)
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
        names = sorted(function_names.values())
        self._alarm(
            "function-errors",
            cw.MathExpression(
                expression="+".join(f"FILL(e{i},0)" for i in range(len(names))),
                using_metrics={f"e{i}": lambda_metric("Errors", n, "Sum") for i, n in enumerate(names)},
                period=FIVE_MINUTES,
                label="errors, every function of the stack",
            )
            if errors_per_function
            else lambda_metric("Errors", None, "Sum"),
            threshold=1,
            description="A function failed (an unhandled error, a timeout or a crash): "
            + ", ".join(names)
            + ("" if errors_per_function else ", or any other function in this account and region")
            + ".",
        )
        self._alarm(
            "needs-attention",
            # Two sweeps' worth: a period with no data at all means the sweep has stopped.
            app_metric(d.ATTENTION_METRIC, period=ATTENTION_PERIOD),
            threshold=1,
            description="A message waits in a DLQ, a channel failed a post, the rules file does not "
            "validate, a sender or form client went over an hourly limit, approvals are overdue, or the "
            "sweep has stopped reporting; the dashboard's 'Needs attention' graph says which.",
            treat_missing_data=cw.TreatMissingData.BREACHING,
        )
        self.dashboard = self._dashboard(queues, dlqs, function_names)

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
        # By default no data means nothing happened: quiet queues and idle functions are not faults.
        treat_missing_data: cw.TreatMissingData = cw.TreatMissingData.NOT_BREACHING,
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
            treat_missing_data=treat_missing_data,
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
                title="Needs attention: what the needs-attention alarm adds up",
                left=[app_metric(f"PublishFailed_{ch}") for ch in d.CHANNELS]
                + [app_metric("RulesInvalid"), app_metric("RateLimited")],
                right=[
                    app_metric("ApprovalsOverdue", "Maximum", Duration.minutes(15)),
                    app_metric("DeadLetters", "Maximum"),
                ],
                width=24,
            )
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
