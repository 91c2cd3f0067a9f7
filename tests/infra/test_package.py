"""The deployment ``chalice package`` makes imports with nothing beside it but requirements.txt and boto3.

In Lambda the code has only its deployment zip, the dependency layer (built from requirements.txt) and
the runtime's boto3: not the work tree, its editable install, infra/, local/ or tests/. So the package is
made offline from a copy of exactly what Chalice packages, with the settings the CDK app uses, unpacked,
and imported by a virtualenv holding requirements.txt and boto3 only.

The virtualenv is built once per requirements.txt and boto3 pin (keyed by their hash) under
.pytest-cache-venv/, which git ignores; the first build needs the package registry, later runs do not.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from infra.stack import CHALICE_PACKAGING
from tests.infra.conftest import REPO, STAGE

CACHE = REPO / ".pytest-cache-venv"
# What Chalice packages from a project: app.py, chalicelib/ and requirements.txt (for the layer).
PROJECT_FILES = ("app.py", "requirements.txt")
PROJECT_DIRS = ("chalicelib",)
# CHALICE_PACKAGING turns Chalice's role off; it then needs a role ARN, which the stack replaces.
PLACEHOLDER_ROLE = "arn:aws:iam::123456789012:role/replaced-per-function"
# Packages the deployed code must never carry or need.
NOT_DEPLOYED = ("infra", "local", "tests")


def _boto3_pin() -> str:
    """The boto3 the runtime stands in for: the one the project develops and tests against."""
    text = (REPO / "requirements-dev.txt").read_text(encoding="utf-8")
    match = re.search(r"^boto3==\S+", text, re.MULTILINE)
    assert match, "requirements-dev.txt pins boto3"
    return match.group(0)


def _python311() -> str:
    found = shutil.which("python3.11")
    if found:
        return found
    assert sys.version_info[:2] == (3, 11), "the Lambda runtime is Python 3.11"
    return sys.executable


def _runtime_venv() -> Path:
    """A virtualenv with requirements.txt and boto3 only, reused while neither changes."""
    boto3 = _boto3_pin()
    key = hashlib.sha256((REPO / "requirements.txt").read_bytes() + b"\n" + boto3.encode()).hexdigest()[:16]
    venv = CACHE / key
    done = venv / ".complete"
    CACHE.mkdir(exist_ok=True)
    # Two test runs at once build it once: the second waits, then finds it complete.
    with (CACHE / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            # A build that died half way is started again.
            shutil.rmtree(venv, ignore_errors=True)
            subprocess.run([_python311(), "-m", "venv", str(venv)], check=True, timeout=300)
            subprocess.run(
                [
                    str(venv / "bin" / "python"),
                    "-m",
                    "pip",
                    "install",
                    "-q",
                    "--disable-pip-version-check",
                    "-r",
                    str(REPO / "requirements.txt"),
                    boto3,
                ],
                check=True,
                timeout=1200,
            )
            done.touch()
            # Virtualenvs for older requirements are of no further use.
            for old in CACHE.iterdir():
                if old.is_dir() and old != venv:
                    shutil.rmtree(old, ignore_errors=True)
    return venv


def _project_copy(dest: Path) -> Path:
    """The files Chalice packages, with the stage settings the CDK app passes the construct."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in PROJECT_FILES:
        shutil.copy2(REPO / name, dest / name)
    for name in PROJECT_DIRS:
        shutil.copytree(REPO / name, dest / name, ignore=ignore)
    config: dict[str, Any] = json.loads((REPO / ".chalice" / "config.json").read_text(encoding="utf-8"))
    config["stages"][STAGE].update({**CHALICE_PACKAGING, "iam_role_arn": PLACEHOLDER_ROLE})
    (dest / ".chalice").mkdir()
    (dest / ".chalice" / "config.json").write_text(json.dumps(config, indent=2), encoding="utf-8")
    # The dependency layer is cached by requirements.txt where synth caches it, so it is built once.
    (REPO / ".chalice" / "deployments").mkdir(parents=True, exist_ok=True)
    (dest / ".chalice" / "deployments").symlink_to(REPO / ".chalice" / "deployments")
    return dest


