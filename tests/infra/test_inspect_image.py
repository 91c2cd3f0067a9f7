"""The inspect function is a container image with its own memory and timeout; every other function stays
Chalice's zip with its dependency layer, and the image is built from the deployed code alone."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from infra.inspect_image import DOCKERFILE, MEMORY_MB, TIMEOUT_S
from tests.infra.conftest import REPO, Synthesised


def _functions(synth: Synthesised) -> dict[str, dict[str, Any]]:
    return {
        str(r["Properties"]["FunctionName"]).rsplit("-", 1)[-1]: r["Properties"]
        for r in synth.resources("AWS::Serverless::Function").values()
    }


def test_the_inspect_function_runs_from_an_image_with_its_own_memory_and_timeout(
    synthesised: Synthesised,
) -> None:
    fns = _functions(synthesised)
    inspect = fns["on_inspect"]
    assert inspect["PackageType"] == "Image"
    assert inspect["ImageConfig"]["Command"] == ["app.on_inspect"]
    assert "Fn::Sub" in inspect["ImageUri"] and "container-assets" in inspect["ImageUri"]["Fn::Sub"]
    assert not {"Handler", "Runtime", "CodeUri", "Layers"} & set(inspect)
    config = json.loads((REPO / ".chalice" / "config.json").read_text())["stages"]["dev"]
    own = config["lambda_functions"]["on_inspect"]
    assert (inspect["MemorySize"], inspect["Timeout"]) == (MEMORY_MB, TIMEOUT_S)
    assert (own["lambda_memory_size"], own["lambda_timeout"]) == (MEMORY_MB, TIMEOUT_S)
    assert inspect["MemorySize"] > config["lambda_memory_size"]
    # The same events, role and once-at-a-time batches as any queue handler.
    [event] = inspect["Events"].values()
    assert event["Properties"]["BatchSize"] == 1
    assert event["Properties"]["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    for name, props in fns.items():
        if name != "on_inspect":
            assert props.get("PackageType", "Zip") == "Zip" and props["Handler"].startswith("app.")
            assert props["MemorySize"] == config["lambda_memory_size"], name


def test_the_image_is_built_from_the_deployed_code_and_its_requirements_only(
    synthesised: Synthesised,
) -> None:
    assets = json.loads(next(synthesised.outdir.glob("*.assets.json")).read_text())
    [image] = assets["dockerImages"].values()
    assert image["source"]["dockerFile"] == DOCKERFILE
    context = synthesised.outdir / image["source"]["directory"]
    top = {p.name for p in context.iterdir()}
    assert top == {"app.py", "chalicelib", "requirements.txt", "requirements-inspect.txt", "infra"}
    assert not list(context.rglob("__pycache__"))
    assert (context / "chalicelib" / "inspect" / "embedded.py").is_file()
    dockerfile = (REPO / DOCKERFILE).read_text()
    assert re.search(r'^CMD \["app\.on_inspect"\]$', dockerfile, re.M)
    assert "requirements-inspect.txt" in dockerfile


def test_the_inspect_requirements_are_not_in_the_zip_functions_layer() -> None:
    zipped = (REPO / "requirements.txt").read_text()
    for heavy in ("opencv", "onnxruntime", "rapidocr"):
        assert heavy not in zipped
    assert "rapidocr-onnxruntime==" in (REPO / "requirements-inspect.txt").read_text()
    assert Path(REPO / DOCKERFILE).is_file()
