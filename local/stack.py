"""The embedded local stack: moto's server, the real handlers behind queue pumps, SMTP intake, a fake X
and the dev console, all on loopback, started and stopped as one."""

from __future__ import annotations

import json
import logging
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

LOCAL_PREFIX = "real-stories-local"
REGION = "eu-west-2"
DEFAULT_RULES = Path(__file__).parent / "rules.yaml"


# Invocations of each queue's handler at once: the maximum concurrency infra/stack.py gives each SQS
# event source (its CONCURRENCY; tests/infra/test_local_pollers.py keeps the two the same).
POLLERS: dict[str, int] = {"on_intake": 5, "on_check": 5, "on_inspect": 2, "on_notify": 5, "on_publish": 2}
# How often the sweep runs: app.py's schedule for on_schedule, every 5 minutes (the same test keeps them
# equal). Each sweep reads the whole table, so a faster local rate cost a load run a scan per minute
# that the deployed stack does not make.
SCHEDULE_EVERY_S = 300.0

_dynamodb_lock = threading.Lock()


def serialise_moto_dynamodb() -> None:
    """One DynamoDB request at a time in moto's server, as DynamoDB's own atomicity would have it.

    moto's TransactWriteItems deep-copies the table while other request threads write to it; under
    concurrent stories that fails with "dictionary changed size during iteration" (a 500 the SDK then
    retries). Serialising moto's DynamoDB handler removes the race; the real service has none.
    """
    from moto.dynamodb.responses import DynamoHandler

    original = DynamoHandler.call_action
    if getattr(original, "serialised", False):
        return

    def call_action(self: Any) -> Any:
        with _dynamodb_lock:
            return original(self)

    call_action.serialised = True  # type: ignore[attr-defined]
    DynamoHandler.call_action = call_action  # type: ignore[method-assign]


def lighten_moto_server() -> None:
    """Take out two costs of moto's server that grow with nothing a real service's would.

    Both were found by profiling the load benchmark, where the stack holds one interpreter lock:
    - each request listed moto's package folder on disk (~200 ``isdir`` calls) to find its service,
      under the dispatcher's lock; the folder does not change while the server runs, so it is read once;
    - each message SQS received was checked against its queue's retention period by building all the
      queue's attributes, three times over, and so counting every message on the queue each time: a
      receive cost the square of the backlog. The period alone is read now; the verdict is the same;
      and a send to a standard queue no longer counts its backlog either (see below).
    """
    import moto.backends
    from moto.core.utils import unix_time
    from moto.sqs.models import Message, Queue, SQSBackend

    if getattr(moto.backends.list_of_moto_modules, "cached", False):
        return
    modules = tuple(moto.backends.list_of_moto_modules())

    def list_of_moto_modules() -> Iterable[str]:
        return modules

    list_of_moto_modules.cached = True  # type: ignore[attr-defined]
    moto.backends.list_of_moto_modules = list_of_moto_modules

    def is_message_valid_based_on_retention_period(
        self: SQSBackend, queue_name: str, message: Message
    ) -> bool:
        retention_period = int(self.get_queue(queue_name).message_retention_period)  # type: ignore[attr-defined]
        return bool(retention_period + message.sent_timestamp / 1000 > unix_time())  # type: ignore[operator]

    SQSBackend.is_message_valid_based_on_retention_period = is_message_valid_based_on_retention_period  # type: ignore[method-assign]

    # Each send built all its queue's attributes too, counting the backlog, only to read the one that
    # says whether a FIFO queue deduplicates by content; a standard queue has no such attribute.
    sending = threading.local()
    all_attributes = Queue.attributes.fget  # type: ignore[attr-defined]

    def attributes(self: Queue) -> dict[str, Any]:
        if getattr(sending, "active", False) and not self.fifo_queue:
            return {}
        return all_attributes(self)  # type: ignore[no-any-return]

    send_message = SQSBackend.send_message

    def send_message_counting_nothing(self: SQSBackend, *args: Any, **kwargs: Any) -> Message:
        sending.active = True
        try:
            return send_message(self, *args, **kwargs)
        finally:
            sending.active = False

    Queue.attributes = property(attributes)  # type: ignore[assignment,method-assign]
    SQSBackend.send_message = send_message_counting_nothing  # type: ignore[method-assign]


