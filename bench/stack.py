"""The local stack as the end-to-end benchmarks drive it: ``stories run`` in its own process on free ports.

A separate process matters on a small machine: the load generator's threads would otherwise share one
interpreter lock with the pumps and handlers they are measuring.
"""

from __future__ import annotations

import base64
import json
import os
import re
import signal
import smtplib
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import compat32
from pathlib import Path
from typing import Any, TypeVar

import requests

ROOT = Path(__file__).resolve().parents[1]
PREFIX = "real-stories-local"
REGION = "eu-west-2"
T = TypeVar("T")

# Clean texts that pass every check under local/rules.yaml, so each story goes straight to approval.
STORY_TEXTS = (
    "This morning our crew cleared litter from the canal path before the school run. Thanks to "
    "everyone who stopped to say hello.",
    "The central library now opens at 8am on weekdays, so people can borrow books on the way to work.",
    "Our gritters are out on every A-road tonight from 8pm. Please drive carefully and give them room.",
    "Bin collections move to Tuesday this week because of the bank holiday. Thank you for your patience.",
)


def tag(n: int = 8) -> str:
    """A unique word of letters only: digits in a title can look like a phone or case number to the
    checks, which would block the story and stall the benchmark."""
    return uuid.uuid4().hex[:n].translate(str.maketrans("0123456789", "ghijkmnpqr"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def csrf_in(html: str) -> str:
    m = re.search(r'name="csrf" value="([^"]+)"', html)
    if m is None:
        raise RuntimeError("no csrf field on the page")
    return m.group(1)


def link_in(mail: dict[str, Any], path: str) -> str:
    for link in mail["links"]:
        if f"/{path}/" in link:
            return str(link)
    raise RuntimeError(f"no /{path}/ link in {mail['subject']!r}")


def wait_for(what: str, probe: Callable[[], T | None], timeout: float, every: float = 0.05) -> T:
    """Poll ``probe`` until it answers. The console rebuilds /dev/mail.json from every sent message on
    each request, so the pause grows with the probe's cost: polling must not starve the pipeline it is
    timing (the stack has the same two cores)."""
    deadline = time.monotonic() + timeout
    while True:
        start = time.monotonic()
        got = probe()
        if got:
            return got
        took = time.monotonic() - start
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(max(every, 2 * took))


_FOLD = re.compile(r"\r?\n(?=[ \t])")


def sent_headers(entry: dict[str, Any]) -> dict[str, Any]:
    """Subject and recipients of a message from ``Stack.sent``, read from its header block alone (the
    whole message, parts and all, is parsed only for the few a reader opens: ``sent_in_full``)."""
    from email.header import decode_header, make_header
    from email.parser import BytesHeaderParser

    if "raw_b64" not in entry and "raw" not in entry:  # a simple (not raw) send
        return {"id": entry["id"], "subject": entry["subject"], "to": list(entry["to"]), "entry": entry}
    raw = base64.b64decode(entry["raw_b64"]) if "raw_b64" in entry else str(entry["raw"]).encode()
    head = BytesHeaderParser(policy=compat32).parsebytes(raw)

    def text(name: str) -> str:
        return str(make_header(decode_header(_FOLD.sub("", str(head.get(name, ""))))))

    to = [a.strip() for a in text("To").split(",") if a.strip()]
    return {"id": entry["id"], "subject": text("Subject"), "to": to, "entry": entry}


def sent_in_full(entry: dict[str, Any]) -> dict[str, Any]:
    """A message from ``Stack.sent`` as /dev/mail.json gives it: text, html, links and headers too."""
    from local.mailbox import LINK, SentMail, parse_raw

    if "raw_b64" in entry:
        return parse_raw(entry["id"], base64.b64decode(entry["raw_b64"])).to_dict()
    if "raw" in entry:
        return parse_raw(entry["id"], str(entry["raw"])).to_dict()
    return SentMail(
        id=entry["id"],
        to=list(entry["to"]),
        sender=entry["source"],
        subject=entry["subject"],
        text=entry["body"],
        html="",
        links=LINK.findall(entry["body"]),
        headers={},
    ).to_dict()


@dataclass
class Stack:
    base: str
    smtp_port: int
    aws: str
    log: Path

    def mail(self, since: int = 0) -> list[dict[str, Any]]:
        """The sent mail, oldest first; with ``since``, only what came after the first ``since``."""
        params = {"since": str(since)} if since else None
        return list(requests.get(f"{self.base}/dev/mail.json", params=params, timeout=60).json())

    def sent(self, since: int = 0) -> list[dict[str, Any]]:
        """SES's sent messages after the first ``since``, as moto holds them (raw), read from moto itself:
        /dev/mail.json parses every message in the stack's process, which is the one being measured."""
        from local.moto_process import SENT_PATH

        params = {"since": str(since), "region": REGION}
        return list(requests.get(f"{self.aws}{SENT_PATH}", params=params, timeout=60).json())

    def posts(self) -> list[dict[str, Any]]:
        return list(requests.get(f"{self.base}/dev/x.json", timeout=60).json())

    def send(self, subject: str, body: str, sender: str = "alex.doe@example.gov.uk") -> None:
        msg = EmailMessage()
        msg["From"], msg["To"], msg["Subject"] = sender, "stories@example.gov.uk", subject
        msg.set_content(body)
        with smtplib.SMTP("127.0.0.1", self.smtp_port, timeout=30) as s:
            s.send_message(msg)

    def decide(self, http: requests.Session, link: str, decision: str) -> requests.Response:
        """What a person does with an emailed link: open the page, then press the button on it."""
        page = http.get(link, timeout=60)
        page.raise_for_status()
        resp = http.post(link, data={"decision": decision, "csrf": csrf_in(page.text)}, timeout=60)
        resp.raise_for_status()
        return resp

    def records(self) -> list[dict[str, Any]]:
        """Every story's row, read from the stack's table through the same composition root as the CLI."""
        with aws_env(self.aws):
            from chalicelib.bootstrap import Container
            from chalicelib.config import Settings

            table = Container(Settings.from_env({**os.environ, "RESOURCE_PREFIX": PREFIX})).table
            return [
                {"id": r.story_id, "state": r.state.value, "title": r.title, "version": r.version}
                for r in table.list()
            ]

    def dlq_depths(self) -> dict[str, int]:
        return self._depths(dead_letter=True)

    def queue_depths(self) -> dict[str, int]:
        return self._depths(dead_letter=False)

    def _depths(self, *, dead_letter: bool) -> dict[str, int]:
        """Messages waiting or in flight on each queue (or its dead-letter queue)."""
        import boto3

        from chalicelib.definition import QUEUES, Resources

        res = Resources(PREFIX)
        sqs = boto3.client(
            "sqs",
            endpoint_url=self.aws,
            region_name=REGION,
            aws_access_key_id="local",
            aws_secret_access_key="local",
        )
        out = {}
        for q in QUEUES:
            name = res.dlq(q.key) if dead_letter else res.queue(q.key)
            url = sqs.get_queue_url(QueueName=name)["QueueUrl"]
            attrs = sqs.get_queue_attributes(
                QueueUrl=url,
                AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
            )["Attributes"]
            out[q.key] = sum(int(v) for v in attrs.values())
        return out

    def log_errors(self) -> list[str]:
        """Lines the stack logged at ERROR or worse (a crashed handler, a parked message)."""
        bad = []
        for line in self.log.read_text(encoding="utf-8", errors="replace").splitlines():
            try:
                level = json.loads(line).get("level", "")
            except (ValueError, AttributeError):
                level = "ERROR" if line.startswith("Traceback") else ""
            if level in ("ERROR", "CRITICAL"):
                bad.append(line[:300])
        return bad


@contextmanager
def quiet() -> Iterator[None]:
    """The pipeline's INFO logs and EMF metrics, when it runs in this process, would bury the figures."""
    import contextlib
    import io

    from chalicelib.observability import logger

    level = logger.log_level
    logger.setLevel("WARNING")
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            yield
    finally:
        logger.setLevel(level)


@contextmanager
def aws_env(endpoint: str) -> Iterator[None]:
    """boto3 clients built inside this block reach the stack's moto server, as ``stories list`` does."""
    wanted = {
        "AWS_ENDPOINT_URL": endpoint,
        "AWS_ACCESS_KEY_ID": "local",
        "AWS_SECRET_ACCESS_KEY": "local",
        "AWS_DEFAULT_REGION": REGION,
    }
    saved = {k: os.environ.get(k) for k in wanted}
    os.environ.update(wanted)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


# Benchmarks play many members of staff from one machine (one client address, a few senders): the
# hourly limits that stop a flood would stop them too.
UNLIMITED: dict[str, Any] = {
    "limits": {
        "form_per_address_per_hour": 1_000_000,
        "form_per_client_per_hour": 1_000_000,
        "confirmations_per_address_per_hour": 1_000_000,
        "email_per_sender_per_hour": 1_000_000,
    }
}


def rules_with(overrides: dict[str, Any], folder: Path) -> Path:
    """The local rules file with some sections replaced, written to ``folder``."""
    import yaml

    rules = yaml.safe_load((ROOT / "local" / "rules.yaml").read_text(encoding="utf-8"))
    rules.update(overrides)
    path = folder / "rules.yaml"
    path.write_text(yaml.safe_dump(rules), encoding="utf-8")
    return path


@contextmanager
def running_stack(rules_overrides: dict[str, Any] | None = None) -> Iterator[Stack]:
    """``stories run`` on free ports, as the end-to-end tests start it; Ctrl-C (SIGINT) at the end."""
    ports = {"console": free_port(), "smtp": free_port(), "aws": free_port(), "x": free_port()}
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    for k in ("AWS_ENDPOINT_URL", "RESOURCE_PREFIX"):
        env.pop(k, None)
    log_dir = Path(tempfile.mkdtemp(prefix="bench-stack-"))
    log_path = log_dir / "stack.log"
    args = [
        sys.executable, "-m", "local.cli", "run",
        "--port", str(ports["console"]), "--smtp-port", str(ports["smtp"]),
        "--aws-port", str(ports["aws"]), "--x-port", str(ports["x"]),
    ]  # fmt: skip
    if rules_overrides:
        args += ["--rules", str(rules_with(rules_overrides, log_dir))]
    with open(log_path, "w", encoding="utf-8") as log:
        proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
        base = f"http://127.0.0.1:{ports['console']}"
        stack = Stack(base, ports["smtp"], f"http://127.0.0.1:{ports['aws']}", log_path)
        try:

            def healthy() -> bool:
                if proc.poll() is not None:
                    raise RuntimeError(f"the stack exited: see {log_path}")
                try:
                    return requests.get(f"{base}/healthz", timeout=2).status_code == 200
                except requests.ConnectionError:
                    return False

            wait_for("the stack to be healthy", healthy, timeout=120, every=0.2)
            yield stack
        finally:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
