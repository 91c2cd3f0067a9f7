"""The inspect function deployed as a container image, every other function as Chalice's zip.

The photo detectors (OpenCV, onnxruntime and RapidOCR with its ONNX models, numpy, shapely) take about
340 MB installed. Lambda allows 250 MB unzipped for a function's zip and all its layers together, so
neither a zip nor a layer can carry them; a container image may be 10 GB. Only the inspect function
needs them, so only it is an image (built from ``infra/inspect.Dockerfile`` out of the same app.py and
chalicelib as the zip), and the text functions keep their small zip and fast cold start.

``chalice package`` writes every function as a zip function; this module turns the inspect one into an
image function by property overrides on the packaged resource, the one place that does so.
"""

from __future__ import annotations

from aws_cdk import CfnResource, IgnoreMode
from aws_cdk import aws_ecr_assets as ecr_assets
from constructs import Construct

from infra.chalice_app import REPO

IMAGE_HANDLERS = frozenset({"on_inspect"})
# Set here as well as in .chalice/config.json's dev stage, so that a stage without its own entry there
# still gets them: Chalice's default 128 MB cannot hold the detectors (567 MB at peak, bench/inspect.py),
# and Lambda gives CPU in step with memory (2048 MB is about 1.2 vCPU, for the OCR's two threads).
MEMORY_MB = 2048
TIMEOUT_S = 120  # a version's photos at ~1.3-2.5 s each, one version at a time
DOCKERFILE = "infra/inspect.Dockerfile"
# What the image is built from: the deployed code and its two requirements files, nothing else (the
# build context is the repository, which holds virtualenvs, node modules and test data).
BUILD_CONTEXT = [
    "*",
    "!app.py",
    "!chalicelib",
    "!requirements.txt",
    "!requirements-inspect.txt",
    "!" + DOCKERFILE,
    "**/__pycache__",
]


def inspect_image(scope: Construct) -> ecr_assets.DockerImageAsset:
    """The image asset: built and pushed by ``cdk deploy``; ``cdk synth`` only stages its context."""
    return ecr_assets.DockerImageAsset(
        scope,
        "InspectImage",
        directory=str(REPO),
        file=DOCKERFILE,
        exclude=BUILD_CONTEXT,
        ignore_mode=IgnoreMode.DOCKER,
        platform=ecr_assets.Platform.LINUX_AMD64,
    )


def run_from_image(function: CfnResource, image: ecr_assets.DockerImageAsset, handler: str) -> None:
    """Make the packaged zip function ``handler`` run from ``image`` instead, with the detectors' memory
    and timeout (same handler, events, role and environment)."""
    function.add_property_override("PackageType", "Image")
    function.add_property_override("ImageUri", image.image_uri)
    function.add_property_override("ImageConfig.Command", [f"app.{handler}"])
    function.add_property_override("MemorySize", MEMORY_MB)
    function.add_property_override("Timeout", TIMEOUT_S)
    for prop in ("Handler", "Runtime", "CodeUri", "Layers"):
        function.add_property_deletion_override(prop)
