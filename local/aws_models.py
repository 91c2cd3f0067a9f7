"""Builds ``chalicelib/aws_models/``: botocore's own data, cut to what the functions call, to save memory.

Every boto3 client loads its service's whole model (every operation, every shape, every line of
documentation) and the first one loads ``endpoints.json`` (every region of every service in every
partition). For the five clients a function holds that is about 26 MB of Python objects, more than
the rest of the function together. botocore searches a data path before its own data (the
``AWS_DATA_PATH`` mechanism; the container sets it on its own session, not in the environment), so
the functions ship the same files cut down: each service model keeps only the operations listed
here, the shapes they reach and no documentation, and ``endpoints.json`` keeps every partition with
only these services' entries. Paginators, waiters and endpoint rule sets still come from botocore.

The files are generated from the installed botocore, never edited: run ``make aws-models`` after a
botocore upgrade or when a function starts calling another operation. tests/unit/test_aws_models.py
fails when the files differ from what this module builds, and when the code calls an operation that is
not listed here.
"""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path
from typing import Any

import botocore
from botocore import xform_name

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "chalicelib" / "aws_models"

# The operations the functions call, by botocore's service name. Most are called by the adapters in
# chalicelib/adapters/; GetParameter is called for them by Powertools' SSMProvider (secrets.py).
OPERATIONS: dict[str, tuple[str, ...]] = {
    "dynamodb": ("DeleteItem", "GetItem", "PutItem", "Query", "Scan", "UpdateItem"),
    "s3": ("DeleteObjects", "GetObject", "ListObjectsV2", "PutObject", "PutObjectTagging"),
    "sesv2": ("SendEmail",),
    "sqs": ("GetQueueAttributes", "GetQueueUrl", "SendMessage"),
    "ssm": ("GetParameter",),
}


def botocore_data() -> Path:
    return Path(botocore.__file__).parent / "data"


def latest_version(service: str) -> str:
    return max(p.name for p in (botocore_data() / service).iterdir() if p.is_dir())


def full_model(service: str) -> dict[str, Any]:
    folder = botocore_data() / service / latest_version(service)
    packed = folder / "service-2.json.gz"
    text = (
        gzip.decompress(packed.read_bytes()) if packed.exists() else (folder / "service-2.json").read_bytes()
    )
    model: dict[str, Any] = json.loads(text)
    return model


def _shapes_named(node: Any, into: set[str]) -> None:
    """Every shape a model fragment refers to (``{"shape": name}`` wherever it appears)."""
    if isinstance(node, dict):
        shape = node.get("shape")
        if isinstance(shape, str):
            into.add(shape)
        for value in node.values():
            _shapes_named(value, into)
    elif isinstance(node, list):
        for value in node:
            _shapes_named(value, into)


def _undocumented(node: Any) -> Any:
    if isinstance(node, dict):
        return {
            k: _undocumented(v)
            for k, v in node.items()
            if not (k in ("documentation", "documentationUrl") and isinstance(v, str))
        }
    if isinstance(node, list):
        return [_undocumented(v) for v in node]
    return node


def cut_model(model: dict[str, Any], operations: tuple[str, ...]) -> dict[str, Any]:
    """The model with only ``operations``, the shapes they reach, and no documentation."""
    missing = set(operations) - set(model["operations"])
    if missing:
        raise KeyError(f"{model['metadata']['serviceId']} has no operation {sorted(missing)}")
    kept_ops = {name: op for name, op in model["operations"].items() if name in operations}
    reached: set[str] = set()
    _shapes_named(kept_ops, reached)
    todo = list(reached)
    while todo:
        found: set[str] = set()
        _shapes_named(model["shapes"][todo.pop()], found)
        todo.extend(found - reached)
        reached |= found
    # Documentation goes from the operations and shapes only: botocore reads the documentation of
    # the client's context parameters (S3's, in the model's top level) when it resolves an endpoint.
    cut = dict(model)
    cut["operations"] = _undocumented(kept_ops)
    cut["shapes"] = _undocumented({name: s for name, s in model["shapes"].items() if name in reached})
    return cut


def cut_endpoints(endpoints: dict[str, Any], prefixes: set[str]) -> dict[str, Any]:
    """Every partition as botocore has it, with only the services whose endpoint prefix is given."""
    partitions = [
        {**p, "services": {k: v for k, v in p["services"].items() if k in prefixes}}
        for p in endpoints["partitions"]
    ]
    return {**endpoints, "partitions": partitions}


def _dump(data: Any) -> str:
    return json.dumps(data, separators=(",", ":")) + "\n"


def build() -> dict[str, str]:
    """Relative path -> file text of everything ``chalicelib/aws_models/`` should hold."""
    files: dict[str, str] = {}
    prefixes: set[str] = set()
    for service, operations in OPERATIONS.items():
        model = full_model(service)
        prefixes.add(model["metadata"]["endpointPrefix"])
        files[f"{service}/{latest_version(service)}/service-2.json"] = _dump(cut_model(model, operations))
    endpoints = json.loads((botocore_data() / "endpoints.json").read_text())
    files["endpoints.json"] = _dump(cut_endpoints(endpoints, prefixes))
    return files


def snake_names(service: str) -> dict[str, str]:
    """boto3's method name (``put_object``) -> the operation (``PutObject``) for every operation."""
    return {xform_name(op): op for op in full_model(service)["operations"]}


def write(out: Path = OUT) -> None:
    if out.exists():
        shutil.rmtree(out)
    for rel, text in build().items():
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


if __name__ == "__main__":
    write()
    print(f"wrote {OUT.relative_to(ROOT)} from botocore {botocore.__version__}")
