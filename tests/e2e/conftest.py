"""The running local stack, started once for the end-to-end tests exactly as `make run` starts it."""

from __future__ import annotations

import json
import os
import re
import signal
import smtplib
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
import requests
from playwright.sync_api import Browser, Page, sync_playwright

from .log_scan import leaks

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Stack:
    base: str
    smtp_port: int
    aws: str
    proc: subprocess.Popen[str]
    log: Path | None = None

    def mail(self) -> list[dict[str, Any]]:
        return list(requests.get(f"{self.base}/dev/mail.json", timeout=10).json())

    def posts(self) -> list[dict[str, Any]]:
        return list(requests.get(f"{self.base}/dev/x.json", timeout=10).json())

    def send(
        self,
        subject: str,
        body: str,
        *,
        header_from: str = "alex.doe@example.gov.uk",
        envelope_from: str | None = None,
        to: str = "stories@example.gov.uk",
        msg: EmailMessage | None = None,
    ) -> None:
        if msg is None:
            msg = EmailMessage()
            msg["From"] = header_from
            msg["To"] = to
            msg["Subject"] = subject
            msg.set_content(body)
        with smtplib.SMTP("127.0.0.1", self.smtp_port, timeout=10) as s:
            s.send_message(msg, from_addr=envelope_from or header_from, to_addrs=[to])

    def wait_for(self, what: str, probe: Callable[[], Any], timeout: float = 30) -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            got = probe()
            if got:
                return got
            time.sleep(0.2)
        raise AssertionError(f"timed out waiting for {what}")

    def mail_to(self, to: str, subject_contains: str, timeout: float = 30) -> dict[str, Any]:
        def probe() -> dict[str, Any] | None:
            for m in self.mail():
                if to in m["to"] and subject_contains in m["subject"]:
                    return m
            return None

        return dict(self.wait_for(f"mail to {to} about {subject_contains!r}", probe, timeout))

    def cli(self, *args: str) -> str:
        """What `stories …` prints against this stack, as an operator would run it."""
        cmd = [
            str(ROOT / ".venv/bin/stories"),
            *args,
            "--endpoint",
            self.aws,
            "--prefix",
            "real-stories-local",
        ]
        return subprocess.run(cmd, capture_output=True, text=True, check=True, timeout=60).stdout

    def stories(self) -> list[dict[str, Any]]:
        return list(json.loads(self.cli("list", "--json")))

    def audit(self, story_id: str) -> str:
        """The story's audit trail as `stories audit` prints it."""
        return self.cli("audit", story_id)

    def story(self, title: str) -> dict[str, Any] | None:
        for s in self.stories():
            if s["title"] == title:
                return s
        return None


def link_in(mail: dict[str, Any], path: str) -> str:
    for link in mail["links"]:
        if f"/{path}/" in link:
            return str(link)
    raise AssertionError(f"no /{path}/ link in {mail['subject']!r}")


def csrf_in(html: str) -> str:
    m = re.search(r'name="csrf" value="([^"]+)"', html)
    assert m, "no csrf field on the page"
    return m.group(1)


# Every stack this session started, so the last test can check their logs against their secrets.


@contextmanager
def running_stack(rules: Path | None = None) -> Iterator[Stack]:
    """`stories run` in a subprocess on free ports, exactly as `make run` starts it; Ctrl-C at the end."""
    ports = {"console": free_port(), "smtp": free_port(), "aws": free_port(), "x": free_port()}
    # INFO, not the WARNING the test process uses: the log scan after the suite needs lines to read.
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "POWERTOOLS_LOG_LEVEL": "INFO"}
    for k in ("AWS_ENDPOINT_URL", "RESOURCE_PREFIX"):
        env.pop(k, None)
    (ROOT / ".local-state").mkdir(exist_ok=True)
    log = open(ROOT / ".local-state" / f"e2e-{ports['console']}.log", "w")  # noqa: SIM115 - closed below
    args = [
        sys.executable, "-m", "local.cli", "run",
        "--port", str(ports["console"]), "--smtp-port", str(ports["smtp"]),
        "--aws-port", str(ports["aws"]), "--x-port", str(ports["x"]),
    ]  # fmt: skip
    if rules is not None:
        args += ["--rules", str(rules)]
    proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{ports['console']}"
    s = Stack(base=base, smtp_port=ports["smtp"], aws=f"http://127.0.0.1:{ports['aws']}", proc=proc)
    s.log = Path(log.name)
    try:

        def healthy() -> bool:
            if proc.poll() is not None:
                raise AssertionError(f"the stack exited: see {log.name}")
            try:
                return requests.get(f"{base}/healthz", timeout=2).status_code == 200
            except requests.ConnectionError:
                return False

        s.wait_for("the stack to be healthy", healthy, timeout=90)
        yield s
    finally:
        # Checked before Ctrl-C: the secrets live in the stack's own moto server.
        leaked = (
            leaks(s.aws, Path(log.name)) if proc.poll() is None else ["the stack stopped before its log scan"]
        )
        proc.send_signal(signal.SIGINT)
        try:
            code = proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            code = -9
        log.close()
        assert code == 0, "Ctrl-C did not stop the stack cleanly"
        assert leaked == [], leaked


@pytest.fixture(scope="session")
def stack() -> Iterator[Stack]:
    with running_stack() as s:
        yield s


@pytest.fixture(scope="session")
def two_step_stack() -> Iterator[Stack]:
    with running_stack(Path(__file__).parent / "two_step_rules.yaml") as s:
        yield s


CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def assert_accessible(page: Page) -> None:
    """axe-core on the page as it is now: no serious or critical violations."""
    # evaluate() runs outside the page's Content-Security-Policy, which forbids injected scripts.
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    bad = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not bad, f"{page.url}: " + "; ".join(bad)