@dataclass(frozen=True)
class Package:
    task_root: Path  # the deployment zip, unpacked as Lambda unpacks it
    names: frozenset[str]  # the zip's entries
    template: dict[str, Any]  # the SAM template chalice package wrote

    def handlers(self) -> dict[str, str]:
        """Each function's logical id and the name its handler points at in app.py."""
        out: dict[str, str] = {}
        for logical_id, res in self.template["Resources"].items():
            if res["Type"] == "AWS::Serverless::Function":
                module, _, name = str(res["Properties"]["Handler"]).partition(".")
                assert module == "app", res["Properties"]["Handler"]
                out[logical_id] = name
        return out

    def environment(self, logical_id: str) -> dict[str, str]:
        """The function's literal environment variables (values CloudFormation fills in are left out)."""
        props = self.template["Resources"][logical_id]["Properties"]
        variables = props.get("Environment", {}).get("Variables", {})
        return {k: v for k, v in variables.items() if isinstance(v, str)}


def _chalice_package(project: Path, out: Path) -> None:
    chalice = Path(sys.executable).parent / "chalice"
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    # Packaging asks botocore for a region; nothing here reaches AWS.
    env["AWS_DEFAULT_REGION"] = "eu-west-2"
    done = subprocess.run(
        [str(chalice), "--project-dir", str(project), "package", "--stage", STAGE, str(out)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Package:
    project = _project_copy(tmp_path_factory.mktemp("project"))
    out = tmp_path_factory.mktemp("package") / "out"
    _chalice_package(project, out)
    task_root = tmp_path_factory.mktemp("task")
    with zipfile.ZipFile(out / "deployment.zip") as z:
        names = frozenset(z.namelist())
        z.extractall(task_root)
    template = json.loads((out / "sam.json").read_text(encoding="utf-8"))
    return Package(task_root, names, template)


IMPORT_APP = """
import json, sys
import app
print(json.dumps({
    "missing": [n for n in json.loads(sys.argv[1]) if not callable(getattr(app, n, None))],
    "files": sorted({getattr(m, "__file__", None) or "" for m in list(sys.modules.values())} - {""}),
}))
"""


def _import_app(venv: Path, package: Package, handlers: list[str], env: dict[str, str]) -> dict[str, Any]:
    root = str(package.task_root)
    lambda_env = {
        **env,
        # What Lambda sets: the code's directory on the path, a region; fake credentials so nothing
        # could reach a real account.
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": root,
        "PYTHONNOUSERSITE": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
        "LAMBDA_TASK_ROOT": root,
        "AWS_REGION": "eu-west-2",
        "AWS_DEFAULT_REGION": "eu-west-2",
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
    }
    done = subprocess.run(
        [str(venv / "bin" / "python"), "-c", IMPORT_APP, json.dumps(handlers)],
        cwd=root,
        env=lambda_env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# The first run builds the virtualenv from the package registry, which takes longer than one test may.
@pytest.mark.timeout(1800)
def test_the_packaged_app_imports_with_only_requirements_txt_and_every_handler_exists(
    package: Package,
) -> None:
    venv = _runtime_venv()
    handlers = package.handlers()
    assert "on_intake" in handlers.values()  # guards against an empty template agreeing with anything
    env = package.environment(next(iter(handlers)))
    result = _import_app(venv, package, sorted(set(handlers.values())), env)
    assert result["missing"] == []
    # Everything came from the package or the virtualenv, never from the work tree.
    root, venv_dir = str(package.task_root.resolve()), str(venv.resolve())
    stray = [f for f in result["files"] if f.startswith(str(REPO)) and not f.startswith(venv_dir)]
    assert stray == []
    assert any(f.startswith(root) and f.endswith("chalicelib/definition.py") for f in result["files"])


def test_the_package_carries_nothing_from_the_cdk_app_local_stack_or_tests(package: Package) -> None:
    assert "app.py" in package.names
    carried = sorted(n for n in package.names if n.split("/", 1)[0] in NOT_DEPLOYED)
    assert carried == []


def test_the_package_carries_the_cut_down_aws_models(package: Package) -> None:
    """The functions' clients read botocore's models from chalicelib/aws_models/ (local/aws_models.py)."""
    models = REPO / "chalicelib" / "aws_models"
    expected = {p.relative_to(REPO).as_posix() for p in models.rglob("*.json")}
    assert "chalicelib/aws_models/endpoints.json" in expected
    assert expected <= package.names
