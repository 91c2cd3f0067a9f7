"""Synthesise the CDK app once per test session, offline, and share the template.

Synthesis runs in a child process: ``chalice package`` imports app.py with the deployment's
environment variables and would otherwise leave them in this process for every other test.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

# Node's end-of-life banner on every jsii start is noise in test output.
os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "18,20")

REPO = Path(__file__).resolve().parents[2]
STAGE = "dev"


@dataclass(frozen=True)
class Synthesised:
    outdir: Path
    template_path: Path
    template: dict[str, Any]
    seconds: float

    def resources(self, type_: str) -> dict[str, dict[str, Any]]:
        return {k: v for k, v in self.template["Resources"].items() if v["Type"] == type_}


def synthesise(outdir: Path, context: dict[str, Any] | None = None) -> Synthesised:
    """``python -m infra.app OUTDIR`` as ``make synth`` runs it; context as the CDK CLI passes it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "CDK_"))}
    env["JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION"] = "18,20"
    if context:
        env["CDK_CONTEXT_JSON"] = json.dumps(context)
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "infra.app", str(outdir)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    seconds = time.monotonic() - started
    assert done.returncode == 0, done.stdout + done.stderr
    path = outdir / f"{STAGE}.template.json"
    return Synthesised(outdir, path, json.loads(path.read_text()), seconds)


@pytest.fixture(scope="session")
def synthesised(tmp_path_factory: pytest.TempPathFactory) -> Synthesised:
    return synthesise(tmp_path_factory.mktemp("cdk.out"))


# A deployment with every optional setting given: the blog on its own domain, other API limits.
CUSTOM_CONTEXT: dict[str, Any] = {
    "blog_domain_name": "stories.example.gov.uk",
    "blog_certificate_arn": "arn:aws:acm:us-east-1:111122223333:certificate/0000-example",
    "api_rate_limit": 3,
    "api_burst_limit": 7,
    "errors_per_function": True,
}


@pytest.fixture(scope="session")
def synthesised_custom(tmp_path_factory: pytest.TempPathFactory) -> Synthesised:
    return synthesise(tmp_path_factory.mktemp("cdk.out.custom"), CUSTOM_CONTEXT)


@pytest.fixture(scope="session")
def template(synthesised: Synthesised) -> Any:
    from aws_cdk.assertions import Template

    return Template.from_json(synthesised.template)