# Connections each AWS client keeps open to moto: every pump thread, console request and SMTP session in
# this one process shares the handlers' clients, where a Lambda invocation has its own process.
LOCAL_POOL_CONNECTIONS = 64


def pool_aws_connections(size: int = LOCAL_POOL_CONNECTIONS) -> None:
    """Let every botocore client built from now on in this process keep ``size`` connections open.

    botocore keeps 10 per client and closes any more once used. A Lambda function runs one invocation
    at a time per process, so it never has more; the local stack runs 19 pump threads and the console's
    on the same clients, so most calls under load opened a new connection to moto, and moto started a
    thread for each (about 250 a second in a 500-story run). The handlers' own Config sets no pool
    size, so the default is what is raised, here and in no deployed code.
    """
    from botocore.config import Config

    defaults: dict[str, Any] = Config.OPTION_DEFAULTS
    defaults["max_pool_connections"] = max(size, int(defaults["max_pool_connections"]))


def start_moto_process(host: str, port: int, timeout_s: float = 60.0) -> Callable[[], None]:
    """moto's server in a child process on ``host:port``, ready to answer; returns what stops it.

    SES's sent mail is then read from it over HTTP (``local.mailbox``)."""
    from local.mailbox import read_sent_mail_from

    proc = subprocess.Popen(  # noqa: S603 - this interpreter and module, host and port from Ports
        [sys.executable, "-m", "local.moto_process", "--host", host, "--port", str(port)],
        cwd=Path(__file__).resolve().parents[1],
        stdin=subprocess.PIPE,
    )

    def stop() -> None:
        read_sent_mail_from(None)
        if proc.stdin is not None:
            proc.stdin.close()  # the child ends when its standard input closes
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

    deadline = time.monotonic() + timeout_s
    while True:
        if proc.poll() is not None:
            raise OSError(f"moto's server exited with code {proc.returncode} before it answered")
        try:
            with socket.create_connection((host, port), timeout=1):
                break
        except OSError:
            if time.monotonic() > deadline:
                stop()
                raise OSError(
                    f"moto's server did not answer on {host}:{port} within {timeout_s:.0f} s"
                ) from None
            time.sleep(0.05)
    read_sent_mail_from(f"http://{host}:{port}")
    return stop


@dataclass
class Ports:
    console: int = 8000
    smtp: int = 2525
    moto: int = 4566
    x: int = 8025


