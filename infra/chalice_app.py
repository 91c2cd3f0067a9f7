"""The Chalice app as a CDK construct, with what ``chalice package`` leaves out put back.

``chalice.cdk.Chalice`` runs ``chalice package`` during synth and imports the SAM template it writes.
Three things need fixing on the way in, and this is the one place that does it:

- app.py imports ``chalicelib.definition`` (the shared resource names), but a Chalice package only carries
  app.py and chalicelib/: the definition is added to the deployment zip here.
- Chalice writes its scratch output into the current directory; it goes under the CDK output instead,
  so nothing generated lands in the work tree.
- the functions are listed from the packaged template, so the stack can wire every handler Chalice
  knows about (including ones added later) without a second list to keep in step.
"""

from __future__ import annotations

import json
import os
import zipfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aws_cdk import CfnResource
from chalice.cdk import Chalice
from constructs import Construct

REPO = Path(__file__).resolve().parents[1]
# Files outside app.py and chalicelib/ that the deployed code imports.
EXTRA_FILES: tuple[str, ...] = ("infra/__init__.py", "chalicelib/definition.py")


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


@contextmanager
def _working_dir(path: Path) -> Iterator[None]:
    before = Path.cwd()
    path.mkdir(parents=True, exist_ok=True)
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


class ChaliceApp(Chalice):
    """``chalice.cdk.Chalice`` that ships chalicelib/definition.py and reports the functions it packaged."""

    def __init__(
        self, scope: Construct, construct_id: str, *, stage_config: Mapping[str, Any], scratch_dir: Path
    ) -> None:
        self._template_path: str | None = None
        with _working_dir(scratch_dir):
            super().__init__(scope, construct_id, source_dir=str(REPO), stage_config=dict(stage_config))
        assert self._template_path is not None
        with open(self._template_path, encoding="utf-8") as f:
            self.functions: list[PackagedFunction] = functions_in(json.load(f))

    def _package_app(self) -> None:
        super()._package_app()
        with zipfile.ZipFile(os.path.join(self._sam_package_dir, "deployment.zip"), "a") as z:
            present = set(z.namelist())
            for rel in EXTRA_FILES:
                if rel not in present:
                    z.write(REPO / rel, rel)

    def _generate_sam_template_with_assets(self, chalice_out_dir: str, package_id: str) -> str:
        path = str(super()._generate_sam_template_with_assets(chalice_out_dir, package_id))
        self._template_path = path
        return path

    def function_resource(self, fn: PackagedFunction) -> CfnResource:
        resource: CfnResource = self.get_resource(fn.logical_id)
        return resource
