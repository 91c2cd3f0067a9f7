"""Peak memory of each handler on one realistic story, each in a fresh interpreter, as a Lambda runs it.

The functions are configured with 256 MB; the goal leaves room for a bigger photo or a busier batch. A
story (text and a 12-megapixel phone photo) is taken through the pipeline once on in-memory adapters,
and the state each handler starts from is saved, with the adapters each handler used. Each handler
then runs in its own fresh interpreter from that state, so one handler's imports and leftovers never
count against another.

Three things keep the figure close to what Lambda reports as "Max Memory Used". The stored objects
(the raw email, the photo, the versions) live in files, read back on each get, as S3 keeps them
outside the function. And the boto3 clients the real function would create for the adapters it used
(S3, DynamoDB, SQS, SES, SSM) are created before the handler runs and held while it runs: the first
client loads botocore's endpoint data and service models, which costs more than any adapter's work.
And each child runs with the environment the Lambda runtime sets (``LAMBDA_TASK_ROOT`` and the
function's name, handler and memory size; see ``lambda_environment``): libraries look at it. The X-Ray
SDK is the one that matters: outside Lambda it builds a client of its own at import to poll sampling
rules (about 18 MB), inside Lambda it leaves sampling to Lambda and builds none.
"""

from __future__ import annotations

import importlib
import io
import json
import os
import pickle
import re
import resource
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus, urlsplit

from local.memory import MemoryS3

# The repository's root. Nothing from bench.stack is imported at the top: the child that runs a handler
# is this module, and bench.stack's imports (requests, smtplib) are the benchmark's, which no deployed
# function holds (3-4 MB of every text handler's figure when they were).
ROOT = Path(__file__).resolve().parents[1]
# Where the approval page carries its form's CSRF token.
CSRF_FIELD = re.compile(r'name="csrf" value="([^"]+)"')

GOAL_MB = 100.0
# The photo inspector is its own function with its own goal (issue 15: 300 MB); the text handlers'
# goal is 100 MB. "route" is the checks function's first pass, which sends a version with photos to
# the inspector; "check" is its second, over the text and what the inspector saw.
INSPECT_GOAL_MB = 300.0
STAGES = ("ingest", "route", "inspect", "check", "notify", "decide", "publish")
# The publish function builds only the channels the rules turn on, and each loads its SDK when built: X
# and the blog by default (rules.py: Mastodon and Bluesky are off until configured), all four when an
# organisation turns every one on. It is measured both ways; the in-memory channels load no SDK, so the
# child imports the adapters whose SDKs the real function would load.
PUBLISH_SDKS = {"publish": ("x",), "publish-all": ("x", "mastodon", "bluesky")}
ROWS = (*STAGES[:-1], *PUBLISH_SDKS)
QUEUE_OF = {
    "ingest": "intake",
    "route": "checks",
    "inspect": "inspect",
    "check": "checks",
    "notify": "notify",
    "publish": "publish",
}
HANDLER_OF = {
    "intake": "on_intake",
    "checks": "on_check",
    "inspect": "on_inspect",
    "notify": "on_notify",
    "publish": "on_publish",
}
BASE_URL = "https://stories.example.gov.uk"
NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
PHOTO_SIZE = (4032, 3024)  # a 12 MP phone camera's default
# What SES writes on top of a message from a staff member whose domain passes SPF, DKIM and DMARC.
SES_AUTH = (
    "Authentication-Results: amazonses.com;\r\n spf=pass (spfCheck: domain of example.gov.uk designates"
    " 192.0.2.10 as permitted sender) client-ip=192.0.2.10; envelope-from=alex.doe@example.gov.uk;"
    " helo=mail.example.gov.uk;\r\n dkim=pass header.i=@example.gov.uk;\r\n"
    " dmarc=pass header.from=example.gov.uk;\r\n"
)
TEXT = (
    "This morning our crew cleared two tonnes of litter from the canal path between the lock and the "
    "old mill. Volunteers from the rowing club joined us at seven, and by ten the towpath was clear "
    "enough for the school walking group. We found three shopping trolleys, a bicycle frame and a "
    "surprising number of traffic cones. Thanks to everyone who helped, and to the residents who "
    "brought tea. The path is open again, and the next clean-up is on the first Saturday of next month."
)


