"""checkov, the infrastructure scanner, finds nothing in the template that is not suppressed with a reason.

checkov pins its own boto3 and other libraries to versions that clash with requirements-dev.txt, so it
lives in its own virtualenv, .venv-scan, built by ``make test`` from requirements-scan.txt. It runs
offline: ``--skip-download`` stops it asking Prisma Cloud for check metadata.

A finding is fixed in infra/ or suppressed on its resource with ``infra.suppressions.skip``, which
writes ``Metadata.checkov.skip`` with the reason beside the resource.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from infra.suppressions import skip
from tests.infra.conftest import REPO, Synthesised

CHECKOV = REPO / ".venv-scan" / "bin" / "checkov"
# What checkov reports for a suppression written without a comment.
NO_COMMENT = "No comment provided"


def run_checkov(template: Path) -> dict[str, Any]:
    if not CHECKOV.exists():
        pytest.fail(f"{CHECKOV} is missing: `make test` builds it (or `make .venv-scan/.installed`)")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BC_", "PRISMA_", "CKV_"))}
    done = subprocess.run(
        [
            str(CHECKOV),
            "--file",
            str(template),
            "--framework",
            "cloudformation",
            "--output",
            "json",
            "--skip-download",
            "--compact",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        check=False,
    )
    # 0: nothing failed; 1: something failed (listed below). Anything else is checkov itself failing.
    assert done.returncode in (0, 1), done.stdout[-2000:] + done.stderr[-4000:]
    report = json.loads(done.stdout)
    # One framework gives one report; checkov gives a list when several ran.
    [report] = report if isinstance(report, list) else [report]
    assert isinstance(report, dict)
    return report


@pytest.fixture(scope="session")
def checkov_report(synthesised: Synthesised) -> dict[str, Any]:
    return run_checkov(synthesised.template_path)


def _describe(check: dict[str, Any]) -> str:
    where = check.get("guideline") or ""
    return f"{check['check_id']} on {check['resource']}: {check['check_name']} {where}".rstrip()


def _suppressions(synth: Synthesised) -> list[tuple[str, str, Any]]:
    """(logical id, check id, reason) for every suppression written in the template."""
    out = []
    for logical, res in synth.template["Resources"].items():
        for entry in res.get("Metadata", {}).get("checkov", {}).get("skip", []):
            out.append((logical, entry.get("id", ""), entry.get("comment")))
    return out


def test_checkov_scanned_every_resource(synthesised: Synthesised, checkov_report: dict[str, Any]) -> None:
    summary = checkov_report["summary"]
    assert summary["parsing_errors"] == 0
    assert summary["resource_count"] == len(synthesised.template["Resources"])
    assert summary["passed"] > 100  # guards against a scan that ran no checks


def test_checkov_finds_no_unsuppressed_failure(checkov_report: dict[str, Any]) -> None:
    failed = checkov_report["results"]["failed_checks"]
    lines = sorted({_describe(c) for c in failed})
    assert not lines, (
        f"checkov: {len(lines)} failed checks. Fix each in infra/, or suppress it on its resource "
        "with infra.suppressions.skip and a reason:\n" + "\n".join(lines)
    )


def test_every_suppression_has_a_reason(synthesised: Synthesised, checkov_report: dict[str, Any]) -> None:
    written = _suppressions(synthesised)
    assert written  # the template has suppressions; an empty list would make this test vacuous
    for logical, check_id, reason in written:
        assert re.fullmatch(r"CKV2?_AWS_\d+", check_id), (logical, check_id)
        assert isinstance(reason, str), (logical, check_id)
        assert len(reason.strip()) >= 20, (logical, check_id, reason)
    for check in checkov_report["results"]["skipped_checks"]:
        comment = check["check_result"].get("suppress_comment", "")
        assert comment.strip(), _describe(check)
        assert comment != NO_COMMENT, _describe(check)


def test_every_suppression_names_a_check_that_ran_on_its_resource(
    synthesised: Synthesised, checkov_report: dict[str, Any]
) -> None:
    # A mistyped id, or one for a check that does not apply to the resource's type, suppresses nothing.
    types = {k: v["Type"] for k, v in synthesised.template["Resources"].items()}
    written = {
        (f"{types[logical]}.{logical}", check_id) for logical, check_id, _ in _suppressions(synthesised)
    }
    applied = {(c["resource"], c["check_id"]) for c in checkov_report["results"]["skipped_checks"]}
    assert written == applied, {"written, not applied": written - applied, "applied": applied - written}


def test_a_custom_blog_domain_gets_tls_1_2_and_needs_no_tls_suppression(
    synthesised_custom: Synthesised,
) -> None:
    report = run_checkov(synthesised_custom.template_path)
    assert not report["results"]["failed_checks"], [_describe(c) for c in report["results"]["failed_checks"]]
    tls = [c for c in report["results"]["passed_checks"] if c["check_id"] == "CKV_AWS_174"]
    assert len(tls) == 1


def test_a_suppression_cannot_be_written_without_a_reason() -> None:
    from aws_cdk import Stack
    from aws_cdk import aws_s3 as s3

    bucket = s3.CfnBucket(Stack(), "Bucket")
    for reason in ("", "   "):
        with pytest.raises(ValueError, match="needs a reason"):
            skip(bucket, "CKV_AWS_18", reason)
    with pytest.raises(ValueError, match="not a checkov check id"):
        skip(bucket, "S3 logging", "a reason long enough to pass")
    skip(bucket, "CKV_AWS_18", "first reason")
    skip(bucket, "CKV_AWS_18", "second reason")  # the same check again replaces the first
    skip(bucket, "CKV_AWS_21", "another check")
    assert bucket.get_metadata("checkov") == {
        "skip": [
            {"id": "CKV_AWS_18", "comment": "second reason"},
            {"id": "CKV_AWS_21", "comment": "another check"},
        ]
    }