@dataclass
class LocalStack:
    ports: Ports = field(default_factory=Ports)
    rules_path: Path = DEFAULT_RULES
    host: str = "127.0.0.1"
    retry_delay_s: int = 1
    schedule_every_s: float = SCHEDULE_EVERY_S
    # moto in its own process (local/moto_process.py) gives it a core of its own; in this one it shares
    # the handlers' interpreter lock.
    moto_in_process: bool = False
    _stoppers: list[Any] = field(default_factory=list)
    _ready: dict[str, bool] = field(default_factory=dict)

    def urls(self) -> dict[str, str]:
        base = f"http://{self.host}:{self.ports.console}"
        return {
            "submit": f"{base}/submit",
            "mail": f"{base}/dev/mail",
            "x": f"{base}/dev/x",
            "blog": f"{base}/blog/",
            "health": f"{base}/healthz",
            "smtp": f"smtp://{self.host}:{self.ports.smtp}",
            "aws": f"http://{self.host}:{self.ports.moto}",
        }

    def env(self, x_base_url: str) -> dict[str, str]:
        from local.smtp_intake import LOCAL_AUTHSERV_ID

        return {
            "AWS_ENDPOINT_URL": f"http://{self.host}:{self.ports.moto}",
            "AWS_ACCESS_KEY_ID": "local",
            "AWS_SECRET_ACCESS_KEY": "local",
            "AWS_DEFAULT_REGION": REGION,
            "AWS_REGION": REGION,
            "RESOURCE_PREFIX": LOCAL_PREFIX,
            "PUBLIC_BASE_URL": f"http://{self.host}:{self.ports.console}",
            "RULES_SOURCE": f"file:{self.rules_path}",
            "TRUSTED_AUTHSERV_IDS": LOCAL_AUTHSERV_ID,
            "X_API_BASE_URL": x_base_url,
            "POWERTOOLS_METRICS_DISABLED": "true",
            "POWERTOOLS_TRACE_DISABLED": "true",
            "POWERTOOLS_SERVICE_NAME": "real-stories",
        }

    def start(self) -> None:
        # moto's server logs every request; the pipeline's own JSON logs are what a developer wants to read.
        logging.getLogger("werkzeug").setLevel(logging.WARNING)
        pool_aws_connections()
        if self.moto_in_process:
            from moto.server import ThreadedMotoServer

            from local.moto_speedups import (
                answer_dynamodb_directly,
                answer_requests_lightly,
                parse_each_update_expression_once,
                traverse_update_expressions_lightly,
            )

            serialise_moto_dynamodb()
            lighten_moto_server()
            answer_dynamodb_directly()
            traverse_update_expressions_lightly()
            parse_each_update_expression_once()
            answer_requests_lightly()
            moto = ThreadedMotoServer(ip_address=self.host, port=self.ports.moto, verbose=False)
            moto.start()
            self._stoppers.append(moto.stop)
        else:
            self._stoppers.append(start_moto_process(self.host, self.ports.moto))
        self._ready["aws"] = True

        x_creds = {
            "consumer_key": secrets.token_hex(12),
            "consumer_secret": secrets.token_hex(24),
            # X access tokens start with the account's numeric id
            "access_token": f"{secrets.randbelow(10**12)}-{secrets.token_hex(12)}",
            "access_token_secret": secrets.token_hex(24),
        }
        from local.fakes.x import FakeX

        fake_x = FakeX(
            x_creds["consumer_key"],
            x_creds["consumer_secret"],
            x_creds["access_token"],
            x_creds["access_token_secret"],
            port=self.ports.x,
        )
        fake_x.start()
        self.fake_x = fake_x
        self._stoppers.append(fake_x.stop)
        self._ready["x"] = True

        from local.fakes.bluesky import FakeBluesky
        from local.fakes.mastodon import FakeMastodon
        from local.fakes.wordpress import FakeWordPress

        mastodon_token = secrets.token_urlsafe(32)
        bluesky_password = "-".join(secrets.token_hex(2) for _ in range(4))
        wordpress_password = " ".join(secrets.token_hex(2) for _ in range(6))
        self.fake_mastodon = FakeMastodon(mastodon_token).start()
        self.fake_bluesky = FakeBluesky("realstories.bsky.social", bluesky_password).start()
        self.fake_wordpress = FakeWordPress("realstories", wordpress_password).start()
        for fake in (self.fake_mastodon, self.fake_bluesky, self.fake_wordpress):
            self._stoppers.append(fake.stop)
        channel_secrets = {
            "mastodon-credentials": json.dumps(
                {"api_base_url": self.fake_mastodon.base_url, "access_token": mastodon_token}
            ),
            "bluesky-credentials": json.dumps(
                {
                    "service_url": self.fake_bluesky.base_url,
                    "handle": "realstories.bsky.social",
                    "app_password": bluesky_password,
                }
            ),
            "wordpress-credentials": json.dumps(
                {
                    "base_url": self.fake_wordpress.base_url,
                    "username": "realstories",
                    "application_password": wordpress_password,
                }
            ),
        }

        os.environ.update(self.env(fake_x.base_url))

        import boto3

        from chalicelib.definition import QUEUES, Resources
        from local.aws_resources import create_resources

        res = Resources(LOCAL_PREFIX)
        session = boto3.session.Session(region_name=REGION)
        # Fresh secrets every run: nothing secret is stored in the repository or reused between runs.
        create_resources(
            session,
            res,
            secrets={
                "link-signing-key": json.dumps({"current": "k1", "keys": {"k1": secrets.token_urlsafe(48)}}),
                "x-credentials": json.dumps(x_creds),
                **channel_secrets,
            },
            sender_domains=self._sender_domains(),
        )
        self._ready["resources"] = True

        import app as chalice_app
        from local.pump import QueuePump, Ticker

        sqs = session.client("sqs")
        for q in QUEUES:
            url = sqs.get_queue_url(QueueName=res.queue(q.key))["QueueUrl"]
            arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"][
                "QueueArn"
            ]
            pump = QueuePump(
                sqs,
                name=q.key,
                queue_url=url,
                queue_arn=arn,
                handler=getattr(chalice_app, q.handler),
                batch_size=1 if q.key == "publish" else 10,
                region=REGION,
                retry_delay_s=self.retry_delay_s,
                pollers=POLLERS.get(q.handler, 1),
            )
            pump.start()
            self._stoppers.append(pump.stop)
        ticker = Ticker(
            chalice_app.on_schedule, name="schedule", every_s=self.schedule_every_s, region=REGION
        )
        ticker.start()
        self._stoppers.append(ticker.stop)
        self._ready["pumps"] = True

        s3 = session.client("s3")
        from local.smtp_intake import SmtpIntake

        rules = self._rules()

        def store(key: str, data: bytes) -> None:
            s3.put_object(Bucket=res.intake_bucket, Key=key, Body=data, ContentType="message/rfc822")

        smtp = SmtpIntake(
            store=store,
            host=self.host,
            port=self.ports.smtp,
            recipients=(rules.organisation.submission_address,),
            staff_domains=rules.organisation.staff_domains,
        )
        smtp.start()
        self._stoppers.append(smtp.stop)
        self._ready["smtp"] = True

        from local.console import Console

        console = Console(
            app=chalice_app.app,
            host=self.host,
            port=self.ports.console,
            s3=s3,
            blog_bucket=res.blog_bucket,
            x_posts=lambda: posts_with_alt_text(fake_x.posts(), fake_x.media()),
            channel_posts={
                "mastodon": self.fake_mastodon.statuses,
                "bluesky": self.fake_bluesky.posts,
                "wordpress": self.fake_wordpress.posts,
            },
            ready=lambda: dict(self._ready),
            region=REGION,
        )
        console.start()
        self._stoppers.append(console.stop)
        self._ready["console"] = True

    def _rules(self) -> Any:
        from chalicelib.policy.rules import load_rules_file

        return load_rules_file(self.rules_path)

    def _sender_domains(self) -> tuple[str, ...]:
        org = self._rules().organisation
        return (org.sender_address.rsplit("@", 1)[-1],)

    def stop(self) -> None:
        for stop in reversed(self._stoppers):
            try:
                stop()
            except Exception as e:
                print(f"while stopping: {e}")
        self._stoppers.clear()

    def run_until_interrupted(self) -> None:
        done = threading.Event()
        signal.signal(signal.SIGINT, lambda *_: done.set())
        signal.signal(signal.SIGTERM, lambda *_: done.set())
        self.start()
        urls = self.urls()
        width = max(len(k) for k in urls)
        print("\nReal Stories is running on this machine:\n", flush=True)
        labels = {
            "submit": "web form",
            "mail": "sent mail",
            "x": "fake X posts",
            "blog": "blog",
            "health": "health",
            "smtp": "send stories by email (to stories@…)",
            "aws": "AWS (moto)",
        }
        for k, v in urls.items():
            print(f"  {k.ljust(width)}  {v}   {labels[k]}", flush=True)
        print("\nPress Ctrl-C to stop.\n", flush=True)
        done.wait()
        print("Stopping…", flush=True)
        self.stop()
        print("Stopped.", flush=True)


def posts_with_alt_text(posts: list[dict[str, Any]], media: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """X's posts as the dev console shows them: each with the alt text and size of its photos beside
    their ids (the size tells which file was posted)."""
    alt_of = {str(m["id"]): str(m.get("alt_text") or "") for m in media}
    size_of = {str(m["id"]): int(m.get("size") or 0) for m in media}
    return [
        {
            **p,
            "media_alts": [alt_of.get(str(i), "") for i in p.get("media", [])],
            "media_sizes": [size_of.get(str(i), 0) for i in p.get("media", [])],
        }
        for p in posts
    ]