def photo() -> bytes:
    """A JPEG with a phone photo's size in pixels and bytes: smooth gradients with fine grain."""
    from PIL import Image, ImageCms

    w, h = PHOTO_SIZE
    small = Image.linear_gradient("L").resize((w // 8, h // 8))
    grain = Image.effect_noise((w // 8, h // 8), 40)
    rgb = Image.merge("RGB", (small, grain, small.transpose(Image.Transpose.FLIP_LEFT_RIGHT)))
    big = rgb.resize((w, h), Image.Resampling.BICUBIC)
    big = Image.blend(big, Image.effect_noise((w, h), 30).convert("RGB"), 0.15)
    # Phones tag their photos with a colour profile (an iPhone's is Display P3), which intake converts
    # to sRGB: an sRGB profile costs the same conversion.
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    buf = io.BytesIO()
    big.save(buf, "JPEG", quality=90, icc_profile=profile)
    return buf.getvalue()


class OnDisk(MutableMapping[str, Any]):
    """A dict whose values live in files: what S3 holds stays out of the measured process, as in Lambda."""

    def __init__(self, folder: Path, items: Mapping[str, Any]) -> None:
        self._folder = folder
        self._files: dict[str, Path] = {}
        folder.mkdir(parents=True, exist_ok=True)
        for key, value in items.items():
            self[key] = value

    def __getitem__(self, key: str) -> Any:
        return pickle.loads(self._files[key].read_bytes())

    def __setitem__(self, key: str, value: Any) -> None:
        path = self._files.get(key) or self._folder / f"{len(self._files)}.pickle"
        path.write_bytes(pickle.dumps(value))
        self._files[key] = path

    def __delitem__(self, key: str) -> None:
        self._files.pop(key).unlink()

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._files))

    def __len__(self) -> int:
        return len(self._files)


class Used:
    """An adapter that notes, by the container's name for it, that the handler being run used it."""

    def __init__(self, name: str, adapter: Any, log: set[str]) -> None:
        self._name, self._adapter, self._log = name, adapter, log

    def __getattr__(self, attr: str) -> Any:
        self._log.add(self._name)
        return getattr(self._adapter, attr)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self._log.add(self._name)
        return self._adapter(*args, **kwargs)


# The real container's property that builds each adapter's boto3 client (bootstrap.Container): the
# blog and the rules file are both read and written through the S3 client.
REAL_CLIENT_OF = {
    "raw": "raw",
    "stories": "stories",
    "table": "table",
    "counters": "counters",
    "mailer": "mailer",
    "queues": "queues",
    "secrets": "secrets",
    "blog": "s3_client",
    "rules": "s3_client",
}


class MemoryChannel:
    """A social channel that keeps its posts in a list (what tests/app records, without pytest)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.posts: list[tuple[str, str]] = []

    def post(
        self,
        text: str,
        *,
        reply_to: str | None = None,
        media: Any = (),
        idempotency_key: str | None = None,  # Mastodon's: the publisher sends one for that channel
        title: str | None = None,  # WordPress's: the story's own title
    ) -> Any:
        from chalicelib.adapters.ports import PostResult

        post_id = f"{self.name}-{len(self.posts) + 1}"
        self.posts.append((post_id, text))
        return PostResult(post_id, f"https://{self.name}.example/{post_id}")

    def find_recent(self, text: str) -> Any:
        return None

    def delete(self, post_id: str) -> None:
        self.posts = [p for p in self.posts if p[0] != post_id]


@dataclass
class World:
    """The in-memory adapters a container is wired with; ``state()`` is what a handler starts from."""

    raw: Any = None
    stories: Any = None
    table: Any = None
    mailer: Any = None
    queues: Any = None
    blog_s3: MemoryS3 = field(default_factory=MemoryS3)

    def __post_init__(self) -> None:
        from chalicelib.definition import QUEUES
        from local.memory import (
            MemoryMailer,
            MemoryQueues,
            MemoryRawStore,
            MemoryStoryStore,
            MemoryStoryTable,
        )

        self.raw, self.stories, self.table = MemoryRawStore(), MemoryStoryStore(), MemoryStoryTable()
        self.mailer = MemoryMailer()
        self.queues = MemoryQueues(known=[q.key for q in QUEUES] + [f"{q.key}-dlq" for q in QUEUES])
        self.used: set[str] = set()  # the adapters (by REAL_CLIENT_OF's names) handlers have used

    def container(self) -> Any:
        from chalicelib.adapters.blog import StaticBlog
        from chalicelib.bootstrap import Container
        from chalicelib.config import Settings
        from chalicelib.policy.rules import load_rules_file
        from local.memory import MemoryCounters, MemorySecrets

        settings = Settings.from_env(
            {
                "RESOURCE_PREFIX": "rs-bench",
                "PUBLIC_BASE_URL": BASE_URL,
                "TRUSTED_AUTHSERV_IDS": "amazonses.com",
            }
        )
        rules = load_rules_file(ROOT / "local" / "rules.yaml")
        keys = json.dumps({"current": "k1", "keys": {"k1": "k" * 40}})
        org = rules.organisation
        adapters = {
            "raw": self.raw,
            "stories": self.stories,
            "table": self.table,
            "mailer": self.mailer,
            "counters": MemoryCounters(),
            "queues": self.queues,
            "secrets": MemorySecrets({settings.link_key_secret: keys}),
            "blog": StaticBlog(
                self.blog_s3,  # type: ignore[arg-type]  # it has the few S3 calls the blog makes
                "blog",
                base_url=f"{BASE_URL}/blog/",
                title=org.blog_title,
                org=org.name,
            ),
            "rules": lambda: rules,
        }
        return Container(
            settings,
            clock=lambda: NOW,
            x=MemoryChannel("x"),
            mastodon=MemoryChannel("mastodon"),
            bluesky=MemoryChannel("bluesky"),
            **{name: Used(name, adapter, self.used) for name, adapter in adapters.items()},
        )

    # The fakes keep their data in plain attributes; copying those (not the locks) is a snapshot.
    def state(self, folder: Path) -> dict[str, Any]:
        """A snapshot whose buckets' objects are written to files in ``folder``."""
        t = self.table
        return {
            "raw": OnDisk(folder / "raw", self.raw.objects),
            "stories": OnDisk(folder / "stories", self.stories.objects),
            "table": (t._records, t._audit, t._markers),
            "blog": OnDisk(folder / "blog", self.blog_s3.objects),
        }

    def restore(self, state: Mapping[str, Any]) -> None:
        self.raw.objects = state["raw"]
        self.stories.objects = state["stories"]
        self.table._records, self.table._audit, self.table._markers = state["table"]
        self.blog_s3.objects = state["blog"]


def _s3_body(bucket: str, key: str) -> str:
    record = {
        "eventVersion": "2.1",
        "eventSource": "aws:s3",
        "awsRegion": "eu-west-2",
        "eventName": "ObjectCreated:Put",
        "s3": {"bucket": {"name": bucket}, "object": {"key": quote_plus(key)}},
    }
    return json.dumps({"Records": [record]})


def sqs_event(queue: str, bodies: list[str]) -> dict[str, Any]:
    from local.pump import lambda_sqs_event

    messages = [
        {"MessageId": str(uuid.uuid4()), "ReceiptHandle": uuid.uuid4().hex, "Body": b} for b in bodies
    ]
    return lambda_sqs_event(messages, f"arn:aws:sqs:eu-west-2:123456789012:rs-bench-{queue}", "eu-west-2")


def api_event(
    method: str, path: str, headers: Mapping[str, str] | None = None, body: str | None = None
) -> dict[str, Any]:
    """The API Gateway (REST, proxy) event Lambda hands the API function for one request.

    Built here rather than through chalice.test, whose client imports Chalice's command line (18 MB)
    that the deployed function never loads.
    """
    import app as chalice_app

    def pattern(route: str, group: str) -> str:
        return re.sub(r"\{[^}]+\}", group, route)

    resource = next(r for r in chalice_app.app.routes if re.fullmatch(pattern(r, "[^/]+"), path))
    values = re.fullmatch(pattern(resource, "([^/]+)"), path)
    assert values is not None
    names = re.findall(r"\{([^}]+)\}", resource)
    all_headers = {"host": urlsplit(BASE_URL).netloc, **(headers or {})}
    return {
        "resource": resource,
        "path": path,
        "httpMethod": method,
        "headers": all_headers,
        "multiValueHeaders": {k: [v] for k, v in all_headers.items()},
        "queryStringParameters": None,
        "multiValueQueryStringParameters": None,
        "pathParameters": dict(zip(names, values.groups(), strict=True)),
        "stageVariables": None,
        "requestContext": {
            "resourcePath": resource,
            "httpMethod": method,
            "path": path,
            "stage": "api",
            "requestId": uuid.uuid4().hex,
            "identity": {"sourceIp": "198.51.100.7"},
        },
        "body": body,
        "isBase64Encoded": False,
    }


def run_stage(stage: str, payload: Any) -> None:
    """Invoke one handler as Lambda would; fail loudly if it did not do its work."""
    import app as chalice_app

    if stage == "decide":
        page = chalice_app.app(api_event("GET", payload), None)
        token = CSRF_FIELD.search(page["body"])
        if token is None:
            raise RuntimeError("the approval page has no csrf field")
        body = f"decision=approve&csrf={token.group(1)}"
        form = {"content-type": "application/x-www-form-urlencoded"}
        resp = chalice_app.app(api_event("POST", payload, form, body), None)
        if resp["statusCode"] != 200:
            raise RuntimeError(f"decide answered {resp['statusCode']}")
        return
    queue = QUEUE_OF[stage]
    handler: Callable[..., dict[str, Any]] = getattr(chalice_app, HANDLER_OF[queue])
    result = handler(sqs_event(queue, payload), None)
    if result.get("batchItemFailures"):
        raise RuntimeError(f"{stage} failed records: {result}")


def snapshots(folder: Path) -> dict[str, tuple[bytes, list[str]]]:
    """Take one story through the pipeline: per handler, its pickled starting state and input (the
    stored objects in files under ``folder``), and the adapters it used."""
    from chalicelib.bootstrap import set_container

    world = World()
    set_container(world.container())
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "alex.doe@example.gov.uk", "stories@example.gov.uk", "Canal path"
    msg.set_content(TEXT)
    # Content-Description is where an email carries a photo's description; without one the
    # accessibility check blocks the story.
    msg.add_attachment(
        photo(),
        maintype="image",
        subtype="jpeg",
        filename="canal.jpg",
        headers=["Content-Description: Volunteers in high-visibility vests on the canal towpath"],
    )
    key = f"raw/email/{uuid.uuid4().hex}"
    world.raw.put_raw(key, SES_AUTH.encode() + msg.as_bytes(), "message/rfc822")

    out: dict[str, tuple[bytes, list[str]]] = {}

    def stage(name: str, payload: Any) -> None:
        start = pickle.dumps((world.state(folder / name), payload))
        world.used.clear()
        run_stage(name, payload)
        out[name] = (start, sorted(world.used))

    try:
        stage("ingest", [_s3_body("rs-bench-intake", key)])
        [story_key] = [k for k in world.stories.objects if k.endswith("/story.json")]
        stage("route", [_s3_body("rs-bench-stories", story_key)])
        stage("inspect", [json.dumps(b) for b in world.queues.drain("inspect")])
        stage("check", [json.dumps(b) for b in world.queues.drain("checks")])
        stage("notify", [json.dumps(b) for b in world.queues.drain("notify")])
        approval = next(m for m in world.mailer.sent if "comms@example.gov.uk" in m.to)
        link = next(w for w in approval.text.split() if "/a/" in w)
        stage("decide", urlsplit(link).path)
        stage("publish", [json.dumps(b) for b in world.queues.drain("publish")])
        record = world.table.list()[0]
        if record.state.value != "PUBLISHED":
            raise RuntimeError(f"the story ended {record.state.value}, not PUBLISHED")
    finally:
        set_container(None)
    return out


def real_clients(used: list[str]) -> list[Any]:
    """The adapters a real container builds for ``used``, holding the boto3 clients Lambda would hold.

    Building them makes no AWS call; a region is all boto3 needs.
    """
    from chalicelib.bootstrap import Container
    from chalicelib.config import Settings

    real = Container(Settings.from_env({"RESOURCE_PREFIX": "rs-bench", "AWS_REGION": "eu-west-2"}))
    return [getattr(real, REAL_CLIENT_OF[name]) for name in used]


def child(row: str, path: str, used: list[str]) -> None:
    """In a fresh interpreter: import the app as Lambda does, build the AWS clients the handler's
    adapters would hold, restore the state (stored objects in files), run one handler."""
    import app  # noqa: F401 - the import is part of what every function holds
    from chalicelib.bootstrap import set_container

    for sdk in PUBLISH_SDKS.get(row, ()):
        importlib.import_module(f"chalicelib.adapters.{sdk}")
    stage = "publish" if row in PUBLISH_SDKS else row

    clients = real_clients(used)
    state, payload = pickle.loads(Path(path).read_bytes())
    world = World()
    world.restore(state)
    set_container(world.container())
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    run_stage(stage, payload)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"before_kb": before, "peak_kb": peak, "clients": len(clients)}))


