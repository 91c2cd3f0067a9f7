"""The Chalice app as a CDK construct, used through ``chalice.cdk.Chalice``'s public interface only.

``chalice.cdk.Chalice`` runs ``chalice package`` during synth and imports the SAM template it writes.
Everything the deployed code imports is in app.py and chalicelib/, which is what a Chalice package
carries, so the package goes in as Chalice makes it. Two things are added around the construct, and
this is the one place that does them:

- Chalice writes its scratch output (``chalice.out/``) into the current directory; the construct is
  built from a working directory under the CDK output instead, so nothing generated lands in the work
  tree.
- the functions are listed from the packaged template, so the stack can wire every handler Chalice
  knows about (including ones added later) without a second list to keep in step.
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aws_cdk import CfnResource
from chalice.cdk import Chalice
from constructs import Construct

REPO = Path(__file__).resolve().parents[1]
# Where ``chalice.cdk.Chalice`` writes ``chalice package``'s output, relative to the working directory:
# one directory per package holding sam.json (the template) and the zips.
PACKAGE_OUTPUT = "chalice.out"
SAM_TEMPLATE = "sam.json"


@dataclass(frozen=True)
class PackagedFunction:
    """One Lambda function from the packaged SAM template."""

    logical_id: str  # e.g. OnIntake, APIHandler
    handler: str  # the Python name in app.py: on_intake, api_handler
    sqs_events: tuple[str, ...]  # names of its SQS event sources in the template
    sqs_queue_names: tuple[str, ...]
    timeout_s: int
    has_schedule: bool


def _handler_name(logical_id: str, props: Mapping[str, Any]) -> str:
    target = str(props.get("Handler", ""))
    # Routes share one function, app.app; Chalice calls it the API handler.
    return "api_handler" if target == "app.app" else target.removeprefix("app.") or logical_id


def _queue_name(queue: Any) -> str:
    # Chalice writes a queue given by name as Fn::Sub "arn:...:<account>:<name>".
    text = queue.get("Fn::Sub", "") if isinstance(queue, dict) else str(queue)
    return str(text).rsplit(":", 1)[-1]


def functions_in(template: Mapping[str, Any]) -> list[PackagedFunction]:
    out: list[PackagedFunction] = []
    for logical_id, res in template.get("Resources", {}).items():
        if res.get("Type") != "AWS::Serverless::Function":
            continue
        props = res.get("Properties", {})
        events = props.get("Events", {}) or {}
        sqs = {name: ev for name, ev in events.items() if ev.get("Type") == "SQS"}
        out.append(
            PackagedFunction(
                logical_id=logical_id,
                handler=_handler_name(logical_id, props),
                sqs_events=tuple(sqs),
                sqs_queue_names=tuple(_queue_name(ev["Properties"]["Queue"]) for ev in sqs.values()),
                timeout_s=int(props.get("Timeout", 3)),
                has_schedule=any(ev.get("Type") == "Schedule" for ev in events.values()),
            )
        )
    return out


def packaged_template(workdir: Path) -> dict[str, Any]:
    """The SAM template ``chalice package`` wrote while the construct was built from ``workdir``.

    The construct keeps the template's path only in a private attribute, and its public
    ``sam_template`` (a CfnInclude) cannot be read back reliably: jsii fails to return a
    function's Events. So the template is found where the construct writes it, in a working
    directory made empty for it; a change in that layout fails synth here, loudly.
    """
    found = sorted((workdir / PACKAGE_OUTPUT).glob(f"*/{SAM_TEMPLATE}"))
    if len(found) != 1:
        raise RuntimeError(f"expected one packaged {SAM_TEMPLATE} under {workdir}, found {len(found)}")
    with found[0].open(encoding="utf-8") as f:
        template: dict[str, Any] = json.load(f)
    return template


def _fresh_dir(path: Path) -> Path:
    # Emptied first, so the one template in it is this synth's, and old packages do not pile up.
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


class ChaliceApp(Chalice):
    """``chalice.cdk.Chalice`` built from a scratch directory, reporting the functions it packaged."""

    def __init__(
        self, scope: Construct, construct_id: str, *, stage_config: Mapping[str, Any], scratch_dir: Path
    ) -> None:
        # One working directory per construct path, so two stacks synthesised together keep apart.
        name = re.sub(r"[^A-Za-z0-9_.-]+", "-", f"{scope.node.path}/{construct_id}").strip("-")
        workdir = _fresh_dir(scratch_dir.resolve() / name)
        with contextlib.chdir(workdir):
            super().__init__(scope, construct_id, source_dir=str(REPO), stage_config=dict(stage_config))
        self.functions: list[PackagedFunction] = functions_in(packaged_template(workdir))

    def function_resource(self, fn: PackagedFunction) -> CfnResource:
        resource: CfnResource = self.get_resource(fn.logical_id)
        return resource
