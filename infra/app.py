"""The CDK app's entry point: read the deployment's context, build the stack, write the template.

``make synth`` runs ``python -m infra.app``; so does the CDK CLI through cdk.json. Synthesis needs
node (for jsii) and, the first time, PyPI (Chalice builds the dependency layer); never an AWS account.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

# Node's end-of-life banner would otherwise be printed on every jsii call.
os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "18,20")

import aws_cdk as cdk

from chalicelib import definition as d
from infra.stack import DEFAULT_API_BURST_LIMIT, DEFAULT_API_RATE_LIMIT, RealStoriesStack, StackSettings

DEFAULT_REGION = "eu-west-2"
# CDK behaviours this app relies on, whatever cdk.json holds.
FEATURE_FLAGS: dict[str, Any] = {
    # S3 server access logs are allowed by the log bucket's policy, not by the log-delivery ACL.
    "@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy": True,
}


def _int(value: Any, default: int) -> int:
    return default if value in (None, "") else int(value)


def settings_from_context(app: cdk.App, outdir: Path) -> StackSettings:
    ctx = app.node.try_get_context
    stage = str(ctx("stage") or "dev")
    submission = str(ctx("submission_address") or "stories@example.gov.uk")
    return StackSettings(
        stage=stage,
        prefix=str(ctx("prefix") or f"real-stories-{stage}"),
        submission_address=submission,
        sender_domain=str(ctx("sender_domain") or submission.rsplit("@", 1)[-1]),
        public_base_url=str(ctx("public_base_url") or ""),
        ops_email=str(ctx("ops_email") or ""),
        raw_retention_days=_int(ctx("raw_retention_days"), d.DEFAULT_RAW_RETENTION_DAYS),
        rejected_retention_days=_int(ctx("rejected_retention_days"), d.DEFAULT_REJECTED_RETENTION_DAYS),
        api_rate_limit=_int(ctx("api_rate_limit"), DEFAULT_API_RATE_LIMIT),
        api_burst_limit=_int(ctx("api_burst_limit"), DEFAULT_API_BURST_LIMIT),
        blog_domain_name=str(ctx("blog_domain_name") or ""),
        blog_certificate_arn=str(ctx("blog_certificate_arn") or ""),
        errors_per_function=str(ctx("errors_per_function") or "").lower() in ("1", "true", "yes"),
        scratch_dir=outdir / "chalice",
    )


def build(context: dict[str, Any] | None = None, outdir: str | None = None) -> cdk.App:
    """Build the app (tests pass context and an output directory; the CLI passes them by environment)."""
    # chalice package asks botocore for a region even though the template is region-agnostic.
    os.environ.setdefault("AWS_DEFAULT_REGION", os.environ.get("CDK_DEFAULT_REGION", DEFAULT_REGION))
    app = cdk.App(context={**FEATURE_FLAGS, **(context or {})}, outdir=outdir)
    RealStoriesStack(app, settings_from_context(app, Path(app.outdir).resolve()))
    return app


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    outdir = args[0] if args else None
    assembly = build(outdir=outdir).synth()
    for stack in assembly.stacks:
        print(f"{stack.stack_name}: {Path(assembly.directory) / stack.template_file}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