def lambda_environment(stage: str) -> dict[str, str]:
    """This process's environment plus what the Lambda runtime sets for the stage's function.

    The names are those in AWS's "Defined runtime environment variables" table; the values are the
    deployed function's (Python 3.11, 256 MB, the stage's handler in app.py).
    """
    handler = "app.app" if stage == "decide" else f"app.{HANDLER_OF[QUEUE_OF[stage]]}"
    return {
        **os.environ,
        "LAMBDA_TASK_ROOT": str(ROOT),
        "LAMBDA_RUNTIME_DIR": "/var/runtime",
        "AWS_EXECUTION_ENV": "AWS_Lambda_python3.11",
        "AWS_LAMBDA_FUNCTION_NAME": f"rs-bench-{stage}",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "256",
        "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
        "_HANDLER": handler,
    }


# Linux carries a process's peak RSS across exec, so a child started straight from this (large)
# process would report our peak as its own. A small interpreter in between starts it from a clean slate.
LAUNCHER = "import subprocess, sys; sys.exit(subprocess.call(sys.argv[1:]))"


def measure() -> dict[str, tuple[float, float]]:
    """(MB held before the handler ran, peak MB) per stage, each in a fresh interpreter."""
    results: dict[str, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as tmp:
        from bench.stack import quiet

        with quiet():
            staged = snapshots(Path(tmp))
        for name in ROWS:
            stage = "publish" if name in PUBLISH_SDKS else name
            blob, used = staged[stage]
            path = Path(tmp) / f"{stage}.pickle"
            path.write_bytes(blob)
            proc = subprocess.run(
                [
                    sys.executable,
                    "-c",
                    LAUNCHER,
                    sys.executable,
                    "-m",
                    "bench.memory",
                    "--child",
                    name,
                    str(path),
                    ",".join(used),
                ],
                cwd=ROOT,
                env=lambda_environment(stage),
                capture_output=True,
                text=True,
                check=False,
            )
            if proc.returncode != 0:
                raise RuntimeError(f"the {name} handler failed:\n{proc.stderr[-3000:]}")
            got = json.loads(proc.stdout.strip().splitlines()[-1])
            results[name] = (got["before_kb"] / 1024, got["peak_kb"] / 1024)
    return results


def main() -> int:
    results = measure()
    print("\nmemory: peak RSS (ru_maxrss) of one handler on one story, each in a fresh interpreter")
    print(
        f"  story: {len(TEXT.split())} words and one {PHOTO_SIZE[0]}x{PHOTO_SIZE[1]} JPEG "
        f"({len(photo()) // 1024} KB)"
    )
    print(
        "  in-memory adapters, with the boto3 clients the real ones would hold and the stored objects\n"
        "  in files (as S3 keeps them), in the Lambda runtime's environment; publish renders the real\n"
        "  static blog and loads the SDK of each channel turned on: X by default (publish), X, Mastodon\n"
        "  and Bluesky when all are on (publish-all)"
    )
    for name in ROWS:
        before, peak = results[name]
        goal = INSPECT_GOAL_MB if name == "inspect" else GOAL_MB
        verdict = "met" if peak <= goal else "NOT met"
        print(
            f"  {name:11} {peak:6.1f} MB peak ({before:5.1f} MB after imports)   "
            f"goal <= {goal:.0f} MB: {verdict}"
        )
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3], [u for u in sys.argv[4].split(",") if u])
    else:
        raise SystemExit(main())
